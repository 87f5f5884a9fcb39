import type { Atlas } from './atlas.ts';
import { el } from './dom.ts';
import { formatCount, formatDate } from './format.ts';
import { lang, t } from './i18n.ts';
import type { MessageKey } from './messages.ts';
import { pt } from './provenance.ts';
import { indicatorName, reasonOf } from './reason-indicator.ts';
import { roundCaveat } from './round-caveat.ts';
import { roundLabel, sourceLine } from './rounds.ts';

const FIGURES: Array<['idps_ind' | 'idps_hh' | 'returnees_ind' | 'returnees_hh', MessageKey]> = [
  ['idps_ind', 'idps'],
  ['idps_hh', 'idpHouseholds'],
  ['returnees_ind', 'returnees'],
  ['returnees_hh', 'returneeHouseholds'],
];

/**
 * The headline figures of the round shown (IDPs, households, returnees; "not reported" where the round has no
 * such figure, never a zero), its name and date, the source line "IOM DTM, Round 72, 30 Sept 2021", and the
 * round's caveat in the page's language (a paragraph after the source line, hidden when there is none).
 */
export function renderHeadline(list: HTMLElement, source: HTMLElement, atlas: Atlas): void {
  const round = atlas.round;
  const entries: HTMLElement[] = FIGURES.map(([key, label]) => {
    const value = round.totals[key];
    return entry(t(label), value === undefined ? t('notReported') : formatCount(value), value === undefined);
  });
  const reason = reasonOf(atlas.store.state.indicator);
  if (reason !== undefined) {
    // The reason coloured, beside the IDPs it is part of: never a zero where the round has no total for it.
    const total = round.reasons?.find((entry) => entry.key === reason)?.idps_ind;
    const name = indicatorName(atlas.store.state.indicator, round);
    const reasonEntry = entry(
      name,
      total === undefined ? t('notReported') : formatCount(total),
      total === undefined,
    );
    reasonEntry.className = 'reason-entry';
    entries.splice(1, 0, reasonEntry);
  }
  const roundEntry = entry(t('round'), `${roundLabel(round)} · ${formatDate(round.date)}`, false);
  roundEntry.className = 'round-entry';
  entries.push(roundEntry);
  list.replaceChildren(...entries);
  source.textContent = `${t('withColon', { label: t('source') })}${sourceLine(round)}`;
  renderCaveat(source, roundCaveat(round, lang()));
}

/** The caveat paragraph after the source line, created on first use. */
function renderCaveat(source: HTMLElement, caveat: ReturnType<typeof roundCaveat>): void {
  let note = source.parentElement?.querySelector<HTMLElement>('.round-caveat');
  if (!note) {
    note = el('p', '', 'source round-caveat');
    source.after(note);
  }
  note.hidden = caveat === undefined;
  note.replaceChildren();
  if (!caveat) return;
  const text = el('span', caveat.text);
  // English stands in where the manifest has no French: say so to screen readers.
  if (caveat.lang !== lang()) text.lang = caveat.lang;
  note.append(el('strong', t('withColon', { label: pt('caveat') })), text);
}

function entry(label: string, value: string, missing: boolean): HTMLElement {
  const div = el('div');
  const dd = el('dd', value);
  if (missing) dd.className = 'missing';
  div.append(el('dt', label), dd);
  return div;
}
