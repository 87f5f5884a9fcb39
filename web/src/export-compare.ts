import type { Atlas } from './atlas.ts';
import { roundsText, totalsText } from './compare-legend.ts';
import { compareLegendEntries } from './compare-legend-entries.ts';
import type { CompareView } from './compare-state.ts';
import type { ExportContent } from './export-layout.ts';
import { finestCaveat } from './finest-level.ts';
import { lang, t } from './i18n.ts';
import { creditText, pt } from './provenance.ts';
import { roundCaveat } from './round-caveat.ts';
import { sourceLine } from './rounds.ts';

/**
 * What an export says in compare mode, so the words match the colours the map is drawn in: the on-screen
 * compare legend's heading as title; the two rounds, the level drawn and the dataset under it, then the two
 * totals and their difference (and the selected `area`); the comparison's classes as legend; both rounds'
 * sources, the credit, across a crosswalk the "by region only" note and the crosswalk's caveat, each round's
 * caveat, then `closing` (disclaimer, export date, link).
 */
export function compareExportContent(
  atlas: Atlas,
  view: CompareView,
  area: { name: string; pcode: string } | undefined,
  closing: string[],
): ExportContent {
  // Across a crosswalk the map shows the crosswalk's level at every zoom (compare-crosswalk-paint.ts).
  const level = view.crossed?.level ?? atlas.levelShown();
  const levelName = atlas.levelName(level);
  const subtitle = [
    t('exportCompareSubtitle', {
      rounds: roundsText(view),
      levels: t('levelPlural', { name: levelName }),
      dataset: atlas.dataset.name,
    }),
    totalsText(view),
  ];
  if (area) subtitle.push(t('exportSelected', { name: `${area.name} (${area.pcode})` }));
  const labelled = (label: string, text: string) => `${t('withColon', { label })}${text}`;
  const sources = [...new Set([view.earlier, view.later].map(sourceLine))].join('; ');
  const credits = [labelled(t('source'), sources), creditText(atlas.round)];
  if (view.crossed) {
    const { caveat } = view.crossed.crosswalk;
    credits.push(
      t('compareCrossedNote', { level: levelName.toLowerCase() }),
      t('compareCaveat', { caveat: lang() === 'fr' && caveat.fr ? caveat.fr : caveat.en }),
    );
  }
  for (const round of [view.earlier, view.later]) {
    const caveat = roundCaveat(round, lang());
    if (caveat) credits.push(labelled(pt('caveat'), caveat.text));
  }
  const finest = finestCaveat(atlas, level);
  if (finest) credits.push(finest);
  const noData = atlas.legend?.noData ?? { label: '', colour: '#ffffff', hatch: '#ffffff' };
  return {
    title: t('compareTitle', { figure: t(`indicator.${view.figure}`) }),
    subtitle,
    legendTitle: `${t('legendLabel')} · ${levelName}`,
    legend: compareLegendEntries(view, noData, level),
    credits: [...credits, ...closing],
  };
}
