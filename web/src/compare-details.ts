import { LEVELS } from './api.ts';
import type { Atlas } from './atlas.ts';
import type { AreaChange } from './compare-data.ts';
import { differenceText, roundsText } from './compare-legend.ts';
import { activeCompare, type CompareView, onCompareChange } from './compare-state.ts';
import { el } from './dom.ts';
import { formatCount } from './format.ts';
import { lang, t } from './i18n.ts';
import { roundLabel } from './rounds.ts';

/**
 * In compare mode, what the tooltip adds for an area: the figure in each round and the difference ("not
 * reported" for a missing figure, and then no difference: a missing figure is never taken as 0).
 */
export function compareTooltipRows(pcode: string, level: string): HTMLElement[] {
  const view = activeCompare();
  if (!view) return [];
  const change = view.levels[level as keyof CompareView['levels']]?.areas.get(pcode);
  return [
    el('p', `${t(`indicator.${view.figure}`)} · ${roundsText(view)}`, 'muted'),
    compareTable(view, change),
    ...crossedNotes(view, change, false),
  ];
}

/**
 * Across a crosswalk, what an area's figures need said: where the other round's figure comes from, and for
 * ground that is not the same, the manifest's note on it (in the panel, the crosswalk's caveat too).
 */
function crossedNotes(view: CompareView, change: AreaChange | undefined, panel: boolean): HTMLElement[] {
  const crossed = change?.crossed;
  if (!view.crossed || !crossed) return [];
  const words = (text: { en: string; fr?: string }) => (lang() === 'fr' && text.fr ? text.fr : text.en);
  const other = view.key === view.later.key ? view.later : view.earlier;
  const areas = (crossed.names ?? crossed.pcodes).join(' + ');
  const notes = [el('p', t('compareTakenFrom', { areas, round: roundLabel(other) }), 'muted compare-from')];
  if (crossed.kind === 'partial' && crossed.note) {
    notes.push(el('p', t('compareNotSameNote', { note: words(crossed.note) }), 'compare-not-same'));
  }
  if (panel) {
    notes.push(el('p', t('compareCaveat', { caveat: words(view.crossed.crosswalk.caveat) }), 'muted'));
  }
  return notes;
}

/** The two figures and the difference as table rows. */
function compareTable(view: CompareView, change: AreaChange | undefined): HTMLTableElement {
  const table = el('table');
  table.className = 'compare-table';
  const row = (label: string, value: string, missing: boolean, kind: string) => {
    const tr = table.insertRow();
    tr.dataset.kind = kind;
    tr.insertCell().textContent = label;
    const cell = tr.insertCell();
    cell.className = missing ? 'n missing' : 'n';
    cell.textContent = value;
  };
  const count = (value: number | undefined) => (value === undefined ? t('notReported') : formatCount(value));
  row(roundLabel(view.earlier), count(change?.before), change?.before === undefined, 'earlier');
  row(roundLabel(view.later), count(change?.after), change?.after === undefined, 'later');
  if (change?.crossed?.kind === 'partial') {
    // Not the same ground: no difference is given, whatever the two figures are.
    row(t('compareDifferenceLabel'), t('compareNotSameRow'), true, 'difference');
    return table;
  }
  const diff = change?.diff === undefined ? {} : { diff: change.diff, before: change.before };
  row(t('compareDifferenceLabel'), differenceText(diff), change?.diff === undefined, 'difference');
  return table;
}

/** In compare mode, the selected area's two figures and the difference, in the area panel. */
export function setupCompareArea(atlas: Atlas): void {
  const panel = document.getElementById('area-panel');
  if (!panel) return;
  const section = el('section', '', 'compare-area');
  section.id = 'compare-area';
  section.setAttribute('aria-labelledby', 'compare-area-title');
  section.hidden = true;
  // Inside the panel, right after the round's figures (on a phone the panel is the bottom sheet the selection
  // brings up); the panel replaces its children on its own schedule, so the section goes back in each time.
  const place = () => {
    if (section.parentElement === panel || panel.childElementCount === 0) return;
    const figures = panel.querySelector(':scope > dl.figures, :scope > .no-data-note');
    if (figures) figures.after(section);
    else panel.append(section);
  };
  new MutationObserver(place).observe(panel, { childList: true });
  place();
  let drawn = '';
  const render = () => {
    const view = activeCompare();
    const pcode = atlas.store.state.area;
    const key =
      view && pcode ? `${view.key}|${view.later.key}|${view.figure}|${pcode}|${atlas.store.state.lang}` : '';
    if (key === drawn) return;
    drawn = key;
    section.hidden = !key;
    if (!view || !pcode) return section.replaceChildren();
    const level = LEVELS.find((candidate) => view.levels[candidate]?.areas.has(pcode));
    const change = level ? view.levels[level]?.areas.get(pcode) : undefined;
    const title = el('h3', t('compareAreaTitle', { rounds: roundsText(view) }));
    title.id = 'compare-area-title';
    if (view.crossed && !change) {
      // A cercle or commune across a crosswalk: not compared (its figures are in the panel above), and why.
      const level = atlas.levelName(view.crossed.level).toLowerCase();
      return section.replaceChildren(title, el('p', t('compareCrossedNote', { level }), 'muted'));
    }
    section.replaceChildren(
      title,
      el('p', t(`indicator.${view.figure}`), 'muted'),
      compareTable(view, change),
      ...crossedNotes(view, change, true),
    );
  };
  atlas.onUpdate(render);
  onCompareChange(render);
  render();
}
