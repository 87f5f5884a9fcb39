/**
 * The data table as a CSV file, built in the browser: exactly the rows, order and columns shown, with the
 * HXL hashtag row the service's own CSV carries (functions/core/exports.ts) so HDX tools read it by hashtag.
 */
import { FIGURE_HXL } from '../../functions/core/exports.ts';
import { cellValue, isFigure, type SortKey, type TableRow } from './table-model.ts';

/** A column of the table: what it sorts by and its header as shown. */
export interface TableColumn {
  key: SortKey;
  header: string;
}

/** A column with the same value on every row (the round's source and credit): header, HXL tag, value. */
export interface CsvNote {
  header: string;
  hxl: string;
  value: string;
}

/** Spreadsheets (Excel) read a CSV as UTF-8 only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/** The HXL hashtag of a column of a table of areas at admin level `level` (parent `i` is level i + 1). */
export function hxlTag(key: SortKey, level: number): string {
  if (key === 'name') return `#adm${level}+name`;
  if (key === 'pcode') return `#adm${level}+code`;
  if (isFigure(key)) return FIGURE_HXL[key];
  return `#adm${Number(key.slice('parent'.length)) + 1}+name`;
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The CSV: a byte order mark, the headers as shown, the HXL row, then one line per row in the order given,
 * each ending with the `notes` (the round's source and credit, as the service's CSV repeats them).
 * Figures are plain numbers (no thousands separator); a figure the area lacks is an empty cell, never 0.
 */
export function tableCsv(
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  level: number,
  notes: readonly CsvNote[] = [],
): string {
  const noteCells = notes.map((note) => cell(note.value));
  const lines = [
    [...columns.map((column) => cell(column.header)), ...notes.map((note) => cell(note.header))].join(','),
    [...columns.map((column) => hxlTag(column.key, level)), ...notes.map((note) => note.hxl)].join(','),
    ...rows.map((row) =>
      [...columns.map((column) => cell(cellValue(row, column.key))), ...noteCells].join(','),
    ),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** What the file is named after: dataset, round, level, and the filters shown. */
export interface CsvScope {
  dataset: string;
  round: string;
  level: string;
  within?: string;
  noDataOnly: boolean;
}

/** The file name, e.g. `dtm-mli-72-adm2-in-ML05-no-data.csv` (only characters every file system accepts). */
export function csvFileName(scope: CsvScope): string {
  const parts = ['dtm', scope.dataset, scope.round, scope.level];
  if (scope.within) parts.push('in', scope.within);
  if (scope.noDataOnly) parts.push('no-data');
  return `${parts.map((part) => part.replace(/[^\w.-]+/g, '_')).join('-')}.csv`;
}
