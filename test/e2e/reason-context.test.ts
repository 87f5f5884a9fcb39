import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { DATA_DIR } from '../helpers/service.ts';
import {
  type Harness,
  plainSpaces,
  SCREEN_SIZES,
  SCREENSHOTS,
  startHarness,
  waitForRound,
} from './harness.ts';

const run = browserAvailable();
const SIZES = SCREEN_SIZES;

/** The fill colours the map paints for the areas in view (MapLibre's own evaluation). */
const paintedColours = () =>
  (window as unknown as { dtmAtlas: { map: { queryRenderedFeatures: () => any[] } } }).dtmAtlas.map
    .queryRenderedFeatures()
    .filter((f) => f.layer.type === 'fill' && String(f.properties.pcode ?? '').startsWith('HT'))
    .map((f) => `${f.properties.pcode}=${JSON.stringify(f.layer.paint['fill-color'])}`)
    .sort()
    .join('|');

/** IDPs by reason (Haiti) and IDMC's context (Mali), plus the French colons, panel focus and notice language. */
describe.runIf(run)('cause of displacement and IDMC context', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  }, 300_000);
  afterAll(async () => {
    await harness?.close();
  });

  it.each(SIZES)(
    'Haiti at $width×$height: the menu lists the reasons, choosing one repaints and names it',
    async (size) => {
      const { page, consoleErrors, foreignRequests } = await harness.open(
        `${harness.origin}/#round=10&indicator=idps_ind&lang=en&dataset=hti`,
        { viewport: size },
      );
      await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
      await waitForRound(page, '10');
      const reasons = await page.$$eval('#indicator-select optgroup option', (options) =>
        options.map((o) => [(o as HTMLOptionElement).value, o.textContent]),
      );
      expect(reasons).toContainEqual(['idps_ind_reason.conflict', 'IDPs by reason: Conflict']);
      expect(reasons).toContainEqual([
        'idps_ind_reason.natural disaster',
        'IDPs by reason: Natural disaster',
      ]);
      const before = await page.evaluate(paintedColours);
      await page.selectOption('#indicator-select', 'idps_ind_reason.natural disaster');
      await page.waitForFunction(() => location.hash.includes('idps_ind_reason.natural'));
      await page.waitForFunction(
        () => document.querySelector('#legend h2')?.textContent?.includes('Natural disaster'),
        undefined,
        { timeout: 20_000 },
      );
      await expect.poll(() => page.evaluate(paintedColours), { timeout: 20_000 }).not.toBe(before);
      expect(await page.textContent('#legend h2')).toContain('IDPs by reason: Natural disaster');
      expect(await page.textContent('#headline')).toContain('IDPs by reason: Natural disaster');
      expect(await page.textContent('#downloads')).toContain('idps_ind_reason.natural disaster');
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `reason-haiti-${size.width}.png`) });
    },
  );

  it.each(SIZES)(
    "Mali at $width×$height: the headline shows IDMC's figure for the round's year, credited",
    async (size) => {
      const rows = readFileSync(
        path.join(DATA_DIR, 'mali/idmc/idmc_gidd_mali_conflict_annual_2012-2024.csv'),
        'utf8',
      )
        .trim()
        .split('\n')
        .map((row) => row.split(','));
      const total = Number(rows.find((row) => row[2] === '2021')?.[5]);
      const { page, foreignRequests } = await harness.open(
        `${harness.origin}/#round=72&indicator=idps_ind&lang=en`,
        {
          viewport: size,
        },
      );
      await page.waitForSelector('.context-figure:not([hidden])', { timeout: 45_000 });
      const text = plainSpaces(await page.textContent('.context-figure'));
      expect(text).toContain(`IDMC estimate, 2021: ${total.toLocaleString('en-GB')}`);
      expect(text).toContain('Different source and method');
      expect(await page.getAttribute('.context-figure .context-credit a', 'href')).toMatch(
        /internal-displacement\.org/,
      );
      expect(await page.isVisible('.context-figure')).toBe(true);
      expect(foreignRequests).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `context-mali-${size.width}.png`) });
    },
  );

  it('falls back to IDPs for a reason the round lacks, with a notice that follows the language; French colons', async () => {
    const { page } = await harness.open(
      `${harness.origin}/#round=72&indicator=idps_ind_reason.conflict&lang=en`,
    );
    await page.waitForSelector('.state-notice', { timeout: 45_000 });
    expect(await page.textContent('.state-notice p')).toContain('does not split its IDPs by');
    expect(await page.evaluate(() => location.hash)).toContain('indicator=idps_ind&');
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.textContent('.state-notice p')).toContain('ne répartit pas ses PDI');
    expect(await page.textContent('.state-notice button')).toBe('Fermer l’avis');
    // The caveat label takes the narrow no-break space before its colon.
    const caveat = await page.textContent('.round-caveat strong');
    if (caveat) expect(caveat).toMatch(/\u202f: $/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reason-notice-fr.png') });
  });

  it("the panel's close button returns focus to the search box that opened it", async () => {
    const { page } = await harness.open(`${harness.origin}/#round=72&indicator=idps_ind&lang=en`);
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
    await page.fill('#search-input', 'Mopti');
    await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#area-panel:not([hidden]) button.close');
    await page.click('#area-panel button.close');
    await page.waitForSelector('#area-panel', { state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  });
});
