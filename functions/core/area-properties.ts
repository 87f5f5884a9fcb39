import { type AreaFigures, type AreaProperties, FIGURE_KEYS, type RoundMeta } from './types.ts';

/** Properties of an area feature in tiles and exports: strings and numbers only, never null. */
export type TileProperties = Record<string, string | number>;

/** Whether an area has figures in a round. No data is not zero. */
export type AreaStatus = 'reported' | 'no_data';

/**
 * Joins a round's figures to the areas of its boundary set: every area gets `pcode`, `name`, `level`,
 * `parent` (below level 1), `round`, `date` and `status`; areas with figures also get the four figures as
 * numbers. Areas without a figure get none of them (absent, not 0 and not the string "null"). With the
 * previous round's figures, `idps_ind_change` is the difference in IDPs (absent where either is unknown).
 */
export function joinAreaProperties(
  areas: readonly AreaProperties[],
  figures: ReadonlyMap<string, AreaFigures>,
  round: Pick<RoundMeta, 'key' | 'date'>,
  previous?: ReadonlyMap<string, AreaFigures>,
): Map<string, TileProperties> {
  const result = new Map<string, TileProperties>();
  for (const area of areas) {
    const { pcode, name, level, parent } = area;
    const props: TileProperties = { pcode, name, level: `adm${level}` };
    if (parent !== undefined) props.parent = parent;
    props.round = round.key;
    props.date = round.date;
    const figure = figures.get(pcode);
    if (figure) {
      props.status = 'reported';
      for (const key of FIGURE_KEYS) {
        const value = figure[key];
        // A figure the source does not give stays absent: unknown is not zero.
        if (value !== undefined) props[key] = value;
      }
      // Change against the previous round on the same boundary set, only where both rounds know the figure.
      const before = previous?.get(pcode)?.idps_ind;
      if (figure.idps_ind !== undefined && before !== undefined)
        props.idps_ind_change = figure.idps_ind - before;
    } else {
      props.status = 'no_data';
    }
    result.set(pcode, props);
  }
  return result;
}
