import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import {
  type Harness,
  jumpTo,
  plainSpaces,
  renderedPcodes,
  SCREENSHOTS,
  startHarness,
  type WatchedPage,
  waitForRound,
} from './harness.ts';

const run = browserAvailable();

/** The map page's features: rounds, levels, search, languages, hash state, keyboard, downloads, phone. */
describe.runIf(run)('the map page', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/`);
    pages.push(watched);
    page = watched.page;
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const headline = async () => plainSpaces(await page.textContent('#headline'));
  const hashParams = async () => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));

  it('opens on the latest round with its source line, labels from its own glyphs, and sites', async () => {
    expect(await headline()).toContain('401,736');
    expect(await page.textContent('#source-line')).toContain('IOM DTM, Round 72, 30 Sept 2021');
    expect((await hashParams()).get('round')).toBe('72');
    const glyphs = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('/fonts/')),
    );
    expect(glyphs.some((url) => decodeURIComponent(url).includes('/fonts/Noto Sans Regular/0-255.pbf'))).toBe(
      true,
    );
    expect((await renderedPcodes(page, 'labels')).length).toBeGreaterThanOrEqual(8);
    await jumpTo(page, 6, [-3.5, 14.5]);
    expect((await renderedPcodes(page, 'sites')).length).toBeGreaterThan(3);
    // A site's popup says how precise its position is.
    const site = await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      const feature = map.queryRenderedFeatures({ layers: ['sites'] })[0];
      const p = map.project(feature.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(site.x, site.y);
    await page.waitForSelector('.maplibregl-popup .precision');
    expect(await page.textContent('.maplibregl-popup .precision')).toMatch(/GPS|centre of the commune/);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'atlas-round-72.png') });
  });

  it('pins a level: communes stay coloured when zoomed out to zoom 6', async () => {
    await page.selectOption('#level-select', 'adm3');
    await jumpTo(page, 6.2);
    const communes = await renderedPcodes(page, 'adm3-fill');
    expect(communes.length).toBeGreaterThan(50);
    expect(communes.every((p) => p.length === 8)).toBe(true);
    expect(await page.textContent('#legend')).toContain('Commune');
    await page.selectOption('#level-select', 'auto');
    await jumpTo(page, 4);
    expect((await renderedPcodes(page, 'adm1-fill')).length).toBeGreaterThanOrEqual(8);
  });

  it('steps back through the timeline: figures, legend and boundaries follow', async () => {
    await page.click('#round-previous');
    await waitForRound(page, '2014-07');
    expect(await headline()).toContain('126,249');
    expect(await headline()).toContain('not reported');
    expect(await page.textContent('#source-line')).toContain('31 Jul 2014');
    // The 2012 boundaries: nine régions, with the legacy codes.
    const regions = await renderedPcodes(page, 'adm1-fill');
    expect(regions.length).toBe(9);
    expect(regions.every((p) => p.startsWith('MLI'))).toBe(true);
    expect(await page.$$eval('#level-select option:disabled', (options) => options.length)).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'atlas-round-2014-07.png') });
    // The back button returns to Round 72.
    await page.goBack();
    await waitForRound(page, '72');
    expect(await headline()).toContain('401,736');
  });

  it('finds an area without its accents and selects it', async () => {
    await page.fill('#search-input', 'segou');
    await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
    const options = await page.$$eval('#search-results [role="option"] .option-name', (nodes) =>
      nodes.map((n) => n.textContent),
    );
    expect(options[0]).toBe('Ségou');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#area-panel:not([hidden]) h2');
    expect(await page.textContent('#area-panel h2')).toBe('Ségou');
    expect(plainSpaces(await page.textContent('#area-panel'))).toContain('54,885');
    expect((await hashParams()).get('area')).toBe('ML04');
    await page.waitForSelector('#trend-chart svg:nth-of-type(2)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'atlas-selected-segou.png') });
  });

  it('shows a corrected area with the join report note', async () => {
    await page.evaluate(() => (window as any).dtmAtlas.atlas.selectArea('ML100101', true, false));
    await page.waitForSelector('#area-panel .correction');
    const text = await page.textContent('#area-panel');
    expect(text).toContain('MLI100403');
    expect(text).toContain('Ménaka');
  });

  it('switches to French: every label, and numbers with French spacing', async () => {
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.textContent('#lang-button')).toBe('English');
    expect(await page.textContent('#headline-title')).toBe('Chiffres du round affiché');
    expect(await page.textContent('#headline')).toContain('401\u202f736');
    expect(await page.textContent('#source-line')).toContain('30 sept. 2021');
    expect(await page.$eval('#indicator-select option[value="idps_ind"]', (o) => o.textContent)).toBe(
      'PDI (individus)',
    );
    await page.waitForFunction(() => document.querySelector('#legend h2')?.textContent?.includes('PDI'));
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zoom avant');
    expect((await hashParams()).get('lang')).toBe('fr');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'atlas-french.png') });
  });

  it('reproduces the view from its URL in a new page', async () => {
    await page.selectOption('#indicator-select', 'returnees_ind');
    await jumpTo(page, 5.5, [-2.5, 15]);
    await page.waitForFunction(() => location.hash.includes('map=5.50/'));
    const url = page.url();
    const copy = await harness.open(url);
    pages.push(copy);
    await copy.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    const state = (p: Page) =>
      p.evaluate(() => {
        const { map, atlas } = (window as any).dtmAtlas;
        return {
          hash: location.hash,
          lang: document.documentElement.lang,
          zoom: Math.round(map.getZoom() * 100) / 100,
          legend: document.querySelector('#legend h2')?.textContent,
          area: document.querySelector('#area-panel h2')?.textContent,
          round: atlas.round.key,
        };
      });
    const original = await state(page);
    expect(await state(copy.page)).toEqual(original);
    expect(original.legend).toContain('Retournés');
    await copy.page.context().close();
  });

  it('changes round and indicator with the keyboard alone', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focusById = async (id: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((id) => document.activeElement?.id === id, id)) return;
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await focusById('indicator-select');
    const before = await page.$eval('#indicator-select', (s) => (s as HTMLSelectElement).value);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((before) => !location.hash.includes(`indicator=${before}`), before);
    expect((await hashParams()).get('indicator')).not.toBe(before);
    await focusById('round-slider');
    await page.keyboard.press('ArrowLeft');
    await waitForRound(page, '2014-07');
    await page.keyboard.press('Home');
    await waitForRound(page, '2012-09');
    expect(plainSpaces(await page.textContent('#headline'))).toContain('118 795');
    // `[` and `]` work from anywhere but a text field.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(']');
    await waitForRound(page, '2012-10');
    const focusVisible = await page.evaluate(() => {
      const slider = document.getElementById('round-slider') as HTMLElement;
      slider.focus();
      return getComputedStyle(slider).outlineStyle;
    });
    expect(focusVisible).not.toBe('none');
  });

  it('offers the downloads and GIS addresses of the round shown', async () => {
    await page.evaluate(() => {
      location.hash = '#round=72&indicator=idps_ind&lang=en';
    });
    await waitForRound(page, '72');
    const links = await page.$$eval('#downloads a[download]', (anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).href),
    );
    const csv = links.find((href) => href.includes('figures.csv'));
    const geojson = links.find((href) => href.includes('figures.geojson'));
    const qgis = links.find((href) => href.includes('/qgis/'));
    expect(csv && geojson && qgis).toBeTruthy();
    const fetched = await page.evaluate(
      async (urls) =>
        Promise.all(
          urls.map(async (u) => ({
            status: (await fetch(u)).status,
            text: (await (await fetch(u)).text()).slice(0, 400),
          })),
        ),
      [csv, geojson, qgis] as string[],
    );
    expect(fetched.map((f) => f.status)).toEqual([200, 200, 200]);
    expect(fetched[0]?.text.split('\n')[1]).toMatch(/^#adm\d\+code/);
    expect(fetched[1]?.text).toContain('FeatureCollection');
    expect(fetched[2]?.text).toContain('qgsVectorTileConnections');
    await page.click('#downloads summary');
    const fields = await page.$$eval('#downloads .copy-field input', (inputs) =>
      inputs.map((i) => (i as HTMLInputElement).value),
    );
    expect(fields[0]).toMatch(/\/tiles\/mli\/72\/\{z\}\/\{x\}\/\{y\}\.mvt/);
    expect(fields[1]).toBe(`${harness.origin}/tiles/mli/72/tiles.json`);
    expect(await page.$$eval('#downloads button.copy', (b) => b.length)).toBe(5);
  });

  it('gives embed code for the current view, and advertises oEmbed', async () => {
    await page.click('#embed-button');
    const code = await page.inputValue('#embed-code');
    expect(code).toContain(`<iframe src="${harness.origin}/embed/#round=72`);
    expect(code).toContain('title="');
    await page.keyboard.press('Escape');
    const href = await page.getAttribute('link[type="application/json+oembed"]', 'href');
    const oembed = await page.evaluate(async (href) => (await fetch(href as string)).json(), href);
    expect(oembed.type).toBe('rich');
    expect(oembed.html).toContain('/embed/');
  });

  it('shows the figures as a table', async () => {
    await page.click('#table-button');
    await page.waitForSelector('#table-view:not([hidden]) table');
    const rows = await page.$$eval('#table-view tbody tr', (trs) => trs.length);
    expect(rows).toBeGreaterThanOrEqual(10);
    expect(await page.textContent('#table-view caption')).toContain('IDPs');
    await page.click('#table-button');
    await page.waitForSelector('#table-view', { state: 'hidden' });
  });

  it('fits a 360 px phone screen', async () => {
    const phone = await harness.open(`${harness.origin}/#round=72&indicator=idps_ind&lang=fr`, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    pages.push(phone);
    await phone.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(360);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'atlas-phone-360.png'), fullPage: true });
    await phone.page.context().close();
  });

  it('logs no error and asks no other host for anything', () => {
    for (const { consoleErrors, foreignRequests } of pages) {
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }
  });
});
