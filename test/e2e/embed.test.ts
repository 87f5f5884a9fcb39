import path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { type Harness, renderedPcodes, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

const run = browserAvailable();

/** A partner's page on another origin: the pasted iframe, and a log of the messages the map posts. */
function hostPage(embedSrc: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title></head><body>
<h1>Partner page</h1><p style="height:300px">Text above the map.</p>
<div style="position:relative;width:100%;max-width:800px;aspect-ratio:800/500">
<iframe id="atlas" src="${embedSrc}" title="Displacement map" style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>
<p style="height:1200px">Text below the map.</p>
<script>
window.messages = [];
addEventListener('message', (event) => { if (event.data && event.data.source === 'dtm-atlas') window.messages.push({ origin: event.origin, data: event.data }); });
</script></body></html>`;
}

describe.runIf(run)('the embed in a partner page on another origin', () => {
  let harness: Harness;
  let host: Awaited<ReturnType<typeof listenOnLoopback>>;
  let watched: WatchedPage;
  let frame: Frame;

  const messages = () =>
    watched.page.evaluate(
      () => (window as unknown as { messages: { origin: string; data: Record<string, any> }[] }).messages,
    );
  const waitForMessage = (type: string, count = 1) =>
    watched.page.waitForFunction(
      ({ type, count }) =>
        (window as unknown as { messages: { data: { type: string } }[] }).messages.filter(
          (m) => m.data.type === type,
        ).length >= count,
      { type, count },
      { timeout: 30_000 },
    );

  beforeAll(async () => {
    harness = await startHarness();
    const src = `${harness.origin}/embed/#round=72&indicator=idps_ind&lang=en&dataset=mli`;
    host = await listenOnLoopback(
      () => new Response(hostPage(src), { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    );
    watched = await harness.open(`${host.origin}/`, { allowed: [host.origin] });
    await waitForMessage('ready');
    const found = watched.page.frames().find((f) => f.url().startsWith(`${harness.origin}/embed/`));
    if (!found) throw new Error('the iframe did not load the embed page');
    frame = found;
  });

  afterAll(async () => {
    await harness?.close();
    await host?.close();
  });

  it('loads in the iframe, draws the map and says it is ready', async () => {
    const [ready] = await messages();
    expect(ready?.origin).toBe(harness.origin);
    expect(ready?.data).toMatchObject({ type: 'ready', dataset: 'mli', round: { key: '72', number: 72 } });
    expect(
      (await renderedPcodes(frame, 'adm1-fill')).length + (await renderedPcodes(frame, 'adm2-fill')).length,
    ).toBeGreaterThan(5);
    // The legend lists "No data" only where an area of the level shown lacks the figure (issue 12): here,
    // that its title and classes are drawn.
    expect(await frame.textContent('#legend h2')).toContain('IDPs (individuals)');
    expect(await frame.$$eval('#legend li[data-kind="class"]', (items) => items.length)).toBeGreaterThan(1);
    expect(await frame.textContent('#round-output')).toContain('Round 72');
    expect(await frame.$('.maplibregl-ctrl-attrib')).not.toBeNull();
    expect(await frame.getAttribute('link[type="application/json+oembed"]', 'href')).toContain('/oembed?');
    await watched.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-in-partner-page.png') });
  });

  it('leaves page scrolling to the partner page (cooperative gestures)', async () => {
    const box = await watched.page.$eval('#atlas', (iframe) => {
      const r = iframe.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    const zoomBefore = await frame.evaluate(() => (window as any).dtmAtlas.map.getZoom());
    await watched.page.mouse.move(box.x, box.y);
    await watched.page.mouse.wheel(0, 400);
    await watched.page.waitForFunction(() => window.scrollY > 0);
    expect(await frame.evaluate(() => (window as any).dtmAtlas.map.getZoom())).toBe(zoomBefore);
  });

  it('follows a hash set by the partner page without reloading, and posts round-change', async () => {
    await watched.page.evaluate((origin) => {
      const iframe = document.getElementById('atlas') as HTMLIFrameElement;
      iframe.src = `${origin}/embed/#round=2013-06&indicator=idps_ind&lang=fr&dataset=mli`;
    }, harness.origin);
    await waitForMessage('round-change');
    const change = (await messages()).find((m) => m.data.type === 'round-change');
    expect(change?.data.round.key).toBe('2013-06');
    await frame.waitForSelector('body[data-round="2013-06"]');
    expect(await frame.textContent('#round-output')).toContain('2013');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr');
    // Same document: no second `ready`.
    expect((await messages()).filter((m) => m.data.type === 'ready')).toHaveLength(1);
  });

  it('posts area-select when an area is clicked', async () => {
    const point = await frame.evaluate(async () => {
      const { map } = (window as any).dtmAtlas;
      map.jumpTo({ center: [-4.5, 14.5], zoom: 4.5 });
      await new Promise((resolve) => map.once('idle', resolve));
      const p = map.project([-3.2, 14.2]);
      return { x: p.x, y: p.y };
    });
    const iframeBox = await watched.page.$eval('#atlas', (iframe) => {
      const r = iframe.getBoundingClientRect();
      return { x: r.left, y: r.top };
    });
    await watched.page.mouse.click(iframeBox.x + point.x, iframeBox.y + point.y);
    await waitForMessage('area-select');
    const select = (await messages()).find((m) => m.data.type === 'area-select');
    expect(select?.data.area).toMatchObject({ level: 'adm1', status: 'reported' });
    expect(typeof select?.data.area.idps_ind).toBe('number');
    expect(select?.data.state.area).toBe(select?.data.area.pcode);
  });

  it('logs no error and asks no other host for anything', () => {
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
