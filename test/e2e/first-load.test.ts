import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, startHarness } from './harness.ts';

/**
 * What a visitor on a slow link is spared (issue 15, "Measured"): every answer the map starts from is asked
 * for once, while the map code downloads (web/src/boot.ts), and not again by the atlas or by MapLibre (which
 * gets the TileJSON written into its style, web/src/style-source.ts); the map worker's script, fetched early
 * into the HTTP cache, is downloaded once.
 */

/** Downloads the page made, by path and query: how many, and how many came over the network. */
async function downloads(page: Page): Promise<Map<string, { asked: number; transferred: number }>> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => [entry.name, (entry as PerformanceResourceTiming).transferSize] as const),
  );
  const counts = new Map<string, { asked: number; transferred: number }>();
  for (const [name, transferSize] of entries) {
    const url = new URL(name);
    const key = `${url.pathname}${url.search}`;
    const count = counts.get(key) ?? { asked: 0, transferred: 0 };
    count.asked += 1;
    if (transferSize > 0) count.transferred += 1;
    counts.set(key, count);
  }
  return counts;
}

describe.runIf(browserAvailable())('the first load', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const path of ['/', '/embed/']) {
    it(`asks for each answer the map starts from once, and the map worker once (${path})`, async () => {
      const { page, consoleErrors } = await harness.open(
        `${harness.origin}${path}#dataset=mli&round=72&indicator=idps_ind&area=ML05&lang=en`,
      );
      await page.waitForSelector('body[data-map="ready"]', { timeout: 60_000 });
      const counts = await downloads(page);
      const startAnswers = [
        '/api/v1/datasets',
        '/api/v1/datasets/mli/rounds',
        '/tiles/mli/72/tiles.json',
        '/styles/mli/72/style.json?indicator=idps_ind&lang=en',
        // The link's area is checked against the round's areas.
        '/api/v1/datasets/mli/rounds/72/figures?level=adm1',
      ];
      for (const answer of startAnswers) expect(counts.get(answer)?.asked, answer).toBe(1);
      const workers = [...counts].filter(([key]) => /maplibre-gl-worker.*\.mjs$/.test(key));
      expect(workers.map(([, count]) => count.transferred)).toEqual([1]);
      // The map drew the round, tiles included.
      expect(await page.evaluate(() => document.body.dataset.round)).toBe('72');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }
});
