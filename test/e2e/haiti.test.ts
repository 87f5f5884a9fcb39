import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

const run = browserAvailable();

/** Haiti, the second country, on the same page: the dataset comes from the hash. */
describe.runIf(run)('the map of Haiti', () => {
  let harness: Harness;
  let watched: WatchedPage;

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=10&indicator=idps_ind&lang=en&dataset=hti`);
    await watched.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('opens round 10 of Countrywide monitoring with its national figure, départements drawn', async () => {
    const { page } = watched;
    expect(await page.textContent('#headline')).toContain('1,287,593');
    expect(await page.textContent('#round-output')).toContain('Round 10');
    const painted = await page.evaluate(() => {
      const map = (window as unknown as { dtmAtlas: { map: { queryRenderedFeatures: () => unknown[] } } })
        .dtmAtlas.map;
      return map
        .queryRenderedFeatures()
        .map((feature) => (feature as { properties: { pcode?: string } }).properties.pcode)
        .filter((pcode): pcode is string => typeof pcode === 'string' && pcode.startsWith('HT'));
    });
    expect(new Set(painted).size).toBeGreaterThanOrEqual(10);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'haiti-round-10.png') });
  });

  it('shows how Port-au-Prince’s figure splits, each split summing to it, in the area panel', async () => {
    const { page } = await harness.open(
      `${harness.origin}/#round=10&indicator=idps_ind&lang=en&dataset=hti&level=adm2&area=HT0111`,
    );
    await page.waitForSelector('#area-panel:not([hidden]) .breakdown', { timeout: 45_000 });
    expect(await page.textContent('#area-panel h2')).toBe('Port-au-Prince');
    const splits = await page.$$eval('#area-panel .breakdown-split', (figures) =>
      figures.map((figure) => ({
        title: figure.querySelector('figcaption')?.textContent ?? '',
        parts: [...figure.querySelectorAll('li')].map((li) => li.textContent ?? ''),
      })),
    );
    expect(splits.map((split) => split.title)).toContain('By displacement reason');
    for (const split of splits) {
      // "Conflict: 123,456 (72 %)": the counts of every split add up to the area's figure.
      const counts = split.parts.map((text) => Number(/: ([\d,]+) \(/.exec(text)?.[1]?.replace(/,/g, '')));
      expect(counts.every(Number.isFinite), split.title).toBe(true);
      expect(
        counts.reduce((a, b) => a + b, 0),
        split.title,
      ).toBe(169_261);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'haiti-HT0111-breakdown.png') });
  });
});
