import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage, waitForRound } from './harness.ts';

const run = browserAvailable();

/** What the map page credits and warns about, round by round: attribution, caveat, downloads panel. */
describe.runIf(run)('provenance on the map page', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=72&indicator=idps_ind&lang=en`);
    page = watched.page;
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const attribution = () => page.textContent('.maplibregl-ctrl-attrib-inner');
  const show = async (hash: string, round: string) => {
    await page.evaluate((next) => {
      location.hash = next;
    }, hash);
    await waitForRound(page, round);
  };

  it('credits Round 72 to IOM DTM on the 2021 COD-AB layer, with its caveat and licence', async () => {
    await page.waitForFunction(() =>
      document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.includes('COD-AB'),
    );
    const text = await attribution();
    expect(text).toContain('Source: International Organization for Migration (IOM), Displacement Tracking');
    expect(text).toContain('OCHA COD-AB Mali (2021-12-20)');
    expect(text).not.toContain('CMP');
    expect(await page.textContent('.round-caveat')).toMatch(/^Caveat: Most cercles have one row/);
    const downloads = await page.textContent('#downloads');
    expect(downloads).toContain('Credit: Source: International Organization for Migration (IOM)');
    expect(downloads).toContain('Data licence');
    expect(downloads).toContain('non-commercial use only');
    expect(downloads).toContain('OCHA COD/FOD Registry terms of use');
    // The licence note names its terms in words; it links nowhere.
    expect(await page.$$eval('#downloads .data-licence a', (links) => links.length)).toBe(0);
    await page.click('#downloads .data-licence summary');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'provenance-round-72.png'), fullPage: true });
  });

  it('switches the credit to CMP and the 9-région layer on a 2013 round, without a caveat', async () => {
    await show('#round=2013-06&indicator=idps_ind&lang=en', '2013-06');
    await page.waitForFunction(() =>
      document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.includes('CMP'),
    );
    const text = await attribution();
    expect(text).toContain('IOM DTM and the Commission on Population Movements (CMP)');
    expect(text).toContain('9-région layer used for the 2012–2014 IDP series');
    expect(text).not.toContain('COD-AB');
    expect(await page.isHidden('.round-caveat')).toBe(true);
    expect(await page.textContent('#downloads')).toContain('No licence stated by the publisher');
  });

  it('shows the Round 72 caveat in French on the French page, and the credit back on COD-AB', async () => {
    await show('#round=72&indicator=idps_ind&lang=fr', '72');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.textContent('.round-caveat')).toMatch(
      /^Mise en garde\u202f: La plupart des cercles ont une seule ligne/,
    );
    await page.waitForFunction(() =>
      document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.includes('COD-AB'),
    );
    expect(await attribution()).not.toContain('CMP');
    expect(await page.textContent('#downloads')).toContain('Licence des données');
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
  });
});
