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
});
