import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { type Harness, renderedPcodes, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

/** Haiti's COD-AB extent (west, south, east, north), rounded inwards: a map fitted to Haiti shows all of it. */
const HAITI = [-74.4, 18.1, -71.7, 19.9] as const;
/** Port-au-Prince, in the Ouest département (HT01). */
const PORT_AU_PRINCE: [number, number] = [-72.33, 18.54];

type AtlasWindow = { dtmAtlas: { map: any; dataset: { id: string } } };

/** Waits until the page shows a dataset's map, drawn. */
async function waitForDataset(page: Page | Frame, id: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      (window as unknown as Partial<AtlasWindow>).dtmAtlas?.dataset.id === id &&
      document.body.dataset.map === 'ready',
    id,
    { timeout: 45_000 },
  );
}

/** Moves the pointer onto a place on the map and returns the tooltip's name and level line. */
async function hover(page: Page, lngLat: [number, number]): Promise<{ name: string; level: string }> {
  await page.mouse.move(5, 5);
  await page.waitForSelector('#tooltip[hidden]', { state: 'attached', timeout: 10_000 });
  const at = await page.evaluate(async (lngLat) => {
    const { map } = (window as unknown as AtlasWindow).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    const p = map.project(lngLat);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
  }, lngLat);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('#tooltip:not([hidden])', { timeout: 10_000 });
  return {
    name: (await page.textContent('#tooltip strong')) ?? '',
    level: (await page.textContent('#tooltip .muted')) ?? '',
  };
}

/** The country picker, the second country's map, its names in the page's language, and its embed. */
describe.runIf(browserAvailable())('countries: the picker, Haiti’s own names, the embed of a dataset', () => {
  let harness: Harness;
  const pages: WatchedPage[] = [];
  const open = async (url: string, options?: Parameters<Harness['open']>[1]) => {
    const watched = await harness.open(url, options);
    pages.push(watched);
    return watched;
  };

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('lists the datasets grouped by country, and choosing Haiti opens Haiti fitted to Haiti', async () => {
    const { page } = await open(`${harness.origin}/#indicator=idps_ind&lang=en&dataset=mli`);
    await waitForDataset(page, 'mli');
    const picker = page.getByRole('combobox', { name: 'Country' });
    expect(await picker.inputValue()).toBe('mli');
    const groups = await page.$$eval('#dataset-select optgroup', (nodes) =>
      nodes.map((group) => ({
        country: (group as HTMLOptGroupElement).label,
        datasets: [...group.querySelectorAll('option')].map((option) => option.value),
      })),
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        { country: 'Haiti', datasets: expect.arrayContaining(['hti']) },
        { country: 'Mali', datasets: ['mli'] },
      ]),
    );

    // The keyboard browses the options without loading each (Haiti is listed first); Enter chooses.
    await picker.focus();
    await page.keyboard.press('ArrowUp');
    expect(await picker.inputValue()).toBe('hti');
    expect(page.url()).toMatch(/[#&]dataset=mli(&|$)/);
    await page.keyboard.press('Enter');
    await waitForDataset(page, 'hti');
    expect(page.url()).toMatch(/[#&]dataset=hti(&|$)/);
    // Mali's round is not Haiti's: the page opens Haiti's latest round.
    expect(await page.textContent('#round-output')).toContain('Round 10');
    expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('hti');
    const bounds = await page.evaluate(() => {
      const b = (window as unknown as AtlasWindow).dtmAtlas.map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    });
    const [west, south, east, north] = bounds as [number, number, number, number];
    expect(west).toBeLessThan(HAITI[0]);
    expect(south).toBeLessThan(HAITI[1]);
    expect(east).toBeGreaterThan(HAITI[2]);
    expect(north).toBeGreaterThan(HAITI[3]);
    // Fitted to Haiti, not to the world or to Mali (17 degrees wide).
    expect(east - west).toBeLessThan(8);
    expect(await renderedPcodes(page, 'adm2-fill')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^HT\d{4}$/)]),
    );
    // Zoomed to a country of communes, the legend names Haiti's level; the level control names both.
    expect(await page.textContent('#legend h2')).toContain('Commune');
    const levels = await page.$$eval('#level-select option', (options) => options.map((o) => o.textContent));
    expect(levels).toEqual(expect.arrayContaining(['Departments', 'Communes']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'countries-haiti-picked.png') });
  });

  it('names Haiti’s départements in the page’s language: "Ouest" in French, "West" in English', async () => {
    const { page } = await open(`${harness.origin}/#indicator=idps_ind&level=adm1&lang=fr&dataset=hti`);
    await waitForDataset(page, 'hti');
    expect(await page.textContent('#legend h2')).toContain('Département');
    expect(await hover(page, PORT_AU_PRINCE)).toEqual({ name: 'Ouest', level: 'Département · HT01' });
    expect(
      JSON.stringify(
        await page.evaluate(() =>
          (window as unknown as AtlasWindow).dtmAtlas.map.getLayoutProperty('labels', 'text-field'),
        ),
      ),
    ).toContain('name_fr');

    await page.click('#lang-button');
    await page.waitForFunction(() =>
      document.querySelector('#legend h2')?.textContent?.includes('Department'),
    );
    await page.waitForFunction(() =>
      JSON.stringify(
        (window as unknown as AtlasWindow).dtmAtlas.map.getLayoutProperty('labels', 'text-field'),
      ).includes('name_en'),
    );
    expect(await hover(page, PORT_AU_PRINCE)).toEqual({ name: 'West', level: 'Department · HT01' });
    // The area panel and the search say it the same way.
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForSelector('#area-panel:not([hidden]) h2');
    expect(await page.textContent('#area-panel h2')).toBe('West');
    await page.waitForFunction(() => document.querySelector('#trend-chart')?.textContent?.includes('West'));
    await page.fill('#search-input', 'West');
    await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
    expect(await page.textContent('#search-results [role="option"] .option-name')).toBe('West');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'countries-haiti-west.png') });

    // Back to Mali with the pointer: its own level names, the pinned level and the language kept.
    await page.getByRole('combobox', { name: 'Country' }).selectOption('mli');
    await waitForDataset(page, 'mli');
    expect(await page.textContent('#legend h2')).toContain('Region (pinned)');
    expect(page.url()).toMatch(/lang=en/);
  });

  it('answers oEmbed for a Haiti link with an iframe of Haiti, which shows Haiti in a partner’s page', async () => {
    const link = `${harness.origin}/#round=10&indicator=idps_ind&level=adm1&lang=fr&dataset=hti`;
    const oembed = async (url: string) =>
      fetch(`${harness.origin}/oembed?format=json&url=${encodeURIComponent(url)}`);
    const answer = await (await oembed(link)).json();
    // The link is French (lang=fr): so is the title, naming the dataset.
    expect(answer.title).toMatch(/^Carte des déplacements\s?: Haiti \(DTM de l’OIM\), DTM Atlas$/);
    const src = /<iframe src="([^"]+)"/.exec(answer.html)?.[1]?.replaceAll('&#38;', '&');
    expect(src).toBe(`${harness.origin}/embed/#round=10&indicator=idps_ind&level=adm1&lang=fr&dataset=hti`);
    expect((await oembed(`${harness.origin}/#dataset=nowhere`)).status).toBe(404);

    const host = await listenOnLoopback(
      () =>
        new Response(
          `<!doctype html><html lang="en"><title>Partner</title><body>${answer.html}</body></html>`,
          {
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
          },
        ),
    );
    try {
      const { page, consoleErrors } = await open(`${host.origin}/`, { allowed: [host.origin] });
      await page.waitForSelector('iframe');
      const frame = await (await page.$('iframe'))?.contentFrame();
      if (!frame) throw new Error('no iframe');
      await waitForDataset(frame, 'hti');
      const painted = await renderedPcodes(frame, 'adm1-fill');
      expect(painted.length).toBeGreaterThanOrEqual(5);
      expect(painted.every((pcode) => /^HT\d{2}$/.test(pcode))).toBe(true);
      expect(await frame.textContent('#legend h2')).toContain('Département');
      expect(await frame.textContent('#round-output')).toContain('Round 10');
      expect(consoleErrors).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'countries-haiti-oembed.png') });
    } finally {
      await host.close();
    }
  });

  it('logs no error and asks no other host', () => {
    for (const watched of pages) {
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    }
  });
});
