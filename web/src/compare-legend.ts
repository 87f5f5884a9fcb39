import type { Atlas } from './atlas.ts';
import { notSameBackground } from './compare-crosswalk-paint.ts';
import type { TotalsChange } from './compare-data.ts';
import { compareLegendEntries } from './compare-legend-entries.ts';
import { activeCompare, type CompareView } from './compare-state.ts';
import { el } from './dom.ts';
import type { LegendEntry } from './export-layout.ts';
import { formatChange, formatCount } from './format.ts';
import { lang, t } from './i18n.ts';
import { legendItem } from './legend.ts';
import { hatchBackground } from './no-data-pattern.ts';
import { roundLabel } from './rounds.ts';

/**
 * The legend in compare mode (installed with `overrideLegend`): the figure and the two rounds, their totals and
 * difference, one swatch per diverging class the level shown has (the classes come from its differences,
 * "no change" for exactly 0), and the hatch for areas without a figure in one round, only when some have none.
 * Returns false outside compare mode, and the usual legend is drawn.
 */
export function renderCompareLegend(element: HTMLElement, atlas: Atlas): boolean {
  const view = activeCompare();
  const legend = atlas.legend;
  if (!view || !legend) return false;
  // Across a crosswalk the map shows the crosswalk's level at every zoom (compare-crosswalk-paint.ts).
  const level = view.crossed?.level ?? atlas.levelShown();
  const levelName = atlas.levelName(level);
  const key = `compare|${view.key}|${view.earlier.key}|${view.later.key}|${view.figure}|${level}|${lang()}`;
  if (element.dataset.key === key) return true;
  element.dataset.key = key;
  const heading = el('h2', t('compareTitle', { figure: t(`indicator.${view.figure}`) }));
  heading.append(' ', el('span', `· ${levelName}`, 'muted'));
  const list = el('ul');
  list.append(...compareLegendEntries(view, legend.noData, level).map(entryItem));
  const rounds = el('p', roundsText(view), 'compare-rounds');
  const totals = el('p', totalsText(view), 'compare-totals');
  const crossed = view.crossed
    ? [el('p', t('compareCrossedNote', { level: levelName.toLowerCase() }), 'compare-crossed')]
    : [];
  element.replaceChildren(heading, rounds, list, totals, ...crossed, el('p', legend.source, 'source'));
  return true;
}

/** One line of the compare legend: a class swatch, or the no-data hatch or the "not the same ground" pattern. */
function entryItem(entry: LegendEntry): HTMLElement {
  const item = legendItem(entry.colour, entry.label, entry.kind);
  const swatch = item.firstElementChild as HTMLElement;
  if (entry.kind === 'not-same') swatch.style.backgroundImage = notSameBackground();
  else if (entry.hatch)
    swatch.style.backgroundImage = hatchBackground({ colour: entry.colour, hatch: entry.hatch });
  return item;
}

/** "Sept 2012 → June 2014". */
export function roundsText(view: CompareView): string {
  return t('compareRounds', { earlier: roundLabel(view.earlier), later: roundLabel(view.later) });
}

/** "Sept 2012: 12,345 → June 2014: 23,456, difference +11,111 (+90%)" ("not reported" for a missing total). */
export function totalsText(view: CompareView): string {
  const { totals } = view;
  const line = t('compareTotals', {
    earlier: roundLabel(view.earlier),
    before: countOr(totals.before),
    later: roundLabel(view.later),
    after: countOr(totals.after),
  });
  return totals.diff === undefined
    ? line
    : `${line}, ${t('compareDifference', { diff: differenceText(totals) })}`;
}

/** "+11,111 (+90%)": the difference, with its share of the earlier figure when that is above 0. */
export function differenceText(change: Pick<TotalsChange, 'diff' | 'percent' | 'before'>): string {
  if (change.diff === undefined) return t('notReported');
  const percent = change.percent ?? (change.before ? (change.diff / change.before) * 100 : undefined);
  return percent === undefined
    ? formatChange(change.diff)
    : `${formatChange(change.diff)} (${formatPercent(percent)})`;
}

/** A signed percentage in the page's language: "+90.1%", "−12%", "+90,1 %". */
export function formatPercent(percent: number): string {
  const format = new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  });
  return format.format(percent / 100).replace('-', '−');
}

function countOr(value: number | undefined): string {
  return value === undefined ? t('notReported') : formatCount(value);
}
