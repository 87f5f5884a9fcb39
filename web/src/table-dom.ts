import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';
import type { TableColumn } from './table-csv.ts';
import {
  FIGURE_COLUMNS,
  type FigureColumn,
  isFigure,
  type RowTotals,
  type SortKey,
  type SortOrder,
  type TableRow,
} from './table-model.ts';

/** Everything one drawing of the table needs: what is shown, in which order, with which totals. */
export interface TableView {
  caption: string;
  /** Name, P-code, one per coarser level, then the figures (see `figureColumns`). */
  columns: TableColumn[];
  figureColumns: FigureColumn[];
  rows: TableRow[];
  totals: RowTotals;
  order: SortOrder;
  /** P-code of the selected area (its row is marked). */
  selected?: string;
}

/** What the table's controls do. */
export interface TableActions {
  sort(key: SortKey): void;
  select(row: TableRow): void;
}

/**
 * The `<table>`: a caption saying what is shown, a header of sort buttons (`aria-sort` on the sorted one), a
 * row per area whose name selects it, and a footer with the totals of the rows shown.
 */
export function drawTable(view: TableView, actions: TableActions): HTMLTableElement {
  const table = el('table', '', 'data-table');
  const head = el('thead');
  const headRow = head.insertRow();
  for (const column of view.columns) headRow.append(headerCell(column, view.order, actions));
  const body = el('tbody');
  for (const row of view.rows) body.append(bodyRow(row, view, actions));
  if (view.rows.length === 0) {
    const empty = body.insertRow().insertCell();
    empty.colSpan = view.columns.length;
    empty.className = 'no-data';
    empty.textContent = t('tableEmpty');
  }
  table.append(el('caption', view.caption), head, body, footer(view));
  return table;
}

function headerCell(column: TableColumn, order: SortOrder, actions: TableActions): HTMLTableCellElement {
  const th = el('th');
  th.scope = 'col';
  if (isFigure(column.key)) th.className = 'n';
  const sorted = order.key === column.key;
  if (sorted) th.setAttribute('aria-sort', order.direction);
  const button = el('button', column.header, 'sort');
  button.type = 'button';
  button.dataset.sort = column.key;
  button.title = t('tableSortHint', { column: column.header });
  // The arrow is for the eye; aria-sort on the cell tells assistive technology.
  const arrow = el('span', sorted ? (order.direction === 'ascending' ? '▲' : '▼') : '↕', 'sort-arrow');
  arrow.setAttribute('aria-hidden', 'true');
  button.append(arrow);
  button.addEventListener('click', () => actions.sort(column.key));
  th.append(button);
  return th;
}

function bodyRow(row: TableRow, view: TableView, actions: TableActions): HTMLTableRowElement {
  const tr = el('tr');
  if (row.pcode === view.selected) tr.className = 'selected';
  const th = el('th');
  th.scope = 'row';
  const button = el('button', row.name, 'link');
  button.type = 'button';
  button.setAttribute('aria-label', t('tableSelect', { name: row.name }));
  button.addEventListener('click', () => actions.select(row));
  th.append(button);
  tr.append(th, el('td', row.pcode));
  for (const name of parentCells(row, view)) tr.append(el('td', name));
  if (row.status === 'no_data') {
    const td = el('td', t('tableNoData'), 'no-data');
    td.colSpan = view.figureColumns.length;
    tr.append(td);
    return tr;
  }
  for (const key of view.figureColumns) tr.append(el('td', figure(key, row.values[key]), 'n'));
  return tr;
}

/** The names of the areas a row is part of, one per parent column (empty where the chain is shorter). */
function parentCells(row: TableRow, view: TableView): string[] {
  const count = view.columns.length - 2 - view.figureColumns.length;
  return Array.from({ length: count }, (_, i) => row.parents[i] ?? '');
}

function footer(view: TableView): HTMLTableSectionElement {
  const foot = el('tfoot');
  const tr = foot.insertRow();
  const th = el('th', t('tableTotal'));
  th.scope = 'row';
  const reported = el(
    'td',
    t('tableReported', {
      reported: formatCount(view.totals.reported),
      shown: formatCount(view.totals.shown),
    }),
    'reported',
  );
  reported.colSpan = view.columns.length - view.figureColumns.length - 1;
  tr.append(th, reported);
  for (const key of view.figureColumns) tr.append(el('td', figure(key, view.totals.sums[key]), 'n'));
  return foot;
}

function figure(key: FigureColumn, value: number | undefined): string {
  if (value === undefined) return '—';
  return key === 'idps_ind_change' ? formatChange(value) : formatCount(value);
}

/** The figure columns a level's table shows: the four figures, and the change where a row has one. */
export function figureColumnsOf(rows: readonly TableRow[]): FigureColumn[] {
  const change = rows.some((row) => row.values.idps_ind_change !== undefined);
  return FIGURE_COLUMNS.filter((key) => key !== 'idps_ind_change' || change);
}
