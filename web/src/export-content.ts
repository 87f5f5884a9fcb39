import { SITES_LAYER } from '../../functions/core/tileset.ts';
import type { Atlas } from './atlas.ts';
import { activeCompare } from './compare-state.ts';
import { compareExportContent } from './export-compare.ts';
import type { ExportContent } from './export-layout.ts';
import { finestCaveat } from './finest-level.ts';
import { formatDate } from './format.ts';
import { lang, t } from './i18n.ts';
import { legendEntries } from './legend-entries.ts';
import { creditText, pt } from './provenance.ts';
import { indicatorName } from './reason-indicator.ts';
import { roundCaveat } from './round-caveat.ts';
import { roundLabel, sourceLine } from './rounds.ts';

/** "Label: " in the page's language (French puts a space before the colon). */
function labelled(label: string, text: string): string {
  return `${t('withColon', { label })}${text}`;
}

/** The selected area's name and P-code, if an area is selected and on the round's boundaries. */
export async function selectedArea(atlas: Atlas): Promise<{ name: string; pcode: string } | undefined> {
  const pcode = atlas.store.state.area;
  return pcode ? (await atlas.areas()).get(pcode) : undefined;
}

/** What an export of the current view says (`exportContentOf` with the selected area looked up). */
export async function exportContent(atlas: Atlas): Promise<ExportContent> {
  return exportContentOf(atlas, await selectedArea(atlas));
}

/**
 * What an export of the current view says, in the page's language: the indicator as title; level, round,
 * date and dataset (and the selected `area`) under it; the legend of the level shown; then the source and
 * credit lines, the round's caveat, the boundaries disclaimer, the export date and the link to this view.
 * In compare mode, the comparison's title, rounds, totals and legend instead (`compareExportContent`).
 */
export function exportContentOf(atlas: Atlas, area?: { name: string; pcode: string }): ExportContent {
  const closing = [
    t('exportDisclaimer'),
    t('exportDate', { date: formatDate(new Date().toISOString()) }),
    t('exportLink', { url: location.href }),
  ];
  // Compare mode colours the map by the change between two rounds: its words follow (export-compare.ts).
  const view = activeCompare();
  if (view) return compareExportContent(atlas, view, area, closing);
  const { round, legend, map } = atlas;
  const level = atlas.levelShown();
  const levelName = atlas.levelName(level);
  const subtitle = [
    t('exportSubtitle', {
      levels: t('levelPlural', { name: levelName }),
      round: roundLabel(round),
      date: formatDate(round.date),
      dataset: atlas.dataset.name,
    }),
  ];
  if (area) subtitle.push(t('exportSelected', { name: `${area.name} (${area.pcode})` }));
  const credits = [labelled(t('source'), sourceLine(round)), creditText(round)];
  const caveat = roundCaveat(round, lang());
  if (caveat) credits.push(labelled(pt('caveat'), caveat.text));
  const finest = finestCaveat(atlas, level);
  if (finest) credits.push(finest);
  credits.push(...closing);
  const sites = atlas.sitesVisible && map.getZoom() >= SITES_LAYER.minzoom;
  return {
    title: legend?.title ?? indicatorName(atlas.store.state.indicator, atlas.round),
    subtitle,
    legendTitle: `${t('legendLabel')} · ${levelName}`,
    // The on-screen legend's lines (legend-entries.ts); as before, no sites' ring beside "not reported".
    legend: legend ? legendEntries(legend, level, sites && !legend.notReported) : [],
    credits,
  };
}
