import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';
import { countryBox, fillsMap, fitReport, hiding, overlap, settled } from './layout-probe.ts';

const run = browserAvailable();
const HASH = '#round=72&indicator=idps_ind&lang=en&dataset=mli';

/**
 * Issue 15, items 2 and 7: the first view shows the whole country clear of every overlay at each size, and
 * stays so when the window is resized; the embed's legend folds on a narrow frame and never covers the round
 * controls; on a phone a selection's figures are in view at once and the table keeps every column reachable.
 */
describe.runIf(run)('layout at the four sizes', () => {
  let harness: Harness;
  let mali: [number, number, number, number];
  const pages: WatchedPage[] = [];

  // One page at a time: each is a WebGL context, and the machine is small.
  const open = async (url: string, width: number, height: number) => {
    await Promise.all(pages.map(({ page }) => page.context().close()));
    const watched = await harness.open(url, { viewport: { width, height } });
    pages.push(watched);
    await settled(watched.page);
    return watched;
  };

  beforeAll(async () => {
    harness = await startHarness();
    mali = await countryBox(harness.origin);
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
    [768, 1024],
    [360, 740],
  ] as const) {
    it(`shows the whole country clear of the legend, controls and attribution at ${width}×${height}`, async () => {
      const { page } = await open(`${harness.origin}/${HASH}`, width, height);
      const report = await fitReport(page, mali);
      expect({ hidden: hiding(report), fills: fillsMap(report), report }).toMatchObject({
        hidden: [],
        fills: true,
      });
      // Every overlay was measured: the legend is on screen (over or below the map) with its classes.
      expect(report.overlays.map((o) => o.name)).toEqual(expect.arrayContaining(['legend', 'attribution']));
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-first-view-${width}x${height}.png`) });
    });
  }

  it('fits the country again when the window is resized, until the visitor moves the map', async () => {
    const { page } = await open(`${harness.origin}/${HASH}`, 1440, 900);
    const wide = await fitReport(page, mali);
    await page.setViewportSize({ width: 800, height: 900 });
    await settled(page);
    const narrow = await fitReport(page, mali);
    expect(hiding(narrow)).toEqual([]);
    expect(fillsMap(narrow)).toBe(true);
    expect(narrow.zoom).toBeLessThan(wide.zoom);
    // A view the visitor chose is theirs: a resize keeps its zoom.
    await page.evaluate(async () => {
      const { map } = (window as any).dtmAtlas;
      map.jumpTo({ center: [-4, 14.5], zoom: 6 });
      await new Promise((resolve) => map.once('idle', resolve));
    });
    await page.setViewportSize({ width: 1200, height: 900 });
    await settled(page);
    expect((await fitReport(page, mali)).zoom).toBeCloseTo(6, 5);
  });

  for (const [width, height] of [
    [800, 500],
    [360, 225],
    [360, 740],
  ] as const) {
    it(`shows the whole country in the embed at ${width}×${height}, clear of the round bar and legend`, async () => {
      const { page } = await open(`${harness.origin}/embed/${HASH}`, width, height);
      const report = await fitReport(page, mali);
      // The report rides along so a failure says where the box and the overlays were.
      expect({ hidden: hiding(report), fills: fillsMap(report), report }).toMatchObject({
        hidden: [],
        fills: true,
      });
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-embed-${width}x${height}.png`) });
    });
  }

  it('folds the embed legend on a 360 px frame behind a button that opens it from the keyboard', async () => {
    const { page } = await open(`${harness.origin}/embed/${HASH}`, 360, 225);
    const toggle = page.locator('.legend-toggle');
    expect(await page.isVisible('#legend')).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.isVisible('#legend li[data-kind="class"]')).toBe(true);
    // Open, it still leaves every round control visible and clickable.
    const rects = await page.evaluate(() => {
      const rect = (selector: string) => {
        const r = (document.querySelector(selector) as HTMLElement).getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      return {
        legend: rect('#legend'),
        controls: ['#round-previous', '#round-output', '#round-next'].map(rect),
      };
    });
    for (const control of rects.controls) expect(overlap(rects.legend, control)).toBe(false);
    const onTop = await page.evaluate(() => {
      const button = document.getElementById('round-previous') as HTMLElement;
      const r = button.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === button;
    });
    expect(onTop).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'layout-embed-360-legend-open.png') });
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#legend')).toBe(false);
  });

  it('on a phone, brings the figures of an area clicked on the map into view (bottom sheet)', async () => {
    const { page } = await open(`${harness.origin}/${HASH}`, 360, 740);
    const point = await page.evaluate(() => {
      const { map } = (window as any).dtmAtlas;
      const p = map.project([-3.5, 14.6]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#area-panel .panel-title');
    const figures = await page.evaluate(() => {
      const panel = document.getElementById('area-panel') as HTMLElement;
      const list = panel.querySelector('.figures, .no-data-note') as HTMLElement;
      const r = list.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, text: list.textContent ?? '' };
    });
    expect(figures.top).toBeGreaterThanOrEqual(0);
    expect(figures.bottom).toBeLessThanOrEqual(740);
    expect(figures.text).toMatch(/IDPs|No data/);
    await settled(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'layout-phone-selection.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#area-panel', { state: 'hidden' });
  });

  it('on a phone, scrolls the table sideways with the name column fixed, no number column cut off', async () => {
    const { page } = await open(`${harness.origin}/${HASH}&view=table`, 360, 740);
    await page.waitForSelector('.data-table tbody tr');
    const scrolled = await page.evaluate(() => {
      const view = document.querySelector('.table-view') as HTMLElement;
      const wide = view.scrollWidth > view.clientWidth;
      view.scrollLeft = view.scrollWidth;
      const frame = view.getBoundingClientRect();
      const name = (document.querySelector('.data-table tbody th') as HTMLElement).getBoundingClientRect();
      const cells = [...document.querySelectorAll<HTMLElement>('.data-table tbody tr:first-child td.n')];
      const last = cells[cells.length - 1]?.getBoundingClientRect();
      return {
        wide,
        nameAtLeft: Math.abs(name.left - frame.left) < 2,
        lastInside: last !== undefined && last.right <= frame.right + 1 && last.left >= name.right - 1,
        lastText: cells[cells.length - 1]?.textContent ?? '',
      };
    });
    expect(scrolled).toMatchObject({ wide: true, nameAtLeft: true, lastInside: true });
    expect(scrolled.lastText).toMatch(/\d|—/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'layout-phone-table.png') });
  });

  it('logs no error and asks no other host for anything', () => {
    for (const { consoleErrors, foreignRequests } of pages) {
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }
  });
});
