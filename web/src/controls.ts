import { INDICATORS, LEVELS, type Level, type MapIndicator } from './api.ts';
import type { Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { finerThanMeant } from './finest-level.ts';
import { t } from './i18n.ts';
import { indicatorName, reasonGroup, roundHasIndicator } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';

/**
 * The map options: indicator and level (native selects: keyboard and screen readers work as usual), the sites
 * toggle, and on the full page the language and table buttons. Each writes the state; each re-renders from it.
 */
export function setupControls(atlas: Atlas): void {
  const indicator = document.getElementById('indicator-select') as HTMLSelectElement | null;
  const level = document.getElementById('level-select') as HTMLSelectElement | null;
  const sites = document.getElementById('sites-toggle') as HTMLInputElement | null;
  const langButton = document.getElementById('lang-button');
  const tableButton = document.getElementById('table-button');

  indicator?.addEventListener('change', () =>
    atlas.store.update({ indicator: indicator.value as MapIndicator }),
  );
  level?.addEventListener('change', () => atlas.store.update({ level: level.value as Level | 'auto' }));
  sites?.addEventListener('change', () => atlas.setSitesVisible(sites.checked));
  langButton?.addEventListener('click', () =>
    atlas.store.update({ lang: atlas.store.state.lang === 'en' ? 'fr' : 'en' }),
  );
  tableButton?.addEventListener('click', () => atlas.store.update({ table: !atlas.store.state.table }));

  let drawn = '';
  const render = () => {
    const { state } = atlas.store;
    // Options are rebuilt only when their words change, so a select in use keeps its place.
    const key = `${state.lang}|${atlas.round.key}|${atlas.levels.join()}|${roundHasIndicator(atlas.round, state.indicator) || state.indicator}`;
    const rebuild = key !== drawn;
    drawn = key;
    if (indicator && rebuild) indicator.replaceChildren(...indicatorOptions(atlas));
    if (indicator) indicator.value = state.indicator;
    if (level && rebuild) level.replaceChildren(...levelOptions(atlas));
    if (level) level.value = state.level;
    if (sites) sites.checked = atlas.sitesVisible;
    if (tableButton) tableButton.setAttribute('aria-pressed', String(state.table));
    labelMap(atlas);
  };
  atlas.onUpdate(render);
  render();
}

/**
 * One option per indicator, marked when the round does not report it, then the round's reasons ("IDPs by
 * reason"); a reason chosen on another round that this one lacks stays listed, marked not reported.
 */
function indicatorOptions(atlas: Atlas): HTMLElement[] {
  const options: HTMLElement[] = INDICATORS.map((key) => {
    const option = el('option', t(`indicator.${key}`));
    option.value = key;
    const base = key === 'idps_ind_change' ? 'idps_ind' : key;
    if (atlas.round.totals[base] === undefined) option.textContent += ` (${t('notReported')})`;
    return option;
  });
  const group = reasonGroup(atlas.round);
  if (group) options.push(group);
  const chosen = atlas.store.state.indicator;
  if (!roundHasIndicator(atlas.round, chosen)) {
    const option = el('option', `${indicatorName(chosen, atlas.round)} (${t('notReported')})`);
    option.value = chosen;
    options.push(option);
  }
  return options;
}

/**
 * "Automatic" and one option per level, disabled for levels the round lacks, marked "few figures" for levels
 * finer than the round's figures are meant for (choosable: the legend then carries the caveat).
 */
function levelOptions(atlas: Atlas): HTMLOptionElement[] {
  const auto = el('option', t('levelAuto'));
  auto.value = 'auto';
  return [
    auto,
    ...LEVELS.map((key) => {
      const name = atlas.levelName(key);
      const option = el('option', t(finerThanMeant(atlas, key) ? 'finestOption' : 'levelPlural', { name }));
      option.value = key;
      if (!atlas.levels.includes(key)) {
        option.disabled = true;
        option.textContent = t('levelUnavailable', { name });
      }
      return option;
    }),
  ];
}

/** The map's accessible name says what it shows: indicator, level and round. */
function labelMap(atlas: Atlas): void {
  const { state } = atlas.store;
  const levelName = atlas.levelName(atlas.levelShown()).toLowerCase();
  byId('map').setAttribute(
    'aria-label',
    t('mapLabel', {
      indicator: indicatorName(state.indicator, atlas.round),
      level: levelName,
      round: roundLabel(atlas.round),
    }),
  );
}
