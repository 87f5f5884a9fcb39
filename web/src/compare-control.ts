import type { Atlas } from './atlas.ts';
import { layoutYear } from './compare-crosswalk.ts';
import { comparableRounds } from './compare-data.ts';
import { el } from './dom.ts';
import { formatDate } from './format.ts';
import { t } from './i18n.ts';
import { roundLabel } from './rounds.ts';

/**
 * "Compare with…": a native select under the round controls (keyboard and screen readers work as usual)
 * offering every other round on the shown round's boundaries, "No comparison" first, and a "Stop comparing"
 * button while a comparison is on. Rounds on other boundaries are offered only where the dataset crosswalks the
 * two layouts, labelled with theirs ("Jun 2014 (2012 boundaries)"). Full page only.
 */
export function setupCompareControl(atlas: Atlas): void {
  const timeline = document.querySelector('.timeline');
  if (!timeline) return;
  const wrap = el('div', '', 'compare-control');
  const label = el('label');
  label.htmlFor = 'compare-select';
  const select = el('select');
  select.id = 'compare-select';
  const stop = el('button', '', 'compare-stop');
  stop.id = 'compare-stop';
  stop.type = 'button';
  wrap.append(label, select, stop);
  timeline.querySelector('.hint')?.before(wrap) ?? timeline.append(wrap);
  select.addEventListener('change', () => atlas.store.update({ compare: select.value || undefined }));
  stop.addEventListener('click', () => {
    atlas.store.update({ compare: undefined });
    // The button hides: focus stays in the control, on the select that can start a comparison again.
    select.focus();
  });
  let drawn = '';
  const render = () => {
    const { compare, lang } = atlas.store.state;
    // Options are rebuilt only when their words change, so a select in use keeps its place.
    const key = `${lang}|${atlas.round.key}`;
    if (key !== drawn) {
      drawn = key;
      label.textContent = t('compareLabel');
      stop.textContent = t('compareStop');
      select.replaceChildren(...options(atlas));
    }
    select.disabled = select.options.length < 2;
    select.value = compare && [...select.options].some((o) => o.value === compare) ? compare : '';
    stop.hidden = !compare;
  };
  atlas.onUpdate(render);
  render();
}

/** "No comparison", then each comparable round with its date ("Sept 2012 · 30 Sept 2012"). */
function options(atlas: Atlas): HTMLOptionElement[] {
  const rounds = comparableRounds(atlas.rounds, atlas.round, atlas.dataset);
  const none = el('option', t(rounds.length > 0 ? 'compareNone' : 'compareNoOther'));
  none.value = '';
  return [
    none,
    ...rounds.map((round) => {
      const year = layoutYear(atlas.rounds, round.boundarySet);
      const label =
        round.boundarySet !== atlas.round.boundarySet && year
          ? t('compareLayoutRound', { round: roundLabel(round), year })
          : roundLabel(round);
      const option = el('option', `${label} · ${formatDate(round.date)}`);
      option.value = round.key;
      return option;
    }),
  ];
}
