import type { Atlas } from './atlas.ts';
import { differenceText, roundsText } from './compare-legend.ts';
import { activeCompare, onCompareChange } from './compare-state.ts';
import { el } from './dom.ts';
import { formatCount } from './format.ts';
import { t } from './i18n.ts';
import { roundLabel } from './rounds.ts';

/**
 * In compare mode, a line under the headline figures: "IDPs (individuals), Sept 2012 → June 2014: 12,345 →
 * 23,456, difference +11,111 (+90%)", each number in its own element (`data-total`) so it reads and tests
 * alike. The totals are the rounds' own (the rounds list), as the headline shows them. Full page only.
 */
export function setupCompareHeadline(atlas: Atlas): void {
  const headline = document.getElementById('headline');
  if (!headline) return;
  const line = el('p', '', 'compare-headline');
  line.id = 'compare-headline';
  line.hidden = true;
  headline.after(line);
  let drawn = '';
  const render = () => {
    const view = activeCompare();
    const key = view
      ? `${view.key}|${view.earlier.key}|${view.later.key}|${view.figure}|${atlas.store.state.lang}`
      : '';
    if (key === drawn) return;
    drawn = key;
    line.hidden = !view;
    if (!view) return line.replaceChildren();
    const { totals } = view;
    const number = (value: number | undefined, kind: string) => {
      const span = el('span', value === undefined ? t('notReported') : formatCount(value), 'n');
      span.dataset.total = kind;
      return span;
    };
    const difference = el('span', differenceText(totals), 'n');
    difference.dataset.total = 'difference';
    line.replaceChildren(
      el('strong', `${t(`indicator.${view.figure}`)}, ${roundsText(view)}`),
      el('br'),
      `${roundLabel(view.earlier)} `,
      number(totals.before, 'earlier'),
      ` → ${roundLabel(view.later)} `,
      number(totals.after, 'later'),
      `, ${t('compareDifferenceLabel').toLowerCase()} `,
      difference,
    );
  };
  atlas.onUpdate(render);
  onCompareChange(render);
  render();
}
