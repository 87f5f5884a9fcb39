import { FIGURE_KEYS } from './api.ts';
import type { AreaEntry, Atlas } from './atlas.ts';
import { breakdownNodes } from './breakdown-bar.ts';
import { el } from './dom.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import { panelOpener } from './panel-focus.ts';
import { caveatNote } from './round-caveat.ts';
import { roundLabel } from './rounds.ts';
import { sheetHandle } from './sheet-handle.ts';
import { sourceWithDetails } from './source-details.ts';

const FIGURE_LABELS: Record<string, MessageKey> = {
  idps_ind: 'idps',
  idps_hh: 'idpHouseholds',
  returnees_ind: 'returnees',
  returnees_hh: 'returneeHouseholds',
};

/**
 * The panel of the selected area: name, level and P-code, the areas it is part of (each selectable), its
 * figures for the round ("no data" said as such, "not reported" for a figure its row does not give), the change
 * since the previous round, the round's caveat in the page language, the source rows, and the join report's
 * note when its row's code was corrected. Escape or the close button clears the selection.
 */
export function setupAreaPanel(panel: HTMLElement, atlas: Atlas): void {
  let drawn = '';
  const refocus = panelOpener(panel, atlas);
  const handle = sheetHandle(panel);
  const render = async () => {
    const pcode = atlas.store.state.area;
    const key = `${pcode}|${atlas.round.key}|${atlas.store.state.lang}`;
    if (key === drawn) return;
    drawn = key;
    if (!pcode) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const areas = await atlas.areas();
    if (drawn !== key) return;
    const area = areas.get(pcode);
    panel.replaceChildren(...(area ? content(area, areas, atlas) : [el('p', t('panelNotInRound'))]));
    panel.prepend(closeButton(atlas, refocus));
    handle(pcode);
    panel.hidden = false;
  };
  atlas.onUpdate(() => void render());
  addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !atlas.store.state.area) return;
    // A dialog's Escape is its own; an open list of suggestions closes first (search.ts stops that Escape).
    if ((event.target as HTMLElement | null)?.closest('dialog')) return;
    const hadFocus = panel.contains(document.activeElement);
    atlas.store.update({ area: undefined });
    // The panel is emptied: focus it had goes to the map, where the area was.
    if (hadFocus) atlas.map.getCanvas().focus();
  });
  void render();
}

function content(area: AreaEntry, areas: Map<string, AreaEntry>, atlas: Atlas): HTMLElement[] {
  const heading = el('h2', area.name, 'panel-title');
  heading.id = 'area-panel-title';
  heading.tabIndex = -1;
  const nodes: HTMLElement[] = [heading, el('p', `${atlas.levelName(area.level)} · ${area.pcode}`, 'muted')];
  const parents = parentsLine(area, areas, atlas);
  if (parents) nodes.push(parents);
  nodes.push(...figureNodes(area, atlas), ...breakdownNodes(area));
  const caveat = caveatNote(atlas.round, atlas.store.state.lang, t('panelCaveat'));
  if (caveat) nodes.push(caveat);
  nodes.push(...sourceNodes(area, atlas));
  for (const correction of area.corrections ?? []) nodes.push(correctionNote(correction));
  return nodes;
}

/** "Part of: …", each enclosing area a button that selects it; undefined for a top-level area. */
function parentsLine(area: AreaEntry, areas: Map<string, AreaEntry>, atlas: Atlas): HTMLElement | undefined {
  const parents: AreaEntry[] = [];
  for (
    let parent = area.parent ? areas.get(area.parent) : undefined;
    parent;
    parent = parent.parent ? areas.get(parent.parent) : undefined
  ) {
    parents.push(parent);
  }
  if (parents.length === 0) return undefined;
  const line = el('p', t('withColon', { label: t('panelPartOf') }), 'parents');
  parents.forEach((parent, i) => {
    const button = el('button', `${parent.name} (${atlas.levelName(parent.level)})`, 'link');
    button.type = 'button';
    button.setAttribute('aria-label', t('panelSelectParent', { name: parent.name }));
    button.addEventListener('click', () => void atlas.selectArea(parent.pcode, true));
    line.append(...(i > 0 ? [', '] : []), button);
  });
  return line;
}

/** The round's figures ("no data" said as such) and the change since the previous round. */
function figureNodes(area: AreaEntry, atlas: Atlas): HTMLElement[] {
  const heading = el('h3', t('panelFigures', { round: roundLabel(atlas.round) }));
  if (area.status === 'no_data') return [heading, el('p', t('panelNoData'), 'no-data-note')];
  const list = el('dl', '', 'figures');
  for (const key of FIGURE_KEYS) {
    const value = area[key];
    const dd = el('dd', value === undefined ? t('notReported') : formatCount(value));
    if (value === undefined) dd.className = 'missing';
    list.append(el('dt', t(FIGURE_LABELS[key] as MessageKey)), dd);
  }
  if (area.idps_ind_change !== undefined) {
    const previous = atlas.previousRound;
    list.append(
      el('dt', `${t('panelChange')}${previous ? ` (${roundLabel(previous)})` : ''}`),
      el('dd', formatChange(area.idps_ind_change)),
    );
  }
  return [heading, list];
}

/** The source's title, with its file and the area's rows in a "Details" disclosure; nothing without rows. */
function sourceNodes(area: AreaEntry, atlas: Atlas): HTMLElement[] {
  if (!area.sourceRows || area.sourceRows.length === 0) return [];
  return [el('h3', t('panelSource')), ...sourceWithDetails(atlas.round, rowRanges(area.sourceRows))];
}

/** The join report's note for a row whose code was corrected (the reason is in English). */
function correctionNote(correction: NonNullable<AreaEntry['corrections']>[number]): HTMLElement {
  const note = el('div', '', 'correction');
  note.setAttribute('role', 'note');
  note.append(
    el('strong', t('panelCorrected')),
    el('p', t('panelCorrection', { ...correction, sourceName: correction.sourceName ?? '' })),
  );
  const reason = el('p', t('withColon', { label: t('panelReason') }));
  const text = el('span', correction.reason);
  text.lang = 'en';
  reason.append(text);
  note.append(reason);
  return note;
}

function closeButton(atlas: Atlas, refocus: () => void): HTMLElement {
  const button = el('button', '×', 'close');
  button.type = 'button';
  button.setAttribute('aria-label', t('panelClose'));
  button.title = t('panelClose');
  button.addEventListener('click', () => {
    atlas.store.update({ area: undefined });
    // The button goes with the panel: focus returns to what opened it (panel-focus.ts).
    refocus();
  });
  return button;
}

/** Source rows as ranges: [11, 12, 13, 20] → "11–13, 20". */
export function rowRanges(rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let end = start;
  for (const row of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || end === undefined) break;
    if (row === end + 1) {
      end = row;
      continue;
    }
    parts.push(start === end ? String(start) : `${start}–${end}`);
    start = row;
    end = row;
  }
  return parts.join(', ');
}
