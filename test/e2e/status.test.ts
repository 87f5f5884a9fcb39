import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import {
  type Harness,
  jumpTo,
  plainSpaces,
  SCREENSHOTS,
  startHarness,
  type WatchedPage,
  waitForRound,
} from './harness.ts';

/**
 * A figure the round does not give, as the user sees it: the 2014 rounds (9 régions, IDP individuals only)
 * coloured by "IDP households". Every région is `reported` (it has IDPs) yet lacks the chosen figure: the map
 * paints it in the no-data grey (not black, not the zero colour), the legend has the no-data entry alone, and
 * the tooltip and the area panel say "not reported".
 */
const NO_DATA_GREY = { r: 176, g: 176, b: 176 };
/** Inside Tombouctou, away from its label. */
const TOMBOUCTOU: [number, number] = [-2.5, 20.5];

/** The RGB of a 1×1 PNG (any filter of a single pixel leaves its bytes as they are). */
function pixelOf(png: Buffer): { r: number; g: number; b: number } {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const [, r = 0, g = 0, b = 0] = inflateSync(Buffer.concat(chunks));
  return { r, g, b };
}

/** The page position of a point on the map. */
async function screenPoint(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((lngLat) => {
    const { map } = (window as any).dtmAtlas;
    const p = map.project(lngLat);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
  }, lngLat);
}

describe.runIf(browserAvailable())('a figure the round does not give', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;
  const fallbacks: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=2014-07&indicator=idps_ind`);
    page = watched.page;
    // MapLibre warns when an expression fails on a feature and falls back (to black for a colour).
    page.on('console', (message) => {
      if (/falling back|expected value to be of type/i.test(message.text())) fallbacks.push(message.text());
    });
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    await waitForRound(page, '2014-07');
    await page.selectOption('#indicator-select', 'idps_hh');
    await page.waitForFunction(() =>
      document.querySelector('#legend h2')?.textContent?.includes('households'),
    );
    await jumpTo(page, 4.5, [-3.0, 17.0]);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('the legend shows the no-data entry alone', async () => {
    const kinds = await page.$$eval('#legend li', (items) =>
      items.map((li) => (li as HTMLElement).dataset.kind),
    );
    expect(kinds).toEqual(['no-data']);
    // No région has the figure at all: the one entry says the round does not report it (issue 15, item 1).
    expect(await page.textContent('#legend li')).toContain('Not reported in this round');
  });

  it('paints every région in the no-data grey, as the style evaluates and on screen', async () => {
    const painted = await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      return map.queryRenderedFeatures({ layers: ['adm1-fill'] }).map((feature: any) => {
        const { r, g, b } = feature.layer.paint['fill-color'];
        return { pcode: feature.properties.pcode, status: feature.properties.status, rgb: [r, g, b] };
      });
    });
    expect(new Set(painted.map((p: { pcode: string }) => p.pcode)).size).toBe(9);
    for (const area of painted) {
      expect(area.status, area.pcode).toBe('reported');
      expect(
        area.rgb.map((c: number) => Math.round(c * 255)),
        area.pcode,
      ).toEqual([NO_DATA_GREY.r, NO_DATA_GREY.g, NO_DATA_GREY.b]);
    }
    // On screen: the no-data hatch (grey, or its darker lines, at the fill's opacity) over the pale background;
    // black would be near 0, the zero colour near 247.
    await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      for (const id of ['labels', 'sites'])
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
      return new Promise((resolve) => map.once('idle', resolve));
    });
    const at = await screenPoint(page, TOMBOUCTOU);
    const pixel = pixelOf(await page.screenshot({ clip: { ...at, width: 1, height: 1 } }));
    for (const channel of ['r', 'g', 'b'] as const) expect(pixel[channel]).toBeGreaterThan(120);
    for (const channel of ['r', 'g', 'b'] as const) expect(pixel[channel]).toBeLessThan(200);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-2014-07-households.png') });
    expect(fallbacks).toEqual([]);
  });

  it('the tooltip and the area panel say "not reported", never 0', async () => {
    const at = await screenPoint(page, TOMBOUCTOU);
    await page.mouse.move(at.x, at.y);
    await page.waitForSelector('#tooltip:not([hidden])', { timeout: 10_000 });
    const tooltipRow = await page.$$eval('#tooltip tr', (rows) =>
      rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent)),
    );
    expect(tooltipRow).toContainEqual(['IDP households', 'not reported']);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('#area-panel:not([hidden]) dl.figures');
    const figures = async () =>
      page.$$eval('#area-panel dl.figures dt', (terms) =>
        terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
      );
    expect(await page.textContent('#area-panel h2')).toBe('Tombouctou');
    expect(await figures()).toContainEqual(['IDP households', 'not reported']);
    const idps = (await figures()).find(([term]) => term === 'IDPs')?.[1];
    expect(plainSpaces(idps ?? '')).toMatch(/^\d{1,3}(,\d{3})*$/);
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForFunction(() =>
      document.querySelector('#area-panel dl.figures')?.textContent?.includes('non communiqué'),
    );
    expect(watched.consoleErrors).toEqual([]);
  });
});
