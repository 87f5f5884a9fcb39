import type { Page } from 'playwright-core';

/** An area of the figures API, as the table test reads it. */
export interface ApiArea {
  pcode: string;
  name: string;
  parent?: string;
  status: 'reported' | 'no_data';
  idps_ind?: number;
  idps_hh?: number;
  returnees_ind?: number;
  returnees_hh?: number;
  /** Filled in by the test: the name of the parent, from the API. */
  parentName?: string;
}

/** The data table as a user reads it. */
export interface ShownTable {
  /** Column headers as shown (without the sort arrow). */
  headers: string[];
  /** The rows' P-codes, top to bottom. */
  pcodes: string[];
  /** The cells of the column with this header, top to bottom. */
  column(header: string): string[];
  /** The numbers in a figure column (`data-sort` key), top to bottom; undefined for "—" or "No data". */
  figures(key: string): Array<number | undefined>;
  /** The footer's total of a figure column. */
  total(key: string): number | undefined;
  /** The footer's "n of m areas reported". */
  reported: string;
}

const number = (text: string): number | undefined =>
  /\d/.test(text) ? Number(text.replace('−', '-').replace(/[^\d-]/g, '')) : undefined;

/** Reads the table on the page: headers, rows (a "No data" row has no figure cells), footer. */
export async function shownTable(page: Page): Promise<ShownTable> {
  const raw = await page.evaluate(() => {
    const table = document.querySelector('#table-view .data-table') as HTMLTableElement;
    const buttons = [...table.querySelectorAll<HTMLButtonElement>('thead th button.sort')];
    const rows = [...table.querySelectorAll('tbody tr')]
      .filter((tr) => tr.querySelector('th[scope="row"]'))
      .map((tr) => ({
        cells: [...tr.children].map((cell) => cell.textContent ?? ''),
        noData: tr.querySelector('td.no-data') !== null,
      }));
    return {
      headers: buttons.map((b) => b.firstChild?.textContent ?? ''),
      keys: buttons.map((b) => b.dataset.sort ?? ''),
      figureKeys: buttons
        .filter((b) => b.closest('th')?.classList.contains('n'))
        .map((b) => b.dataset.sort ?? ''),
      rows,
      totals: [...table.querySelectorAll('tfoot td.n')].map((td) => td.textContent ?? ''),
      reported: table.querySelector('tfoot td.reported')?.textContent ?? '',
    };
  });
  return {
    headers: raw.headers,
    pcodes: raw.rows.map((row) => row.cells[1] ?? ''),
    column: (header) => raw.rows.map((row) => row.cells[raw.headers.indexOf(header)] ?? ''),
    figures: (key) =>
      raw.rows.map((row) => (row.noData ? undefined : number(row.cells[raw.keys.indexOf(key)] ?? ''))),
    total: (key) => number(raw.totals[raw.figureKeys.indexOf(key)] ?? ''),
    reported: raw.reported,
  };
}

/** Parses CSV text (quotes, doubled quotes, CRLF) into rows of cells; the trailing line break ends the last row. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  return rows;
}
