import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage, waitForRound } from './harness.ts';

const run = browserAvailable();

/** The XLSX link of the downloads panel, clicked as a user would: the file and its Metadata sheet. */
async function downloadXlsx(page: Page) {
  const link = page.locator('#downloads a', { hasText: 'Figures as Excel' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = path.join(SCREENSHOTS, download.suggestedFilename());
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const metadata = new Map<string, string>();
  book.getWorksheet('Metadata')?.eachRow((row) => {
    const [, field, value] = row.values as unknown[];
    metadata.set(String(field), String(value ?? ''));
  });
  return { name: download.suggestedFilename(), metadata, sheets: book.worksheets.map((s) => s.name) };
}

/** The downloads panel offers the XLSX of the round and level shown, and the round's data package. */
describe.runIf(run)('the XLSX download on the map page', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=72&indicator=idps_ind&level=adm2&lang=en`);
    page = watched.page;
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('downloads an .xlsx whose Metadata sheet names the round and level shown', async () => {
    await waitForRound(page, '72');
    const { name, metadata, sheets } = await downloadXlsx(page);
    expect(name).toBe('dtm-mli-72-adm2.xlsx');
    expect(sheets).toEqual(['Data', 'Metadata']);
    expect(metadata.get('round key')).toBe(await page.getAttribute('body', 'data-round'));
    expect(metadata.get('round date')).toBe('2021-09-30');
    expect(metadata.get('level')).toMatch(/^adm2 /);
    expect(metadata.get('source file sha256')).toMatch(/^[0-9a-f]{64}$/);
    const datapackage = await page.getAttribute('#downloads a[href$="/datapackage.json"]', 'href');
    expect(datapackage).toBe('/api/v1/datasets/mli/rounds/72/datapackage.json');
  });

  it('follows the round chosen on the page', async () => {
    await page.evaluate(() => {
      location.hash = '#round=2013-06&indicator=idps_ind&level=adm1&lang=en';
    });
    await waitForRound(page, '2013-06');
    await page.waitForSelector('#downloads a[href*="/rounds/2013-06/figures.xlsx"]');
    const { name, metadata } = await downloadXlsx(page);
    expect(name).toBe('dtm-mli-2013-06-adm1.xlsx');
    expect(metadata.get('round key')).toBe('2013-06');
    expect(metadata.get('credit line')).toContain('CMP');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'downloads-xlsx.png'), fullPage: true });
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
