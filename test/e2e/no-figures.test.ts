import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness } from './harness.ts';

/**
 * A fresh clone: the service seeded from an empty data folder has the shipped boundaries and no rounds. The
 * map draws the boundaries (the `boundaries` tiles, no figures) under a banner saying how to get figures.
 */
describe.runIf(browserAvailable())('the map with no rounds', () => {
  let harness: Harness;
  let empty: string;

  beforeAll(async () => {
    empty = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-nodata-'));
    harness = await startHarness({ dataDir: empty });
  });
  afterAll(async () => {
    await harness?.close();
    await rm(empty, { recursive: true, force: true });
  });

  for (const [lang, expected] of [
    ['en', ['No figures yet', 'DTM_API_KEY', 'DTM_DATA_DIR', 'Mali']],
    ['fr', ['Pas encore de chiffres', 'DTM_API_KEY', 'DTM_DATA_DIR', 'Mali']],
  ] as const) {
    it(`says how to get figures (${lang}) and draws the boundaries`, async () => {
      const watched = await harness.open(`${harness.origin}/#dataset=mli&lang=${lang}`);
      const { page } = watched;
      const tiles: number[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/tiles/mli/boundaries/') && response.url().includes('.mvt'))
          tiles.push(response.status());
      });
      await page.waitForSelector('body[data-map="no-figures"]', { timeout: 45_000 });
      const banner = await page.textContent('#no-figures');
      for (const text of expected) expect(banner).toContain(text);
      expect(await page.isVisible('#no-figures')).toBe(true);
      expect(await page.isHidden('#error')).toBe(true);
      expect(tiles.length).toBeGreaterThan(0);
      expect(tiles.every((status) => status === 200)).toBe(true);
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `no-figures-${lang}.png`) });
      await page.context().close();
    });
  }
});
