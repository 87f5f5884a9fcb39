import path from 'node:path';
import { bbox } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import {
  type Harness,
  jumpTo,
  renderedPcodes,
  SCREENSHOTS,
  startHarness,
  type WatchedPage,
  waitForRound,
} from './harness.ts';
import { centrePcode, colours, contrast, inViewport, settledZoom, view, viewHolds } from './state-helpers.ts';

/**
 * The page's state as a user meets it (issue 15 items 5, 8, 11 and 13): search rows that tell "Mopti" from
 * "Mopti", the hash as the one source of state (Back, a typed hash, an embed's host), a bad link said as such,
 * Escape, AltGr, and French colons.
 */
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'laptop', width: 1024, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 360, height: 740 },
] as const;

const hashParams = (page: Page) =>
  page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

describe.runIf(browserAvailable())('the page state: search, hash, bad links, keys', () => {
  let harness: Harness;
  let malBounds: [number, number, number, number];
  let moptiBounds: [number, number, number, number];
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    const tileJson = await (await fetch(`${harness.origin}/api/v1/datasets`)).json();
    const mli = tileJson.datasets.find((d: { id: string }) => d.id === 'mli');
    malBounds = (await (await fetch(new URL(mli.links.tilejson, harness.origin))).json()).bounds;
    const regions = await (
      await fetch(`${harness.origin}/api/v1/datasets/mli/rounds/72/figures.geojson?level=adm1`)
    ).json();
    moptiBounds = bbox(
      regions.features.find((f: Feature) => f.properties?.pcode === 'ML05'),
    ) as typeof moptiBounds;
  });

  afterAll(async () => {
    await harness?.close();
  });

  const open = async (hash: string, size: (typeof SIZES)[number] = SIZES[0]) => {
    // One page at a time: the previous test's is done with (its logs are kept for the last test).
    await pages[pages.length - 1]?.page.context().close();
    const watched = await harness.open(`${harness.origin}/${hash}`, {
      viewport: { width: size.width, height: size.height },
    });
    pages.push(watched);
    await watched.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    return watched;
  };

  for (const size of SIZES) {
    it(`tells the three "Mopti" apart, readably, and ↓ Enter picks the first; Back undoes it whole (${size.name})`, async () => {
      const { page } = await open('#round=72&indicator=idps_ind&lang=en', size);
      const countryZoom = await settledZoom(page);
      const before = await view(page);
      await page.fill('#search-input', 'mopti');
      await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
      const rows = await page.$$eval('#search-results [role="option"]', (nodes) =>
        nodes.map((n) => n.textContent),
      );
      expect(rows.slice(0, 3)).toEqual(['Mopti — Region', 'Mopti — Cercle, Mopti', 'Mopti — Commune, Mopti']);
      // Nothing starts highlighted.
      expect(await page.$$('#search-results [aria-selected="true"]')).toHaveLength(0);
      const { text, background } = await colours(page, '#search-results [role="option"] .option-detail');
      expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      await page.keyboard.press('ArrowDown');
      // Still readable on the highlighted row.
      const active = await colours(page, '#search-results [aria-selected="true"] .option-detail');
      expect(contrast(active.text, active.background)).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: path.join(SCREENSHOTS, `state-search-${size.name}.png`) });
      await page.keyboard.press('Enter');
      await page.waitForSelector('#area-panel:not([hidden]) h2');
      expect(await page.textContent('#area-panel .muted')).toContain('Region');
      const selected = (await hashParams(page)).area;
      expect(selected).toMatch(/^ML\d\d$/);
      await page.waitForFunction(() => location.hash.includes('map='));
      const areaZoom = await settledZoom(page);
      expect(areaZoom).toBeGreaterThan(countryZoom + 0.5);

      await page.goBack();
      await page.waitForFunction(() => !location.hash.includes('area='));
      await page.waitForFunction(() => document.getElementById('area-panel')?.hidden);
      expect(await page.inputValue('#search-input')).toBe('');
      expect(await settledZoom(page)).toBeLessThan(areaZoom - 0.5);
      // The view from before the selection, as the first entry's hash has it.
      const after = await view(page);
      for (const key of ['zoom', 'lat', 'lng'] as const)
        expect(Math.abs(after[key] - before[key])).toBeLessThan(0.011);
      await page.screenshot({ path: path.join(SCREENSHOTS, `state-back-${size.name}.png`) });
    });
  }

  it('puts the whole page in the state of a hash typed by hand, fitting the area when the hash has no map', async () => {
    const { page } = await open('#round=72&indicator=idps_ind&lang=en');
    await jumpTo(page, 8, [-8, 12.5]);
    await page.evaluate(() => {
      location.hash = '#round=2014-07&indicator=returnees_ind&level=adm1&lang=fr&dataset=mli';
    });
    await waitForRound(page, '2014-07');
    expect(await page.$eval('#indicator-select', (s) => (s as HTMLSelectElement).value)).toBe(
      'returnees_ind',
    );
    expect(await page.$eval('#level-select', (s) => (s as HTMLSelectElement).value)).toBe('adm1');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // No map in the hash: the whole country, the nine régions of 2012.
    await page.waitForFunction(() => location.hash.includes('map='));
    expect(await viewHolds(page, malBounds)).toBe(true);
    expect((await renderedPcodes(page, 'adm1-fill')).length).toBe(9);
    // An area and no map: the map fits the area.
    await page.evaluate(() => {
      location.hash = '#round=72&indicator=idps_ind&area=ML05&lang=en&dataset=mli';
    });
    await waitForRound(page, '72');
    await page.waitForSelector('#area-panel:not([hidden]) h2');
    expect(await page.textContent('#area-panel h2')).toBe('Mopti');
    await page.waitForFunction(() => location.hash.includes('map='));
    await settledZoom(page);
    // Fitted clear of the overlays, so Mopti is centred in the part of the map they leave, not on its centre.
    expect(await viewHolds(page, moptiBounds)).toBe(true);
    expect(await viewHolds(page, malBounds)).toBe(false);
    // A map in the hash: that view exactly.
    await page.evaluate(() => {
      location.hash = '#round=72&indicator=idps_ind&lang=en&dataset=mli&map=6.00/14.50/-4.00';
    });
    await page.waitForFunction(() => document.getElementById('area-panel')?.hidden);
    expect(await settledZoom(page)).toBeCloseTo(6, 2);
  });

  it('follows a hash set by an embed’s host: the area is fitted, the round shown', async () => {
    await pages[pages.length - 1]?.page.context().close();
    const watched = await harness.open(`${harness.origin}/embed/#round=72&indicator=idps_ind&lang=en`, {
      viewport: { width: 800, height: 500 },
    });
    pages.push(watched);
    const { page } = watched;
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    await page.evaluate(() => {
      location.hash = '#round=72&indicator=idps_ind&area=ML04&lang=en&dataset=mli';
    });
    await page.waitForFunction(() => location.hash.includes('map='));
    await settledZoom(page);
    expect(await centrePcode(page)).toMatch(/^ML04/);
  });

  for (const size of SIZES) {
    it(`says so when a link names a round or an area the data lacks, and logs no 404 (${size.name})`, async () => {
      const watched = await open('#round=99&area=XX99&indicator=idps_ind&lang=en', size);
      const { page } = watched;
      await page.waitForSelector('.state-notice');
      const text = (await page.textContent('.state-notice')) ?? '';
      expect(text).toContain('“99”');
      expect(text).toContain('“XX99”');
      expect(text).toContain('Round 72');
      expect(await inViewport(page, '.state-notice')).toBe(true);
      expect(await page.evaluate(() => document.body.dataset.round)).toBe('72');
      expect((await hashParams(page)).round).toBe('72');
      expect(await page.isHidden('#area-panel')).toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `state-bad-link-${size.name}.png`) });
      await page.click('.state-notice button');
      expect(await page.$('.state-notice')).toBeNull();
      // A bad area typed later, in French.
      await page.evaluate(() => {
        location.hash = '#round=72&indicator=idps_ind&area=XX98&lang=fr&dataset=mli';
      });
      await page.waitForSelector('.state-notice');
      expect(await page.textContent('.state-notice')).toContain('«\u202fXX98\u202f»');
      expect((await hashParams(page)).area).toBeUndefined();
      expect(watched.consoleErrors).toEqual([]);
    });
  }

  it('closes the area panel with Escape, focus going somewhere sensible', async () => {
    const { page } = await open('#round=72&indicator=idps_ind&lang=en');
    await page.fill('#search-input', 'segou');
    await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#area-panel:not([hidden]) h2');
    // Focus still in the search box, the list closed: Escape closes the panel.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('area-panel')?.hidden);
    expect((await hashParams(page)).area).toBeUndefined();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    // From inside the panel, focus goes to the map.
    await page.evaluate(() => (window as any).dtmAtlas.atlas.selectArea('ML0401', true, false));
    await page.waitForSelector('#area-panel .parents button');
    await page.focus('#area-panel .parents button');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.getElementById('area-panel')?.hidden);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(
      true,
    );
  });

  it('never shows the site popup and the area tooltip together', async () => {
    const { page } = await open('#round=72&indicator=idps_ind&lang=en');
    await jumpTo(page, 6, [-3.5, 14.5]);
    const site = await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      const feature = map.queryRenderedFeatures({ layers: ['sites'] })[0];
      const p = map.project(feature.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.move(site.x, site.y);
    await page.waitForSelector('#tooltip:not([hidden])');
    await page.mouse.click(site.x, site.y);
    await page.waitForSelector('.maplibregl-popup');
    expect(await page.isHidden('#tooltip')).toBe(true);
    // Moving over other areas with the popup open: still no tooltip.
    for (const dx of [40, 80, 120]) {
      await page.mouse.move(site.x + dx, site.y + dx / 2);
      expect(await page.isHidden('#tooltip')).toBe(true);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'state-popup.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('.maplibregl-popup', { state: 'detached' });
    await page.mouse.move(site.x + 5, site.y + 5);
    await page.waitForSelector('#tooltip:not([hidden])');
  });

  it('steps rounds with [ and ] typed with AltGr (Ctrl+Alt), as on an AZERTY keyboard', async () => {
    const { page } = await open('#round=72&indicator=idps_ind&lang=fr');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+Alt+[');
    await waitForRound(page, '2014-07');
    await page.keyboard.press('Control+Alt+]');
    await waitForRound(page, '72');
    // Ctrl alone is left to the browser.
    await page.keyboard.press('Control+[');
    expect((await hashParams(page)).round).toBe('72');
  });

  it('puts a narrow no-break space before a colon in French', async () => {
    const { page } = await open('#round=72&indicator=idps_ind&area=ML0501&lang=fr');
    await page.waitForSelector('#area-panel .parents');
    expect(await page.textContent('#source-line')).toMatch(/^Source\u202f: /);
    expect(await page.textContent('#area-panel .parents')).toMatch(/^Fait partie de\u202f: /);
  });

  it('makes no request to another host and logs no error', () => {
    for (const watched of pages) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    }
  });
});
