import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';
import { areaBox, countryBox, fitReport, hiding, settled } from './layout-probe.ts';

const run = browserAvailable();
const HASH = 'round=72&indicator=idps_ind&lang=en&dataset=mli';

/** A partner's page with the pasted 800×500 iframe, logging the messages the map posts. */
function hostPage(embedSrc: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title></head><body>
<div style="position:relative;width:800px;aspect-ratio:800/500">
<iframe id="atlas" src="${embedSrc}" title="Displacement map" style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>
<script>
window.messages = [];
addEventListener('message', (event) => { if (event.data && event.data.source === 'dtm-atlas') window.messages.push(event.data); });
</script></body></html>`;
}

/**
 * Issue 15, item 10: the embed zooms to the area its host names (on first load and when the host sets a new
 * hash), `ready` carries that area, oEmbed answers 16:10 within maxwidth/maxheight, and the iframe's title
 * follows the map's language.
 */
describe.runIf(run)('the embed and the page that hosts it', () => {
  let harness: Harness;
  let host: Awaited<ReturnType<typeof listenOnLoopback>>;
  let watched: WatchedPage;
  let frame: Frame;
  let mali: [number, number, number, number];

  const messages = () =>
    watched.page.evaluate(() => (window as unknown as { messages: Record<string, any>[] }).messages);

  /** Whether the whole box is on the map, clear of the overlays, and fills much more of it than the country. */
  const zoomedTo = async (box: [number, number, number, number]) => {
    await settled(frame);
    const area = await fitReport(frame, box);
    const country = await fitReport(frame, mali);
    const inside =
      area.box.left >= area.map.left && area.box.right <= area.map.right && area.box.top >= area.map.top;
    const width = (r: { left: number; right: number }) => r.right - r.left;
    return { inside, hidden: hiding(area), larger: width(country.box) > 2 * width(area.box) };
  };

  beforeAll(async () => {
    harness = await startHarness();
    mali = await countryBox(harness.origin);
    const src = `${harness.origin}/embed/#${HASH}&area=ML05`;
    host = await listenOnLoopback(
      () => new Response(hostPage(src), { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    );
    watched = await harness.open(`${host.origin}/`, {
      allowed: [host.origin],
      viewport: { width: 900, height: 700 },
    });
    await watched.page.waitForFunction(
      () => (window as any).messages.some((m: any) => m.type === 'ready'),
      null,
      {
        timeout: 45_000,
      },
    );
    const found = watched.page.frames().find((f) => f.url().startsWith(`${harness.origin}/embed/`));
    if (!found) throw new Error('the iframe did not load the embed page');
    frame = found;
  });

  afterAll(async () => {
    await harness?.close();
    await host?.close();
  });

  it('opens on the area the iframe src names, and says so in `ready`', async () => {
    const ready = (await messages()).find((m) => m.type === 'ready');
    expect(ready?.area).toMatchObject({ pcode: 'ML05', name: 'Mopti', level: 'adm1', status: 'reported' });
    expect(typeof ready?.area.idps_ind).toBe('number');
    expect(await zoomedTo(await areaBox(harness.origin, 'ML05'))).toEqual({
      inside: true,
      hidden: [],
      larger: true,
    });
    await watched.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-host-area-ML05.png') });
  });

  it('zooms to the area the host sets in the hash, without reloading', async () => {
    await watched.page.evaluate(
      ({ origin, hash }) => {
        (document.getElementById('atlas') as HTMLIFrameElement).src = `${origin}/embed/#${hash}&area=ML07`;
      },
      { origin: harness.origin, hash: HASH },
    );
    await watched.page.waitForFunction(() =>
      (window as any).messages.some((m: any) => m.type === 'area-select' && m.area?.pcode === 'ML07'),
    );
    expect(await zoomedTo(await areaBox(harness.origin, 'ML07'))).toEqual({
      inside: true,
      hidden: [],
      larger: true,
    });
    expect((await messages()).filter((m) => m.type === 'ready')).toHaveLength(1);
    await watched.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-host-area-ML07.png') });
  });

  it('answers oEmbed in 16:10 within maxwidth and maxheight, titled in the map’s language', async () => {
    const oembed = async (query: string) => {
      const response = await fetch(`${harness.origin}/oembed?format=json&${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { width: number; height: number; html: string; title: string };
    };
    const fr = encodeURIComponent(`${harness.origin}/#dataset=mli&lang=fr`);
    const narrow = await oembed(`url=${fr}&maxwidth=400`);
    expect([narrow.width, narrow.height]).toEqual([400, 250]);
    expect(narrow.html).toContain('aspect-ratio:400/250');
    expect(narrow.title).toBe('Carte des déplacements : Mali (DTM de l’OIM), DTM Atlas');
    expect(narrow.html).toContain('title="Carte des déplacements : Mali (DTM de l’OIM), DTM Atlas"');
    const low = await oembed(`url=${fr}&maxheight=200`);
    expect([low.width, low.height]).toEqual([320, 200]);
    const both = await oembed(`url=${fr}&maxwidth=1000&maxheight=300`);
    expect([both.width, both.height]).toEqual([480, 300]);
    const en = await oembed(`url=${encodeURIComponent(`${harness.origin}/#dataset=mli&lang=en`)}`);
    expect([en.width, en.height, en.title]).toEqual([
      800,
      500,
      'Displacement map: Mali (IOM DTM), DTM Atlas',
    ]);
  });

  it('gives the embed code with the iframe titled in French when the map is in French', async () => {
    const page = await watched.page.context().newPage();
    await page.goto(`${harness.origin}/#${HASH.replace('lang=en', 'lang=fr')}`);
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    await page.click('#embed-button');
    const code = await page.inputValue('#embed-code');
    expect(code).toContain('title="Carte des déplacements : Mali (DTM de l’OIM), DTM Atlas"');
    expect(code).toContain('aspect-ratio:800/500');
    await page.close();
  });

  it('logs no error and asks no other host for anything', () => {
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
