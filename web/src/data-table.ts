import { type Area, FIGURE_KEYS } from './api.ts';
import type { AreaEntry, Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import { indicatorName } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';

const COLUMNS: Record<string, MessageKey> = {
  idps_ind: 'idps',
  idps_hh: 'idpHouseholds',
  returnees_ind: 'returnees',
  returnees_hh: 'returneeHouseholds',
};

/**
 * The data table: every area of the level shown with all its figures, as an alternative to the map for
 * keyboard and screen reader users. Sorted by the indicator, areas without data last; each name selects the
 * area (and goes back to the map, moved to it).
 */
export function setupDataTable(container: HTMLElement, atlas: Atlas): void {
  let drawn = '';
  const render = async () => {
    const { state } = atlas.store;
    container.hidden = !state.table;
    if (!state.table) return;
    const level = atlas.levelShown();
    const key = `${atlas.round.key}|${level}|${state.indicator}|${state.lang}|${state.area}`;
    if (key === drawn) return;
    drawn = key;
    const [response, areas] = await Promise.all([atlas.figures(level), atlas.areas()]);
    if (drawn !== key) return;
    const levelName = atlas.levelName(level).toLowerCase();
    const indicator = state.indicator;
    const rows = [...response.areas].sort((a, b) => {
      const va = a[indicator];
      const vb = b[indicator];
      if (va === undefined || vb === undefined) return va === undefined ? (vb === undefined ? 0 : 1) : -1;
      return vb - va || a.name.localeCompare(b.name);
    });
    const table = el('table', '', 'data-table');
    const caption = el(
      'caption',
      t('tableCaption', {
        indicator: indicatorName(indicator, atlas.round),
        level: levelName,
        round: roundLabel(atlas.round),
      }),
    );
    const head = el('thead');
    const headRow = head.insertRow();
    const columns = [
      t('tableArea'),
      t('tablePcode'),
      t('panelPartOf'),
      ...FIGURE_KEYS.map((k) => t(COLUMNS[k] as MessageKey)),
    ];
    if (rows.some((row) => row.idps_ind_change !== undefined)) columns.push(t('panelChange'));
    for (const name of columns) {
      const th = el('th', name);
      th.scope = 'col';
      headRow.append(th);
    }
    const body = el('tbody');
    for (const area of rows) body.append(row(area, areas, atlas, columns.length > 7));
    table.append(caption, head, body);
    container.replaceChildren(table);
  };
  atlas.onUpdate(() => void render());
  void render();
}

function row(area: Area, areas: Map<string, AreaEntry>, atlas: Atlas, change: boolean): HTMLTableRowElement {
  const tr = el('tr');
  if (area.pcode === atlas.store.state.area) tr.className = 'selected';
  const th = el('th');
  th.scope = 'row';
  const button = el('button', area.name, 'link');
  button.type = 'button';
  button.setAttribute('aria-label', t('tableSelect', { name: area.name }));
  button.addEventListener('click', () => {
    atlas.store.update({ table: false });
    void atlas.selectArea(area.pcode, true);
  });
  th.append(button);
  tr.append(
    th,
    el('td', area.pcode),
    el('td', area.parent ? (areas.get(area.parent)?.name ?? area.parent) : ''),
  );
  if (area.status === 'no_data') {
    const td = el('td', t('tableNoData'), 'no-data');
    td.colSpan = FIGURE_KEYS.length + (change ? 1 : 0);
    tr.append(td);
    return tr;
  }
  for (const key of FIGURE_KEYS) {
    const value = area[key];
    tr.append(el('td', typeof value === 'number' ? formatCount(value) : '—', 'n'));
  }
  if (change) {
    const value = area.idps_ind_change;
    tr.append(el('td', typeof value === 'number' ? formatChange(value) : '—', 'n'));
  }
  return tr;
}
