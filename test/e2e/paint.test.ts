import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import {
  type Harness,
  jumpTo,
  SCREEN_SIZES,
  SCREENSHOTS,
  startHarness,
  type WatchedPage,
  waitForRound,
} from './harness.ts';

/**
 * Issue 15, items 1, 3, 4 and 6, as a planner sees them: a round without the chosen figure says so over the
 * map and lists no class; sites are hollow rings under the names with a legend entry; following the zoom stops
 * at the finest level a round's figures are meant for (Round 72: cercles), and communes chosen by hand carry
 * the caveat; no data is the same hatch on the map and in the legend.
 */
const SIZES = SCREEN_SIZES;
/** Inside Tombouctou, away from its label. */
const TOMBOUCTOU: [number, number] = [-2.5, 20.5];

const legendItems = (page: Page) =>
  page.$$eval('#legend li', (items) =>
    items.map((li) => ({ kind: (li as HTMLElement).dataset.kind, text: li.textContent ?? '' })),
  );

/** The RGB colours of a screen rectangle, decoded by the browser from a screenshot. */
async function screenColours(page: Page, clip: { x: number; y: number; width: number; height: number }) {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    const colours: number[][] = [];
    for (let i = 0; i < data.length; i += 4) colours.push([data[i], data[i + 1], data[i + 2]] as number[]);
    return colours;
  }, png);
}

/** The darkest and lightest grey of a set of colours (their mean channel). */
function extremes(colours: number[][]): [number, number] {
  const means = colours.map(([r = 0, g = 0, b = 0]) => (r + g + b) / 3);
  return [Math.min(...means), Math.max(...means)];
}

async function screenPoint(page: Page, lngLat: [number, number]) {
  return page.evaluate((lngLat) => {
    const { map } = (window as any).dtmAtlas;
    const p = map.project(lngLat);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
  }, lngLat);
}

describe.runIf(browserAvailable())('what the map paints (issue 15: 1, 3, 4, 6)', () => {
  let harness: Harness;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const watched of pages) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    }
    await harness?.close();
  });

  const open = async (hash: string, viewport = SIZES[0]) => {
    const watched = await harness.open(`${harness.origin}/#${hash}`, { viewport });
    pages.push(watched);
    await watched.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    return watched.page;
  };

  for (const size of SIZES) {
    it(`Round 72 → Returnees → previous round: "not reported", no class (${size.width}×${size.height})`, async () => {
      const page = await open('round=72&indicator=returnees_ind', size);
      expect((await legendItems(page)).some((item) => item.kind === 'class')).toBe(true);
      await page.click('#round-previous');
      await waitForRound(page, '2014-07');
      const note = page.locator('#not-reported');
      await note.waitFor({ state: 'visible' });
      // On the phone the round buttons are below the map: back up to the map, the note is on it.
      await page.locator('#map').scrollIntoViewIfNeeded();
      expect(await note.textContent()).toContain('Returnees (individuals): Not reported in this round (');
      const box = await note.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0).toBe(true);
      expect((await note.boundingBox())?.width).toBeLessThanOrEqual(size.width);
      expect(await legendItems(page)).toEqual([{ kind: 'no-data', text: 'Not reported in this round' }]);
      // What the map paints: no région has a returnee figure, so none is drawn as a value.
      const values = await page.evaluate(() =>
        (window as any).dtmAtlas.map
          .queryRenderedFeatures({ layers: ['adm1-fill'] })
          .map((f: any) => f.properties.returnees_ind),
      );
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((value: unknown) => value === undefined)).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `paint-not-reported-${size.width}.png`) });
      // The note offers the round's IDPs.
      await page.getByRole('button', { name: 'Show IDPs' }).click();
      await page.waitForFunction(() => location.hash.includes('indicator=idps_ind'));
      await note.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => document.querySelector('#legend li[data-kind="class"]'));
      await page.context().close();
    });
  }

  it('"Change in IDPs" on a round with no previous round on its boundaries shows no ± class', async () => {
    const page = await open('round=72&indicator=idps_ind_change');
    await page.locator('#not-reported').waitFor({ state: 'visible' });
    expect(await page.textContent('#not-reported')).toContain('No previous round on these boundaries');
    const items = await legendItems(page);
    expect(items.map((item) => item.kind)).toEqual(['no-data']);
    expect(items.map((item) => item.text).join()).not.toMatch(/[+−]/);
    // One round later on the 2012 boundaries there is a previous round: classes, and no note.
    await page.evaluate(() => {
      location.hash = location.hash.replace('round=72', 'round=2014-07');
    });
    await waitForRound(page, '2014-07');
    await page.locator('#not-reported').waitFor({ state: 'hidden' });
    expect((await legendItems(page)).some((item) => item.kind === 'class')).toBe(true);
    await page.context().close();
  });

  it('sites: hollow rings above the fill and under the names, with a legend entry', {
    timeout: 120_000,
  }, async () => {
    const page = await open('round=72&indicator=idps_ind&level=adm3');
    await jumpTo(page, 8.5, [-4.2, 14.5]);
    const order = await page.evaluate(() =>
      (window as any).dtmAtlas.map.getStyle().layers.map((layer: { id: string }) => layer.id),
    );
    expect(order.indexOf('sites')).toBeGreaterThan(order.indexOf('adm3-fill'));
    expect(order.indexOf('sites')).toBeLessThan(order.indexOf('labels'));
    await page.waitForFunction(() => document.querySelector('#legend li[data-kind="sites"]'));
    expect((await legendItems(page)).find((item) => item.kind === 'sites')?.text).toContain('Assessed sites');
    // The pixel at the biggest site's centre is the commune's colour, with or without the sites.
    const site = await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      const sites = map.queryRenderedFeatures({ layers: ['sites'] });
      sites.sort((a: any, b: any) => (b.properties.idps_ind ?? 0) - (a.properties.idps_ind ?? 0));
      const [lng, lat] = sites[0].geometry.coordinates;
      return [lng, lat] as [number, number];
    });
    const at = await screenPoint(page, site);
    const clip = { x: at.x - 1, y: at.y - 1, width: 3, height: 3 };
    const withSites = await screenColours(page, clip);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'paint-sites-communes.png') });
    await page.uncheck('#sites-toggle');
    await page.waitForFunction(() => {
      const { map } = (window as any).dtmAtlas;
      return map.getLayoutProperty('sites', 'visibility') === 'none' && map.loaded() && map.areTilesLoaded();
    });
    await page.waitForTimeout(300);
    const without = await screenColours(page, clip);
    expect(withSites[4]).toEqual(without[4]);
    expect((await legendItems(page)).some((item) => item.kind === 'sites')).toBe(false);
    // Below zoom 5 there are no sites on the map, and none in the legend.
    await page.check('#sites-toggle');
    await page.selectOption('#level-select', 'auto');
    await jumpTo(page, 4);
    await page.waitForFunction(() => !document.querySelector('#legend li[data-kind="sites"]'));
    await page.context().close();
  });

  it('Round 72: following the zoom stops at cercles; communes by hand carry the caveat', async () => {
    const summary = await (await fetch(`${harness.origin}/api/v1/datasets/mli/rounds/72`)).json();
    expect(summary.finestLevel.level).toBe('adm2');
    expect(summary.finestLevel.coverage).toContainEqual({ level: 'adm3', reported: 56, areas: 701 });
    const page = await open('round=72&indicator=idps_ind');
    await jumpTo(page, 8.5, [-4.2, 14.5]);
    const drawn = async (layer: string) =>
      page.evaluate(
        (layer) => (window as any).dtmAtlas.map.queryRenderedFeatures({ layers: [layer] }).length,
        layer,
      );
    expect(await drawn('adm2-fill')).toBeGreaterThan(0);
    expect(await drawn('adm3-fill')).toBe(0);
    expect(await page.textContent('#legend h2')).toContain('Cercle');
    expect(await page.$('#legend .finest-caveat')).toBeNull();
    const option = await page.$eval('#level-select option[value="adm3"]', (o) => o.textContent);
    expect(option).toContain('few figures');
    await page.selectOption('#level-select', 'adm3');
    await page.waitForSelector('#legend .finest-caveat');
    expect(await page.textContent('#legend .finest-caveat')).toContain('56 of 701 communes');
    // The communes are drawn once their tiles arrive (the caveat is shown before the map has rendered them).
    await page.waitForFunction(
      () => (window as any).dtmAtlas.map.queryRenderedFeatures({ layers: ['adm3-fill'] }).length > 0,
      undefined,
      { timeout: 30_000 },
    );
    expect(await drawn('adm3-fill')).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'paint-communes-caveat.png') });
    await page.context().close();
  });

  it('no data: the same hatch on the map and in the legend', async () => {
    const page = await open('round=2014-07&indicator=idps_hh');
    await jumpTo(page, 4.5, [-3.0, 17.0]);
    await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      for (const id of ['labels', 'sites'])
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
      return new Promise((resolve) => map.once('idle', resolve));
    });
    const at = await screenPoint(page, TOMBOUCTOU);
    const onMap = extremes(await screenColours(page, { x: at.x, y: at.y, width: 12, height: 12 }));
    const swatch = await page.locator('#legend li[data-kind="no-data"] .swatch').boundingBox();
    if (!swatch) throw new Error('no swatch');
    const inLegend = extremes(
      await screenColours(page, { x: swatch.x + 2, y: swatch.y + 2, width: 10, height: 8 }),
    );
    // Hatched in both: dark lines on a light grey, the same greys (the map's fill opacity aside).
    expect(onMap[1] - onMap[0]).toBeGreaterThan(30);
    expect(inLegend[1] - inLegend[0]).toBeGreaterThan(30);
    expect(Math.abs(onMap[0] - inLegend[0])).toBeLessThan(25);
    expect(Math.abs(onMap[1] - inLegend[1])).toBeLessThan(25);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'paint-no-data-hatch.png') });
    await page.context().close();
  });
});
