import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREEN_SIZES, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';
import { type ApiArea, csvRows, type ShownTable, shownTable } from './table-helpers.ts';

/**
 * The table that answers (issue 15, "Beyond the DTM page"), with the real Mali figures of Round 72: "how many
 * IDPs in Mopti's cercles?", "which of its communes have no data?", sorted, totalled and downloaded as shown.
 */
const SIZES = SCREEN_SIZES;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MOPTI = 'ML05';

describe.runIf(browserAvailable())('the data table: filter, sort, totals, no data, download', () => {
  let harness: Harness;
  let cercles: ApiArea[];
  let communes: ApiArea[];
  /** Round 72's credit line, as the service's own level CSV prints it. */
  let credit: string;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    const figures = async (level: string): Promise<ApiArea[]> =>
      (await (await fetch(`${harness.origin}/api/v1/datasets/mli/rounds/72/figures?level=${level}`)).json())
        .areas;
    const round = await (await fetch(`${harness.origin}/api/v1/datasets/mli/rounds/72`)).json();
    credit = round.provenance.attribution;
    const adm2 = await figures('adm2');
    cercles = adm2.filter((area) => area.parent === MOPTI);
    const inMopti = new Set(cercles.map((area) => area.pcode));
    communes = (await figures('adm3')).filter((area) => inMopti.has(area.parent ?? ''));
    // The names the Cercle column must show, from the API.
    for (const commune of communes) commune.parentName = adm2.find((c) => c.pcode === commune.parent)?.name;
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const size of SIZES) {
    it(`answers "Mopti's cercles, by IDPs" and "which communes have no data" at ${size.width}×${size.height}`, async () => {
      await pages[pages.length - 1]?.page.context().close();
      const watched = await harness.open(
        `${harness.origin}/#round=72&indicator=idps_ind&level=adm2&lang=en&view=table`,
        { viewport: size, bypassCSP: true, acceptDownloads: true },
      );
      pages.push(watched);
      const { page } = watched;
      const shot = (step: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `table-${step}-${size.width}x${size.height}.png`) });
      await page.waitForSelector('body[data-map="ready"]', { timeout: 90_000 });
      await page.waitForSelector('#table-view:not([hidden]) .data-table tbody tr');

      await selectMopti(page);
      let table = await shownTable(page);
      expect([...table.pcodes].sort()).toEqual(cercles.map((area) => area.pcode).sort());
      expect(table.column('Region')).toEqual(cercles.map(() => 'Mopti'));

      const expected = [...cercles]
        .sort((a, b) => (b.idps_ind ?? -1) - (a.idps_ind ?? -1))
        .map((area) => area.idps_ind);
      await sortByIdps(page, expected);
      await shot('mopti-by-idps');

      table = await shownTable(page);
      checkTotals(table, cercles);
      let csv = await downloadChecked(page, table, 'dtm-mli-72-adm2-in-ML05.csv', credit);
      expect(csv[1]).toEqual([
        '#adm2+name',
        '#adm2+code',
        '#adm1+name',
        ...FIGURE_TAGS.slice(0, table.headers.length - 3),
        ...CREDIT_TAGS,
      ]);
      expect(csv.slice(2).map((row) => (row[3] ? Number(row[3]) : undefined))).toEqual(expected);

      // "No data only" at commune level: Mopti's communes the round has no figure for, with région and cercle.
      await page.check('#table-no-data');
      await page.selectOption('#level-select', 'adm3');
      await captionSays(page, 'commune');
      table = await shownTable(page);
      const noData = communes.filter((area) => area.status === 'no_data');
      expect(noData.length).toBeGreaterThan(0);
      expect([...table.pcodes].sort()).toEqual(noData.map((area) => area.pcode).sort());
      expect(table.column('Region')).toEqual(noData.map(() => 'Mopti'));
      expect([...table.column('Cercle')].sort()).toEqual(noData.map((area) => area.parentName).sort());
      checkTotals(table, noData);
      expect(await page.isChecked('#table-no-data')).toBe(true);
      await shot('mopti-communes-no-data');
      csv = await downloadChecked(page, table, 'dtm-mli-72-adm3-in-ML05-no-data.csv', credit);
      expect(csv[1]?.slice(0, 4)).toEqual(['#adm3+name', '#adm3+code', '#adm1+name', '#adm2+name']);
      const figureCells = (row: string[]) => row.slice(4, table.headers.length);
      expect(csv.slice(2).every((row) => figureCells(row).every((cell) => cell === ''))).toBe(true);

      expect(await axeOnTable(page)).toEqual([]);

      // In French, the parent columns take the dataset's French level names.
      await page.click('#lang-button');
      await captionSays(page, 'Chiffres par commune dans Mopti');
      expect((await shownTable(page)).headers.slice(2, 4)).toEqual(['Région', 'Cercle']);
      await shot('mopti-communes-no-data-fr');

      // Clearing the filter shows every commune without data; focus goes to the next control.
      await page.click('.table-chip button');
      await page.waitForSelector('.table-chip', { state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('table-no-data');
      expect(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('area'))).toBeNull();
      expect((await shownTable(page)).pcodes.length).toBeGreaterThan(noData.length);
      await shot('all-communes-no-data');
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
    }, 240_000);
  }
});

const FIGURE_TAGS = [
  '#affected+idps+ind',
  '#affected+hh+idps',
  '#affected+returnees+ind',
  '#affected+hh+returnees',
  '#affected+idps+ind+change',
];

/** The columns saying where the figures come from, as the service's level CSV tags them. */
const CREDIT_TAGS = ['#meta+source', '#meta+credit', '#meta+licence', '#meta+caveat'];

/** Selects Mopti (the région) with the search: the table keeps to its cercles and says so. */
async function selectMopti(page: Page): Promise<void> {
  await page.fill('#search-input', 'Mopti');
  await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
  await page.dispatchEvent('#search-option-0', 'mousedown');
  await page.waitForSelector('.table-chip:not([hidden])');
  expect(await page.textContent('.table-chip')).toMatch(/^Showing areas in Mopti — clear$/);
  await captionSays(page, 'Figures by cercle in Mopti, Round 72');
}

/**
 * By name, then by IDPs: the first click on a figure sorts largest first (`expected`), areas without it last;
 * Enter and Space on the header turn the order round and back, focus staying on the header.
 */
async function sortByIdps(page: Page, expected: Array<number | undefined>): Promise<void> {
  await page.click('button[data-sort="name"]');
  await page.click('button[data-sort="idps_ind"]');
  expect(await sortState(page)).toEqual({ sort: 'descending', focused: 'idps_ind' });
  expect((await shownTable(page)).figures('idps_ind')).toEqual(expected);
  await page.keyboard.press('Enter');
  expect(await sortState(page)).toEqual({ sort: 'ascending', focused: 'idps_ind' });
  const reported = expected.filter((v) => v !== undefined);
  expect((await shownTable(page)).figures('idps_ind').filter((v) => v !== undefined)).toEqual(
    reported.reverse(),
  );
  await page.keyboard.press('Space');
  expect(await sortState(page)).toEqual({ sort: 'descending', focused: 'idps_ind' });
  await captionSays(page, 'sorted by IDPs, descending');
}

/** The footer: each figure column sums the cells shown and the API's figures; the count of areas reported. */
function checkTotals(table: ShownTable, areas: ApiArea[]): void {
  for (const key of ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'] as const) {
    const cells = table.figures(key).filter((v): v is number => v !== undefined);
    const fromApi = areas.reduce((sum, area) => sum + (area[key] ?? 0), 0);
    expect(table.total(key), key).toBe(cells.length > 0 ? fromApi : undefined);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(fromApi);
  }
  const reported = areas.filter((area) => area.status === 'reported').length;
  expect(table.reported).toBe(`${reported} of ${areas.length} areas reported`);
}

/**
 * Downloads the table: its name, the BOM, the headers shown then the source and credit columns, and the rows
 * shown in the order shown, each with the round's credit line.
 */
async function downloadChecked(
  page: Page,
  table: ShownTable,
  name: string,
  credit: string,
): Promise<string[][]> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#table-download')]);
  expect(saved.suggestedFilename()).toBe(name);
  const text = await readFile(await saved.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = csvRows(text.slice(1));
  expect(rows[0]).toEqual([...table.headers, 'Source', 'Credit', 'Licence', 'Caveat']);
  expect(rows.slice(2).map((row) => row[1])).toEqual(table.pcodes);
  const at = rows[1]?.indexOf('#meta+credit') ?? -1;
  expect(rows.slice(2).every((row) => row[at] === credit)).toBe(true);
  return rows;
}

/** Waits for the table's caption to say `text`. */
async function captionSays(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('.data-table caption')?.textContent?.includes(text),
    text,
  );
}

/** The sorted header's `aria-sort` and the sort button that has focus. */
function sortState(page: Page): Promise<{ sort: string | null; focused: string | undefined }> {
  return page.evaluate(() => ({
    sort: document.querySelector('.data-table th[aria-sort]')?.getAttribute('aria-sort') ?? null,
    focused: (document.activeElement as HTMLElement | null)?.dataset.sort,
  }));
}

/** axe-core's findings inside the table view (its default rules: WCAG 2.x A/AA and best practices). */
async function axeOnTable(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<any> } }).axe;
    const results = await axe.run({ include: [['#table-view']] });
    return results.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}
