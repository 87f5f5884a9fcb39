import { type FiguresResponse, LEVELS, type Level } from './api.ts';
import type { AreaEntry, Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { lang, t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import { roundLabel } from './rounds.ts';
import { creditColumns } from './table-credit.ts';
import { csvFileName, type TableColumn, tableCsv } from './table-csv.ts';
import { drawTable, figureColumnsOf, type TableView } from './table-dom.ts';
import {
  filterRows,
  isFigure,
  nextOrder,
  rowTotals,
  type SortKey,
  type SortOrder,
  sortRows,
  type TableRow,
  tableRows,
} from './table-model.ts';
import { tableTools } from './table-tools.ts';

const HEADERS: Record<string, MessageKey> = {
  idps_ind: 'idps',
  idps_hh: 'idpHouseholds',
  returnees_ind: 'returnees',
  returnees_hh: 'returneeHouseholds',
  idps_ind_change: 'panelChange',
};

/** The table's own choices: the order (undefined: by the indicator, largest first) and the no-data filter. */
interface Choices {
  order?: SortOrder;
  noDataOnly: boolean;
  /** The indicator the order was chosen under: choosing another indicator sorts by it again. */
  indicator: string;
}

/**
 * The data table: every area of the level shown with all its figures and the areas it is part of, as an
 * alternative to the map for keyboard and screen reader users and an answer to "which … in …?". Inside the
 * selected area when it is coarser than the level shown, "no data only" on demand, sorted by any column,
 * totals of what is shown, and a CSV of exactly that. Each name selects the area and goes back to the map.
 */
export function setupDataTable(container: HTMLElement, atlas: Atlas): void {
  const choices: Choices = { noDataOnly: false, indicator: atlas.store.state.indicator };
  const tools = tableTools(
    (checked) => {
      choices.noDataOnly = checked;
      void render();
    },
    () => void atlas.selectArea(undefined),
  );
  const slot = el('div', '', 'table-slot');
  container.replaceChildren(tools.element, slot);
  let drawn = '';
  const render = async (focus?: SortKey) => {
    const { state } = atlas.store;
    container.hidden = !state.table;
    if (!state.table) return;
    if (choices.indicator !== state.indicator)
      Object.assign(choices, { indicator: state.indicator, order: undefined });
    const level = atlas.levelShown();
    const key = [atlas.round.key, level, state.lang, state.area, JSON.stringify(choices)].join('|');
    if (key === drawn && focus === undefined) return;
    drawn = key;
    const [response, areas] = await Promise.all([atlas.figures(level), atlas.areas()]);
    if (drawn !== key) return;
    const { view, within } = tableView(atlas, response, areas, level, choices);
    const table = drawTable(view, {
      sort: (column) => {
        choices.order = nextOrder(view.order, column);
        void render(column);
      },
      select: (row) => {
        atlas.store.update({ table: false });
        void atlas.selectArea(row.pcode, true);
      },
    });
    slot.replaceChildren(table);
    tools.update({
      within: within?.name,
      noDataOnly: choices.noDataOnly,
      csv: tableCsv(
        view.columns,
        view.rows,
        LEVELS.indexOf(level) + 1,
        creditColumns(atlas.round, state.lang),
      ),
      fileName: csvFileName({
        dataset: atlas.dataset.id,
        round: atlas.round.key,
        level,
        within: within?.pcode,
        noDataOnly: choices.noDataOnly,
      }),
      status: t('tableStatus', { count: view.rows.length, ...sortWords(view) }),
    });
    // Sorting redraws the table: focus returns to the header just pressed, which now says how it sorts.
    if (focus !== undefined) table.querySelector<HTMLElement>(`button[data-sort="${focus}"]`)?.focus();
  };
  atlas.onUpdate(() => void render());
  void render();
}

/** What the table shows for the level, the selection and the choices; `within` is the area filtering it. */
function tableView(
  atlas: Atlas,
  response: FiguresResponse,
  areas: Map<string, AreaEntry>,
  level: Level,
  choices: Choices,
): { view: TableView; within?: AreaEntry } {
  const { state } = atlas.store;
  const selected = state.area ? areas.get(state.area) : undefined;
  // The selection filters the rows only when it holds areas of the level shown (Mopti holds cercles).
  const within = selected && LEVELS.indexOf(selected.level) < LEVELS.indexOf(level) ? selected : undefined;
  const all = tableRows(response.areas, areas);
  const figureColumns = figureColumnsOf(all);
  const columns: TableColumn[] = [
    { key: 'name', header: t('tableArea') },
    { key: 'pcode', header: t('tablePcode') },
    ...LEVELS.slice(0, LEVELS.indexOf(level)).map((parent, i) => ({
      key: `parent${i}` as const,
      header: atlas.levelName(parent),
    })),
    ...figureColumns.map((key) => ({ key, header: t(HEADERS[key] as MessageKey) })),
  ];
  const order = choices.order ?? defaultOrder(state.indicator, columns);
  const shown: TableRow[] = sortRows(
    filterRows(all, { within: within?.pcode, noDataOnly: choices.noDataOnly }),
    order,
    new Intl.Collator(lang(), { sensitivity: 'base', numeric: true }),
  );
  const view: TableView = {
    caption: '',
    columns,
    figureColumns,
    rows: shown,
    totals: rowTotals(shown),
    order,
    selected: state.area,
  };
  view.caption = caption(atlas, level, within, choices, view);
  return { view, within };
}

/** By the indicator, largest first, where the table has its column; else by name. */
function defaultOrder(indicator: string, columns: TableColumn[]): SortOrder {
  const column = columns.find((candidate) => candidate.key === indicator);
  return column && isFigure(column.key)
    ? { key: column.key, direction: 'descending' }
    : { key: 'name', direction: 'ascending' };
}

function sortWords(view: TableView): { column: string; direction: string } {
  const column = view.columns.find((candidate) => candidate.key === view.order.key)?.header ?? '';
  const direction = t(view.order.direction === 'ascending' ? 'tableAscending' : 'tableDescending');
  return { column, direction };
}

/** "Figures by cercle in Mopti, Round 72; areas with no data only; sorted by IDPs, descending". */
function caption(
  atlas: Atlas,
  level: Level,
  within: AreaEntry | undefined,
  choices: Choices,
  view: TableView,
): string {
  const values = { level: atlas.levelName(level).toLowerCase(), round: roundLabel(atlas.round) };
  const parts = [
    within ? t('tableCaptionWithin', { ...values, area: within.name }) : t('tableCaptionAll', values),
  ];
  if (choices.noDataOnly) parts.push(t('tableCaptionNoData'));
  parts.push(t('tableCaptionSorted', sortWords(view)));
  return parts.join(t('tableCaptionSeparator'));
}
