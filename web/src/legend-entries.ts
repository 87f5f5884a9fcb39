import type { Legend, LegendClass, Level } from './api.ts';
import type { LegendEntry } from './export-layout.ts';
import { formatChange, formatCount } from './format.ts';
import { t } from './i18n.ts';

/**
 * The lines of a level's legend, as the on-screen legend (legend.ts) and the exports (export-content.ts) list
 * them: "zero reported", one per class, then "no data" in the map's hatch (zero and no data only where some
 * area of the level has them: the style's `shown`), or the one "not reported" line of a round without the
 * figure; then the sites' ring when `sites` (the sites are on the map).
 */
export function legendEntries(legend: Legend, level: Level, sites: boolean): LegendEntry[] {
  const noData = (label: string): LegendEntry => ({
    kind: 'no-data',
    label,
    colour: legend.noData.colour,
    hatch: legend.noData.hatch,
  });
  const entries: LegendEntry[] = legend.notReported ? [noData(legend.notReported)] : [];
  if (!legend.notReported) {
    const shown = legend.shown?.[level] ?? { zero: true, noData: true };
    const change = legend.indicator === 'idps_ind_change';
    const classes = legend.classes[level] ?? [];
    // A change legend's own 0 class stands for "zero reported".
    if (shown.zero && !(change && classes.some((entry) => entry.from === 0))) {
      entries.push({ kind: 'zero', label: legend.zero.label, colour: legend.zero.colour });
    }
    for (const entry of classes) {
      const zeroClass = change && entry.from === 0 && entry.to === 1;
      const label = zeroClass ? legend.zero.label : classLabel(entry, change);
      entries.push({ kind: 'class', label, colour: entry.colour });
    }
    if (shown.noData) entries.push(noData(legend.noData.label));
  }
  if (sites && legend.sites) {
    entries.push({
      kind: 'sites',
      label: `${legend.sites.label} (${t('sitesRing')})`,
      colour: legend.sites.colour,
    });
  }
  return entries;
}

/** "1 – 3,499", "≥ 98,000", "≤ −31,000" (classes run from `from` up to, not including, `to`). */
export function classLabel(entry: LegendClass, change: boolean): string {
  const format = change ? formatChange : formatCount;
  if (entry.from === undefined && entry.to !== undefined) return `≤ ${format(entry.to - 1)}`;
  if (entry.to === undefined && entry.from !== undefined) return `≥ ${format(entry.from)}`;
  if (entry.from === undefined || entry.to === undefined) return '';
  if (entry.to - 1 === entry.from) return format(entry.from);
  return `${format(entry.from)} – ${format(entry.to - 1)}`;
}
