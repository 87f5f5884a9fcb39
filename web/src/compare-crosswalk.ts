/**
 * Compare mode across a crosswalk, without the page: two rounds on different boundary sets (Mali's 9 régions of
 * 2012–2014 and the 10 of 2021) compared at the level the dataset's crosswalk allows, on the areas of the round
 * shown. Each area takes the other round's figure through `core/crosswalk.ts` (the series API's lookup):
 * the same ground (`matched`) is compared as usual; ground that is not the same (`partial`: Gao, which then
 * held Ménaka) gets no difference and no class, and is drawn "not the same ground". Pure, so unit tests run it.
 */

import type { FigureKey } from '../../functions/core/api-types.ts';
import { crosswalkLinks } from '../../functions/core/crosswalk.ts';
import type { Crosswalk } from '../../functions/core/types.ts';
import {
  type AreaChange,
  type ComparableRound,
  classify,
  type FigureRow,
  type LevelChange,
  numberOr,
} from './compare-data.ts';

/** One side of a comparison across a crosswalk: a round's boundary set and its figures at the crosswalk's level. */
export interface CrossSide {
  boundarySet: string;
  rows: readonly FigureRow[];
}

/**
 * Compares the crosswalk's level on the shown round's areas: each area's own figure, the other round's figure
 * of the area(s) the crosswalk links it to (summed only where every one is reported: a part is never passed
 * off as the whole), the difference later − earlier where the ground is the same. An area the crosswalk does
 * not name has no figure in the other round (hatched as missing, never taken as 0).
 */
export function crossLevel(
  shown: CrossSide,
  other: CrossSide,
  figure: FigureKey,
  crosswalk: Crosswalk,
  shownIsLater: boolean,
): LevelChange {
  const others = new Map(other.rows.map((row) => [row.pcode, numberOr(row[figure])]));
  const names = new Map(other.rows.map((row) => [row.pcode, row.name ?? row.pcode]));
  const areas = new Map<string, AreaChange>();
  for (const row of shown.rows) {
    const link = crosswalkLinks([crosswalk], shown.boundarySet, crosswalk.level, row.pcode).find(
      (candidate) => candidate.boundarySet === other.boundarySet,
    );
    const own = numberOr(row[figure]);
    const taken = link?.pcodes.map((pcode) => others.get(pcode));
    const theirs =
      taken?.every((value) => value !== undefined) === true
        ? (taken as number[]).reduce((sum, value) => sum + value, 0)
        : undefined;
    const entry: AreaChange = {
      pcode: row.pcode,
      before: shownIsLater ? theirs : own,
      after: shownIsLater ? own : theirs,
      cls: -1,
    };
    if (link) {
      const { pcodes, kind, note } = link;
      const crossedNames = pcodes.map((pcode) => names.get(pcode) ?? pcode);
      entry.crossed = { pcodes, names: crossedNames, kind, ...(note ? { note } : {}) };
    }
    areas.set(row.pcode, entry);
  }
  return classify(areas);
}

/**
 * The year a boundary layout is known by on screen ("Jul 2014 (2012 boundaries)"): the year of the first round
 * on that set. The sets' ids are internal names, and their titles too long for a menu.
 */
export function layoutYear(rounds: readonly ComparableRound[], boundarySet: string): string | undefined {
  const first = rounds
    .filter((round) => round.boundarySet === boundarySet)
    .map((round) => round.date)
    .sort()[0];
  return first?.slice(0, 4);
}
