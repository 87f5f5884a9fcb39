import type { Atlas } from './atlas.ts';
import { setupCompareControl } from './compare-control.ts';
import { crossLevel } from './compare-crosswalk.ts';
import {
  comparableRounds,
  comparedFigure,
  compareLevel,
  crosswalkBetween,
  inOrder,
  totalsChange,
} from './compare-data.ts';
import { setupCompareArea } from './compare-details.ts';
import { setupCompareHeadline } from './compare-headline.ts';
import { renderCompareLegend } from './compare-legend.ts';
import { showCompareNotice } from './compare-notice.ts';
import { clearCompare, paintCompare } from './compare-paint.ts';
import { activeCompare, type CompareView, onCompareChange, setActiveCompare } from './compare-state.ts';
import { t } from './i18n.ts';
import { overrideLegend, renderLegend } from './legend.ts';
import { roundLabel } from './rounds.ts';
import { roundLevels } from './url-check.ts';

/**
 * Compare mode: with `compare=<round>` in the hash, the map shows the change of the chosen figure between
 * that round and the round shown, later − earlier whatever the order chosen. Both rounds' figures are read
 * from the service (the page's cache keeps them), the differences are computed here and painted through
 * feature-state (`compare-paint.ts`); the legend, headline, tooltip and area panel say both figures and the
 * difference. A round that cannot be compared (unknown, the round shown, on other boundaries) leaves compare
 * mode and says why. Works on both pages: the embed honours the same hash key.
 */
export function setupCompare(atlas: Atlas): void {
  overrideLegend(renderCompareLegend);
  const legend = document.getElementById('legend');
  let wanted = '';
  const sync = () => {
    const { compare, indicator } = atlas.store.state;
    if (!compare) return leave(atlas, () => (wanted = ''));
    const problem = compareProblem(atlas, compare);
    if (problem) {
      // Not from inside the listener that is telling of this state: after it, as its own change.
      queueMicrotask(() => atlas.store.update({ compare: undefined }, 'replace'));
      showCompareNotice(atlas, problem);
      return;
    }
    const key = `${atlas.dataset.id}|${atlas.round.key}|${compare}|${comparedFigure(indicator)}`;
    if (key !== wanted) {
      wanted = key;
      void load(atlas, compare, key, () => wanted === key);
    } else if (activeCompare()?.id === key) repaint(atlas);
  };
  atlas.onUpdate(sync);
  onCompareChange(() => {
    if (legend) renderLegend(legend, atlas);
    repaint(atlas);
  });
  setupCompareControl(atlas);
  setupCompareHeadline(atlas);
  setupCompareArea(atlas);
  sync();
}

/** Why a round cannot be compared with the one shown, in the page's language; undefined when it can. */
function compareProblem(atlas: Atlas, key: string): string | undefined {
  const other = atlas.rounds.find((round) => round.key === key);
  if (!other) return t('compareUnknown', { round: key });
  if (other.key === atlas.round.key) return t('compareSame');
  if (!comparableRounds(atlas.rounds, atlas.round, atlas.dataset).includes(other)) {
    return t('compareOtherBoundaries', { round: roundLabel(other) });
  }
  return undefined;
}

/** Loads both rounds' figures at every level of their boundaries (across a crosswalk: at its level) and installs the comparison. */
async function load(atlas: Atlas, key: string, id: string, current: () => boolean): Promise<void> {
  const other = atlas.rounds.find((round) => round.key === key);
  if (!other) return;
  const shown = atlas.round;
  const { earlier, later } = inOrder(other, shown);
  const figure = comparedFigure(atlas.store.state.indicator);
  const crosswalk = crosswalkBetween(atlas.dataset, shown.boundarySet, other.boundarySet);
  try {
    const levels = crosswalk ? [crosswalk.level] : await roundLevels(atlas.dataset.id, shown.key);
    const pairs = await Promise.all(
      levels.map((level) => Promise.all([atlas.figures(level, shown.key), atlas.figures(level, other.key)])),
    );
    if (!current()) return;
    const view: CompareView = {
      key,
      id,
      figure,
      earlier,
      later,
      levels: {},
      totals: totalsChange(earlier, later, figure),
      ...(crosswalk ? { crossed: { crosswalk, level: crosswalk.level } } : {}),
    };
    levels.forEach((level, index) => {
      const [mine, theirs] = pairs[index] ?? [];
      if (!mine || !theirs) return;
      const shownIsLater = later === shown;
      view.levels[level] = crosswalk
        ? crossLevel(
            { boundarySet: shown.boundarySet, rows: mine.areas },
            { boundarySet: other.boundarySet, rows: theirs.areas },
            figure,
            crosswalk,
            shownIsLater,
          )
        : shownIsLater
          ? compareLevel(theirs.areas, mine.areas, figure)
          : compareLevel(mine.areas, theirs.areas, figure);
    });
    // From a comparison across a crosswalk to one that is not: the page's style back first (all levels drawn).
    if (activeCompare()?.crossed && !view.crossed) atlas.setSitesVisible(atlas.sitesVisible);
    setActiveCompare(view);
  } catch (error) {
    if (current()) showCompareNotice(atlas, t('compareLoadError', { message: String(error) }));
  }
}

/** Paints the comparison again (after a style change) once the style has its layers. */
function repaint(atlas: Atlas): void {
  const view = activeCompare();
  if (!view) return;
  const { map } = atlas;
  if (!atlas.levels.some((level) => map.getLayer(`${level}-fill`))) {
    map.once('styledata', () => repaint(atlas));
    return;
  }
  paintCompare(map, view);
  // The sites are the round shown's alone: hidden while two rounds are compared (the legend lists what is drawn).
  if (map.getLayer('sites') && map.getLayoutProperty('sites', 'visibility') !== 'none') {
    map.setLayoutProperty('sites', 'visibility', 'none');
  }
  map.getContainer().setAttribute(
    'aria-label',
    t('compareMapLabel', {
      figure: t(`indicator.${view.figure}`),
      earlier: roundLabel(view.earlier),
      later: roundLabel(view.later),
      level: atlas.levelName(view.crossed?.level ?? atlas.levelShown()).toLowerCase(),
    }),
  );
}

/** Leaves compare mode: clears the comparison and puts the page's own style back. */
function leave(atlas: Atlas, reset: () => void): void {
  reset();
  if (!activeCompare()) return;
  setActiveCompare(undefined);
  clearCompare(atlas.map, atlas.levels);
  // Re-applying the page's style (a public way to it) resets the fills, the hatch's filter and the sites.
  atlas.setSitesVisible(atlas.sitesVisible);
}
