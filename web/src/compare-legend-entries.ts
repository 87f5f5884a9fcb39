import type { Legend, Level } from './api.ts';
import type { CompareView } from './compare-state.ts';
import type { LegendEntry } from './export-layout.ts';
import { t } from './i18n.ts';
import { classLabel } from './legend-entries.ts';

/** The "not the same ground" swatch's ground and line colours (the pattern's, compare-crosswalk-paint.ts). */
export const NOT_SAME_COLOURS = { colour: '#ffffff', hatch: '#444444' } as const;

/**
 * The lines of the compare legend of `level`, as the on-screen compare legend (compare-legend.ts) and the
 * exports (export-compare.ts) list them: one per diverging class some area falls in ("no change" for exactly
 * 0), the no-data hatch for areas without the figure in one round (only when some have none, or while the
 * level's differences are not known), and the "not the same ground" pattern across a crosswalk when some
 * area is such ground.
 */
export function compareLegendEntries(
  view: CompareView,
  noData: Legend['noData'],
  level: Level,
): LegendEntry[] {
  const change = view.levels[level];
  const entries: LegendEntry[] = (change?.classes ?? []).map((entry) => {
    const zero = entry.from === 0 && entry.to === 1;
    return {
      kind: 'class',
      label: zero ? t('compareNoChange') : classLabel(entry, true),
      colour: entry.colour,
    };
  });
  if (!change || change.missing.length > 0) {
    entries.push({ kind: 'no-data', label: t('compareMissing'), colour: noData.colour, hatch: noData.hatch });
  }
  if (change?.partial?.length) {
    entries.push({ kind: 'not-same', label: t('compareNotSame'), ...NOT_SAME_COLOURS });
  }
  return entries;
}
