import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundsResponse, SeriesResponse } from '../../functions/core/api-types.ts';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';
import { overlap, type ScreenRect, settled } from './layout-probe.ts';

const run = browserAvailable();
const hash = (area: string) => `#round=72&indicator=idps_ind&lang=en&dataset=mli&area=${area}`;
const count = (value: number) => value.toLocaleString('en-GB');

/** What a panel of the trend shows, read from the page: its texts with their boxes, and its dots. */
interface Panel {
  title: string;
  change: string;
  values: Array<{ text: string; box: ScreenRect }>;
  headers: ScreenRect[];
  ticks: ScreenRect[];
  dots: Array<{ tip: string; partial: boolean; radius: number }>;
  layoutChanges: number;
}

async function panels(page: Page): Promise<Panel[]> {
  return page.$$eval('#trend-chart svg', (svgs) =>
    svgs.map((root) => {
      const box = (node: Element) => {
        const r = node.getBoundingClientRect();
        return {
          left: r.left,
          top: r.top,
          right: r.right,
          bottom: r.bottom,
          width: r.width,
          height: r.height,
        };
      };
      const texts = (selector: string) => [...root.querySelectorAll(selector)];
      return {
        title: root.querySelector('.trend-title')?.textContent ?? '',
        change: texts('.trend-change')
          .map((node) => node.textContent)
          .join(' '),
        values: texts('.trend-value').map((node) => ({ text: node.textContent ?? '', box: box(node) })),
        headers: texts('.trend-title, .trend-change').map(box),
        ticks: texts('.trend-tick').map(box),
        dots: texts('.trend-dot').map((node) => ({
          tip: node.querySelector('title')?.textContent ?? '',
          partial: node.classList.contains('partial'),
          radius: Number(node.getAttribute('r')),
        })),
        layoutChanges: texts('.trend-layout-change').length,
      };
    }),
  );
}

/** The percentage the change figure should read, from the first comparable figure to Round 72's. */
function expectedPercent(from: number, to: number): string {
  const percent = Math.round(((to - from) / from) * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)}%`;
}

/**
 * Issue 15, item 12 and "Across boundary changes": the trend writes its values on the chart, says the change
 * since the first figure (and against what), keeps its title clear of the axis, keeps the slider's focus ring
 * off the years, and runs Mopti across the 2016 boundary change while marking Gao, which then held Ménaka.
 */
describe.runIf(run)('the trend at the four sizes', () => {
  let harness: Harness;
  let watched: WatchedPage | undefined;
  let rounds: RoundsResponse['rounds'];
  let mopti: SeriesResponse;

  beforeAll(async () => {
    harness = await startHarness();
    const api = async <T>(url: string) => (await fetch(`${harness.origin}${url}`)).json() as Promise<T>;
    rounds = (await api<RoundsResponse>('/api/v1/datasets/mli/rounds')).rounds;
    mopti = await api<SeriesResponse>('/api/v1/datasets/mli/areas/ML05/series');
  });

  afterAll(async () => {
    await watched?.page.context().close();
    await harness?.close();
  });

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
    [768, 1024],
    [360, 740],
  ] as const) {
    it(`shows values, the change since and Mopti across both layouts at ${width}×${height}`, async () => {
      await watched?.page.context().close();
      watched = await harness.open(`${harness.origin}/${hash('ML05')}`, { viewport: { width, height } });
      const { page } = watched;
      await settled(page);
      await page.waitForFunction(() =>
        document.querySelector('#trend-chart svg:nth-of-type(2)')?.textContent?.includes('Mopti'),
      );
      await page.locator('.trend-section').scrollIntoViewIfNeeded();
      const [national, area] = await panels(page);
      if (!national || !area) throw new Error('the trend has no area panel');

      // The values are text on the chart: the last figure in full on both panels.
      const r72 = rounds.find((round) => round.key === '72');
      expect(national.values.map((v) => v.text)).toContain(count(r72?.totals.idps_ind as number));
      const moptiR72 = mopti.series.find((point) => point.round === '72')?.idps_ind as number;
      expect(area.values.map((v) => v.text)).toContain(count(moptiR72));
      for (const value of [...national.values, ...area.values])
        expect(value.box.right - value.box.left).toBeGreaterThan(0);
      expect(Math.min(...national.dots.map((dot) => dot.radius))).toBeGreaterThan(2.5);

      // The change since the first figure, computed here from the API.
      const first = rounds.find((round) => round.totals.idps_ind !== undefined);
      const nationalFrom = first?.totals.idps_ind as number;
      expect(national.change).toContain(expectedPercent(nationalFrom, r72?.totals.idps_ind as number));
      expect(national.change).toContain(count(nationalFrom));
      const moptiFrom = mopti.series.find((p) => p.idps_ind !== undefined && p.crosswalk !== 'partial');
      expect(area.change).toContain(expectedPercent(moptiFrom?.idps_ind as number, moptiR72));
      expect(area.change).toContain(count(moptiFrom?.idps_ind as number));

      // Title and change figure never touch the axis labels or the values.
      for (const panel of [national, area]) {
        for (const header of panel.headers) {
          for (const other of [...panel.ticks, ...panel.values.map((v) => v.box)]) {
            expect(overlap(header, other), `${panel.title} at ${width}`).toBe(false);
          }
        }
      }

      // Mopti: 2013 (the 9 régions of the time) and 2021 on one chart, with the layout change drawn.
      expect(area.dots.some((dot) => dot.tip.includes('2013'))).toBe(true);
      expect(area.dots.some((dot) => dot.tip.includes('2021'))).toBe(true);
      expect(area.layoutChanges).toBe(1);
      expect(await page.textContent('#trend-note')).toContain('Gao');
      await page
        .locator('.trend-section')
        .screenshot({ path: path.join(SCREENSHOTS, `trend-mopti-${width}x${height}.png`) });
    });

    it(`keeps the slider's focus ring off the years and marks Gao at ${width}×${height}`, async () => {
      if (!watched) throw new Error('no page');
      const { page } = watched;
      await page.focus('#round-slider');
      await page.keyboard.press('Shift');
      const ring = await page.$eval('#round-slider', (slider) => {
        const style = getComputedStyle(slider);
        const grow = Number.parseFloat(style.outlineWidth) + Number.parseFloat(style.outlineOffset);
        const r = slider.getBoundingClientRect();
        return {
          visible: slider.matches(':focus-visible') && style.outlineStyle !== 'none',
          box: {
            left: r.left - grow,
            top: r.top - grow,
            right: r.right + grow,
            bottom: r.bottom + grow,
            width: 0,
            height: 0,
          },
        };
      });
      expect(ring.visible).toBe(true);
      const years = await page.$$eval('#round-axis text.axis-year', (nodes) =>
        nodes.map((node) => {
          const r = node.getBoundingClientRect();
          return {
            left: r.left,
            top: r.top,
            right: r.right,
            bottom: r.bottom,
            width: r.width,
            height: r.height,
          };
        }),
      );
      expect(years.length).toBeGreaterThan(1);
      for (const year of years) expect(overlap(ring.box, year)).toBe(false);
      await page
        .locator('.timeline')
        .screenshot({ path: path.join(SCREENSHOTS, `trend-slider-focus-${width}x${height}.png`) });

      // Gao: the 2012–2014 points are the old Gao, which held Ménaka: hollow, with the note.
      await page.evaluate((next) => {
        location.hash = next;
      }, hash('ML07'));
      await page.waitForFunction(() =>
        document.querySelector('#trend-chart svg:nth-of-type(2) .trend-title')?.textContent?.includes('Gao'),
      );
      const [, gao] = await panels(page);
      expect(gao?.dots.filter((dot) => dot.partial).length).toBeGreaterThan(0);
      expect(gao?.dots.some((dot) => !dot.partial && dot.tip.includes('2021'))).toBe(true);
      expect(gao?.change).toContain('No earlier figure on the same ground');
      expect(await page.textContent('#trend-note')).toContain('Ménaka');
      await page
        .locator('.trend-section')
        .screenshot({ path: path.join(SCREENSHOTS, `trend-gao-${width}x${height}.png`) });
      expect(watched.foreignRequests).toEqual([]);
    });
  }
});
