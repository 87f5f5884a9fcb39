/**
 * What the data table shows, without the DOM: its rows (each with the names of the areas it is part of), the
 * filters (inside the selected area, no data only), the order, and the totals of what is shown. Pure, so the
 * unit tests check it on small made-up rows.
 */
import { FIGURE_COLUMNS } from '../../functions/core/exports.ts';

/** A figure column of the table: the four figures and the change in IDPs since the previous round. */
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
export { FIGURE_COLUMNS };

/** What a column is sorted by: the name, the P-code, the name of the area at a coarser level, or a figure. */
export type SortKey = 'name' | 'pcode' | `parent${number}` | FigureColumn;

/** A sort: which column, which way. */
export interface SortOrder {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** An area as the figures API answers it (the fields the table reads). */
export interface AreaFigures extends Partial<Record<FigureColumn, number>> {
  pcode: string;
  name: string;
  parent?: string;
  status: 'reported' | 'no_data';
}

/** One row of the table. */
export interface TableRow {
  pcode: string;
  name: string;
  /** The areas this one is part of, coarsest first (région, cercle for a commune): P-codes and names. */
  ancestors: string[];
  parents: string[];
  status: 'reported' | 'no_data';
  values: Partial<Record<FigureColumn, number>>;
}

/** The table's filters: inside an area (its P-code), and areas with no figure only. */
export interface RowFilter {
  within?: string;
  noDataOnly: boolean;
}

/** Sums of what is shown: each figure column (absent when no shown row has it), and how many rows reported. */
export interface RowTotals {
  sums: Partial<Record<FigureColumn, number>>;
  reported: number;
  shown: number;
}

/**
 * The rows of one level: each area with its figures and its ancestors, found by following `parent` through
 * `all` (every area of the round's boundaries, all levels); an ancestor `all` lacks ends the chain.
 */
export function tableRows(
  areas: readonly AreaFigures[],
  all: ReadonlyMap<string, { name: string; parent?: string }>,
): TableRow[] {
  return areas.map((area) => {
    const ancestors: string[] = [];
    const parents: string[] = [];
    let parent = area.parent;
    // A chain longer than the levels a country has is a loop in the data, not a deeper hierarchy.
    while (parent && ancestors.length < 8) {
      const entry = all.get(parent);
      ancestors.unshift(parent);
      parents.unshift(entry?.name ?? parent);
      parent = entry?.parent;
    }
    const values: Partial<Record<FigureColumn, number>> = {};
    for (const key of FIGURE_COLUMNS) {
      const value = area[key];
      if (typeof value === 'number') values[key] = value;
    }
    return { pcode: area.pcode, name: area.name, ancestors, parents, status: area.status, values };
  });
}

/** The rows inside `within` (an ancestor of theirs), and with no figure only when `noDataOnly`. */
export function filterRows(rows: readonly TableRow[], filter: RowFilter): TableRow[] {
  return rows.filter(
    (row) =>
      (!filter.within || row.ancestors.includes(filter.within)) &&
      (!filter.noDataOnly || row.status === 'no_data'),
  );
}

/** Whether a column holds figures (sorted numerically, largest first on the first click). */
export function isFigure(key: SortKey): key is FigureColumn {
  return (FIGURE_COLUMNS as readonly string[]).includes(key);
}

/** A row's value in a column: a number for figures, text otherwise; undefined when the row has none. */
export function cellValue(row: TableRow, key: SortKey): number | string | undefined {
  if (key === 'name') return row.name;
  if (key === 'pcode') return row.pcode;
  if (isFigure(key)) return row.values[key];
  return row.parents[Number(key.slice('parent'.length))];
}

/**
 * The rows in `order`: figures numerically, text with `collator` (the page's language), rows without a value in
 * the column last whichever the direction, ties by name then P-code so the order never depends on the input.
 */
export function sortRows(rows: readonly TableRow[], order: SortOrder, collator: Intl.Collator): TableRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const byName = (a: TableRow, b: TableRow) =>
    collator.compare(a.name, b.name) || (a.pcode < b.pcode ? -1 : a.pcode > b.pcode ? 1 : 0);
  return [...rows].sort((a, b) => {
    const va = cellValue(a, order.key);
    const vb = cellValue(b, order.key);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
      return byName(a, b);
    }
    const compared =
      typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return sign * compared || byName(a, b);
  });
}

/** The order after a click on a column's header: the other way on the sorted column, else its first way. */
export function nextOrder(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: isFigure(key) ? 'descending' : 'ascending' };
}

/** The sums of each figure column over `rows`, and how many of them reported figures. */
export function rowTotals(rows: readonly TableRow[]): RowTotals {
  const sums: Partial<Record<FigureColumn, number>> = {};
  for (const row of rows) {
    for (const key of FIGURE_COLUMNS) {
      const value = row.values[key];
      if (value !== undefined) sums[key] = (sums[key] ?? 0) + value;
    }
  }
  return { sums, reported: rows.filter((row) => row.status === 'reported').length, shown: rows.length };
}
