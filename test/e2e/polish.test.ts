import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';
import { csvRows } from './table-helpers.ts';

type AtlasWindow = { dtmAtlas: { dataset: { id: string } } };

/** Waits until the page shows a dataset's map, drawn. */
async function waitForDataset(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      (window as unknown as Partial<AtlasWindow>).dtmAtlas?.dataset.id === id &&
      document.body.dataset.map === 'ready',
    id,
    { timeout: 60_000 },
  );
}

/** The country picker's groups as a user reads them. */
function countryLabels(page: Page): Promise<string[]> {
  return page.$$eval('#dataset-select optgroup', (groups) =>
    groups.map((group) => (group as HTMLOptGroupElement).label),
  );
}

/**
 * Whether the whole element can be read at once: scrolled to the top of the screen, its top and bottom edges
 * are on screen and not under anything (the bottom sheet).
 */
function wholeInView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const target = document.querySelector(selector) as HTMLElement | null;
    if (!target) return false;
    target.scrollIntoView({ block: 'start' });
    const r = target.getBoundingClientRect();
    const x = r.left + Math.min(r.width / 2, 40);
    return [r.top + 4, r.bottom - 4].every((y) => {
      if (y < 0 || y > innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit !== null && target.contains(hit);
    });
  }, selector);
}

/**
 * Issue 15 leftovers: countries named in the page's language, a switch of dataset that keeps the page's state
 * and focus, the phone's area sheet folding so the trend note and the table can be read, and the table's
 * download carrying the round's credit.
 */
describe.runIf(browserAvailable())('polish: country names, dataset switch, phone sheet, table credit', () => {
  let harness: Harness;
  const pages: WatchedPage[] = [];
  // One page at a time: each is a WebGL context, and the machine is small.
  const open = async (url: string, width: number, height: number) => {
    await Promise.all(pages.map(({ page }) => page.context().close()));
    const watched = await harness.open(url, { viewport: { width, height }, acceptDownloads: true });
    pages.push(watched);
    return watched;
  };

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('names the countries in the page’s language, and a switch of dataset keeps language, level and focus', async () => {
    const { page } = await open(
      `${harness.origin}/#indicator=idps_ind&level=adm1&lang=fr&dataset=mli`,
      1024,
      768,
    );
    await waitForDataset(page, 'mli');
    expect(await countryLabels(page)).toEqual(['Haïti', 'Mali']);
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await countryLabels(page)).toEqual(['Haiti', 'Mali']);
    await page.click('#lang-button');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await countryLabels(page)).toEqual(['Haïti', 'Mali']);

    // The keyboard chooses Haiti: the page opens Haiti, in French, on the level pinned, focus on the picker.
    const picker = page.locator('#dataset-select');
    await picker.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await waitForDataset(page, 'hti');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dataset-select');
    expect(await picker.inputValue()).toBe('hti');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await countryLabels(page)).toEqual(['Haïti', 'Mali']);
    expect(await page.textContent('#legend h2')).toContain('Département');
    const url = new URLSearchParams(new URL(page.url()).hash.slice(1));
    expect([url.get('dataset'), url.get('lang'), url.get('level')]).toEqual(['hti', 'fr', 'adm1']);
    expect(await page.evaluate(() => document.body.getAttribute('aria-busy'))).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'polish-switch-haiti-fr.png') });

    // Back returns to Mali, as it was.
    await page.goBack();
    await waitForDataset(page, 'mli');
    expect(await picker.inputValue()).toBe('mli');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  }, 180_000);

  it('on a 360×740 phone, folds the area sheet so the trend note and the table can be read, the area kept', async () => {
    const { page } = await open(
      `${harness.origin}/#round=72&indicator=idps_ind&level=adm1&lang=en&dataset=mli&area=ML05`,
      360,
      740,
    );
    await waitForDataset(page, 'mli');
    await page.waitForSelector('#area-panel .figures');
    await page.waitForFunction(() => (document.getElementById('trend-note')?.textContent ?? '').length > 0);
    const handle = page.getByRole('button', { name: 'Figures of the selection' });
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'polish-phone-sheet-open.png') });

    await handle.click();
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.isVisible('#area-panel .figures')).toBe(false);
    expect(await page.isVisible('#area-panel .panel-title')).toBe(true);
    const sheet = await page.evaluate(
      () => document.getElementById('area-panel')?.getBoundingClientRect().height,
    );
    expect(sheet).toBeLessThan(740 * 0.15);
    // The trend (about 460 px: taller than the room the open sheet leaves) is read whole, chart and note.
    expect(await wholeInView(page, '.trend-section')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'polish-phone-sheet-folded-trend.png') });

    // The table, with the area still selected (it filters the table to Mopti's cercles).
    await page.click('#table-button');
    await page.waitForSelector('.data-table tbody tr');
    expect(await wholeInView(page, '.data-table')).toBe(true);
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('area')).toBe('ML05');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'polish-phone-sheet-folded-table.png') });

    // Unfolded again: the figures are in view.
    await handle.click();
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    const figures = await page.evaluate(() => {
      const r = (document.querySelector('#area-panel .figures') as HTMLElement).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    expect(figures.top).toBeGreaterThanOrEqual(0);
    expect(figures.bottom).toBeLessThanOrEqual(740);
  }, 180_000);

  it('at 768×1024 the area panel stays in the side column, without a handle', async () => {
    const { page } = await open(
      `${harness.origin}/#round=72&indicator=idps_ind&level=adm1&lang=en&dataset=mli&area=ML05`,
      768,
      1024,
    );
    await waitForDataset(page, 'mli');
    await page.waitForSelector('#area-panel .figures');
    expect(await page.isVisible('.sheet-handle')).toBe(false);
    expect(await page.$eval('#area-panel', (panel) => getComputedStyle(panel).position)).toBe('relative');
    expect(await page.isVisible('#area-panel .figures')).toBe(true);
  }, 120_000);

  it('downloads the French table with the round’s source and credit on every row', async () => {
    const { page } = await open(
      `${harness.origin}/#round=72&indicator=idps_ind&level=adm1&lang=fr&dataset=mli&view=table`,
      1024,
      768,
    );
    await waitForDataset(page, 'mli');
    await page.waitForSelector('.data-table tbody tr');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#table-download')]);
    const rows = csvRows((await readFile(await saved.path(), 'utf8')).slice(1));
    const header = rows[0] ?? [];
    expect(header.slice(-4)).toEqual(['Source', 'Crédit', 'Licence', 'Mise en garde']);
    expect(rows[1]?.slice(-4)).toEqual(['#meta+source', '#meta+credit', '#meta+licence', '#meta+caveat']);
    const credit = header.indexOf('Crédit');
    const body = rows.slice(2).filter((row) => row.length > 1);
    expect(body.length).toBe(10);
    expect(body.every((row) => /IOM|OIM/.test(row[credit] ?? '') && row[credit]?.includes('Limites'))).toBe(
      true,
    );
  }, 120_000);

  it('logs no error and asks no other host', () => {
    for (const { consoleErrors, foreignRequests } of pages) {
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }
  });
});
