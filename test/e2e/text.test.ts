import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import {
  type Harness,
  SCREEN_SIZES,
  SCREENSHOTS,
  startHarness,
  type WatchedPage,
  waitForRound,
} from './harness.ts';

const run = browserAvailable();

const SIZES = SCREEN_SIZES;

/**
 * Issue 15, items 9, 11 (attribution) and 13 (server pages, For GIS): titles on screen and internal names
 * behind "Details", the map credit in French, the GIS addresses pinned and following the latest round, and
 * /tiles and 404s as pages in a browser.
 */
describe.runIf(run)('what the page says in words', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=72&indicator=idps_ind&lang=en&area=ML05`);
    page = watched.page;
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const show = async (hash: string, round: string) => {
    await page.evaluate((next) => {
      location.hash = next;
    }, hash);
    await waitForRound(page, round);
  };
  /** The text a person sees: closed disclosures and form values are not part of it. */
  const seen = () => page.evaluate(() => document.body.innerText);

  it('names the boundary set and the source by their titles, file and rows only behind "Details"', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForSelector('#area-panel:not([hidden]) .source-details');
      const text = await seen();
      expect(text, `${size.width}`).toContain('Boundaries: Mali administrative boundaries, COD-AB 2021');
      expect(text, `${size.width}`).toContain('IOM DTM Mali');
      expect(text, `${size.width}`).not.toContain('mli-codab-2021');
      expect(text, `${size.width}`).not.toMatch(/\.csv|\.xlsx/);
      expect(text, `${size.width}`).not.toMatch(/rows \d/);
      // The disclosure opens where it is, within reach: in the viewport once scrolled to.
      const summary = page.locator('#area-panel .source-details summary');
      await summary.scrollIntoViewIfNeeded();
      await summary.click();
      const details = await page.textContent('#area-panel .source-facts');
      expect(details).toMatch(/File.*\.(csv|xlsx)/);
      expect(details).toMatch(/Rows\s*\d/);
      expect(details).toContain('SHA-256');
      expect(details).toContain('(mli-codab-2021)');
      const box = await page.locator('#area-panel .source-facts').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= size.width + 1, `${size.width}`).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `text-source-details-${size.width}.png`) });
      await summary.click();
    }
  });

  it('credits the map in French on the French page, DTM’s own line unchanged', async () => {
    await page.setViewportSize(SIZES[0]);
    const attribution = () => page.textContent('.maplibregl-ctrl-attrib-inner');
    await page.waitForFunction(() =>
      document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.includes('Boundaries: '),
    );
    await show('#round=72&indicator=idps_ind&lang=fr&area=ML05', '72');
    await page.waitForFunction(() =>
      document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.includes('Limites : '),
    );
    const text = (await attribution()) ?? '';
    expect(text).not.toContain('Boundaries');
    expect(text).toContain('Source: International Organization for Migration (IOM), Displacement Tracking');
    expect(text).toContain('Limites : OCHA COD-AB Mali (2021-12-20)');
    expect(await page.textContent('#downloads .credit')).toContain('Limites : OCHA COD-AB Mali');
    expect(await seen()).toContain('Limites : Mali administrative boundaries');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'text-attribution-fr.png') });
    await show('#round=72&indicator=idps_ind&lang=en&area=ML05', '72');
  });

  it('offers the XYZ template pinned to the data version and the one following the latest round', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const gis = page.locator('#downloads details.gis:not(.data-licence)');
      await gis.locator('summary').scrollIntoViewIfNeeded();
      if (!(await gis.evaluate((node) => (node as HTMLDetailsElement).open)))
        await gis.locator('summary').click();
      await page.waitForSelector('#downloads details.gis[open] .gis-group input');
      const fields = await page.$$eval('#downloads .gis-group .copy-field', (nodes) =>
        nodes.map((node) => ({
          label: node.querySelector('label')?.textContent ?? '',
          value: node.querySelector('input')?.value ?? '',
        })),
      );
      const field = (label: RegExp) => fields.find((f) => label.test(f.label))?.value ?? '';
      const pinned = field(/XYZ template\), pinned to this data version/);
      const latest = field(/XYZ template\), following the latest round/);
      const style = field(/MapLibre style/);
      expect(pinned).toMatch(/\/tiles\/mli\/72\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=[0-9a-f]+$/);
      expect(latest).toBe(`${harness.origin}/tiles/mli/latest/{z}/{x}/{y}.mvt`);
      expect(style).toBe(`${harness.origin}/styles/mli/72/style.json?indicator=idps_ind&lang=en`);
      expect(await page.textContent('#downloads .gis')).toContain('Following the latest round');
      const latestInput = page.locator('#downloads .copy-field input').nth(3);
      await latestInput.scrollIntoViewIfNeeded();
      const box = await latestInput.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= size.width + 1, `${size.width}`).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `text-for-gis-${size.width}.png`) });
    }
    // Every address answers: the tiles of both templates, and the style.
    const answers = await page.evaluate(
      async (urls) => Promise.all(urls.map(async (url) => (await fetch(url)).status)),
      [
        `${harness.origin}/tiles/mli/latest/5/15/14.mvt`,
        `${harness.origin}/styles/mli/72/style.json?indicator=idps_ind&lang=en`,
      ],
    );
    expect(answers).toEqual([200, 200]);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });

  it('shows /tiles and a wrong address as pages with links in the browser', async () => {
    const browsing = await harness.open(`${harness.origin}/tiles`);
    const tiles = browsing.page;
    expect(await tiles.textContent('h1')).toBe('Tile catalog');
    expect(await tiles.getAttribute('html', 'lang')).toBe('en');
    const links = await tiles.$$eval('a', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toContain(`${harness.origin}/tiles/mli/latest/tiles.json`);
    expect(links).toContain(`${harness.origin}/qgis/mli.xml`);
    expect(links).toContain(`${harness.origin}/tiles/mli/72/tiles.json`);
    await tiles.screenshot({ path: path.join(SCREENSHOTS, 'text-tiles-page.png') });
    // The catalog's link to a TileJSON still answers JSON to the program that follows it.
    const tilejson = await tiles.evaluate(
      async (url) => (await fetch(url)).json(),
      `${harness.origin}/tiles/mli/72/tiles.json`,
    );
    expect(tilejson.tilejson).toBe('3.0.0');
    await tiles.goto(`${harness.origin}/tiles/nope/1/tiles.json`);
    expect(await tiles.textContent('h1')).toBe('Not found');
    await Promise.all([
      tiles.waitForURL(`${harness.origin}/tiles`),
      tiles.getByRole('link', { name: 'Tile catalog' }).click(),
    ]);
    expect(await tiles.textContent('h1')).toBe('Tile catalog');
    expect(browsing.foreignRequests).toEqual([]);
    await tiles.context().close();
  });
});
