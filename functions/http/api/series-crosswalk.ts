import type { SeriesPoint } from '../../core/api-types.ts';
import { type CrosswalkLink, crosswalkLinks } from '../../core/crosswalk.ts';
import { caveatMember } from '../../core/exports.ts';
import { pickFigures, sumFigures } from '../../core/figures.ts';
import type { AdminLevel, Crosswalk, DatasetMeta, Figures, RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';

/** The points an area's series gains across its dataset's crosswalks, and the crosswalks they cross. */
export interface CrossedPoints {
  points: SeriesPoint[];
  crosswalks: Crosswalk[];
}

/**
 * The rounds of other boundary sets that a crosswalk links area `pcode` to (found in `ownSets`, at `level`):
 * one point per round, marked `matched` or `partial` with the areas it is taken from. A link to a set the
 * area's own code already reaches is left out (the series has those rounds). Figures of several areas are
 * summed only where every one of them is reported; otherwise the point is `no_data`, never a part passed off
 * as the whole.
 */
export async function crossedPoints(
  data: DataService,
  dataset: DatasetMeta,
  rounds: readonly RoundMeta[],
  ownSets: readonly string[],
  level: AdminLevel,
  pcode: string,
): Promise<CrossedPoints> {
  const links = ownSets
    .flatMap((set) => crosswalkLinks(dataset.crosswalks ?? [], set, `adm${level}`, pcode))
    .filter((link) => !ownSets.includes(link.boundarySet));
  const points: SeriesPoint[] = [];
  for (const link of links) {
    for (const round of rounds.filter((r) => r.boundarySet === link.boundarySet)) {
      points.push(await crossedPoint(data, round, level, link));
    }
  }
  return { points, crosswalks: [...new Set(links.map((link) => link.crosswalk))] };
}

async function crossedPoint(
  data: DataService,
  round: RoundMeta,
  level: AdminLevel,
  link: CrosswalkLink,
): Promise<SeriesPoint> {
  const figures = (await data.figures(round)).get(level);
  const found = link.pcodes.map((code) => figures?.get(code));
  const reported = found.every((figure) => figure !== undefined);
  return {
    round: round.key,
    number: round.number,
    date: round.date,
    boundarySet: round.boundarySet,
    status: reported ? 'reported' : 'no_data',
    ...(reported ? sumFigures(found.map((figure) => pickFigures(figure as Figures))) : {}),
    ...caveatMember(round),
    crosswalk: link.kind,
    areas: link.pcodes,
    ...(link.note ? { note: link.note } : {}),
  };
}

/** Points in time order (rounds of one date by key), as the rounds themselves are listed. */
export function byDate(a: SeriesPoint, b: SeriesPoint): number {
  return a.date.localeCompare(b.date) || a.round.localeCompare(b.round, 'en', { numeric: true });
}
