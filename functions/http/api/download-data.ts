import { areaRows, parentNames } from '../../core/parent-names.ts';
import { ADMIN_LEVELS, type AdminLevel, type AreaFigures, type RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';

/**
 * What the figures downloads of one level read: the dataset, the level's figures, and one row per area with
 * its figures' provenance and the names of every level above (from the same boundary set, cached).
 */
export async function downloadRows(data: DataService, round: RoundMeta, level: AdminLevel) {
  const levelsAbove = ADMIN_LEVELS.filter((above) => above < level);
  const [props, figures, dataset, above] = await Promise.all([
    data.areaProperties(round, level),
    data.figures(round),
    data.dataset(round.dataset),
    Promise.all(levelsAbove.map((above) => data.areas(round.boundarySet, above))),
  ]);
  const levelFigures = figures.get(level) ?? new Map<string, AreaFigures>();
  const rows = areaRows(props.values(), levelFigures, parentNames(above.flat()));
  return { dataset, levelFigures, rows };
}

/** `Content-Disposition` of a download: `dtm-{dataset}-{round}-adm{level}.{extension}`. */
export function attachment(dataset: string, round: string, level: number, extension: string): string {
  return `attachment; filename="dtm-${dataset}-${round}-adm${level}.${extension}"`;
}
