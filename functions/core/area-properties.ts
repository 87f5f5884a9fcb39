import { reasonProperties, roundReasons } from './reason-indicators.ts';
import { type AreaFigures, type AreaProperties, FIGURE_KEYS, type RoundMeta } from './types.ts';

/** Properties of an area feature in tiles and exports: strings and numbers only, never null. */
export type TileProperties = Record<string, string | number>;

/**
 * Whether an area has figures in a round: `reported` when the source gives at least one of its figures,
 * `no_data` otherwise. No data is not zero, and a `reported` area can still lack a given figure (a blank
 * household cell): every consumer treats a missing figure as no data for that figure.
 */
export type AreaStatus = 'reported' | 'no_data';

/**
 * Joins a round's figures to the areas of its boundary set: every area gets `pcode`, `name`, a `name_<lang>`
 * per language its boundaries name it in (see `localNames`), `level`, `parent` (below level 1), `round`, `date`
 * and `status`; areas with figures also get each figure the source
 * gives, as a number. A figure the source does not give is absent (not 0 and not the string "null"), and an
 * area whose figures are all absent is `no_data`. With the previous round's figures, `idps_ind_change` is the
 * difference in IDPs (absent where either is unknown). Where the level's figures split by reason, an area
 * whose split is complete gets `idps_ind_reason.<reason>` for each reason of the level (`reasonProperties`).
 */
export function joinAreaProperties(
  areas: readonly AreaProperties[],
  figures: ReadonlyMap<string, AreaFigures>,
  round: Pick<RoundMeta, 'key' | 'date'>,
  previous?: ReadonlyMap<string, AreaFigures>,
): Map<string, TileProperties> {
  const result = new Map<string, TileProperties>();
  const reasons = roundReasons(figures.values());
  for (const area of areas) {
    const { pcode, name, level, parent } = area;
    const props: TileProperties = { pcode, name, ...localNames(area), level: `adm${level}` };
    if (parent !== undefined) props.parent = parent;
    props.round = round.key;
    props.date = round.date;
    const figure = figures.get(pcode);
    if (figure && hasAnyFigure(figure)) {
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
      Object.assign(props, reasonProperties(figure, reasons));
    } else {
      props.status = 'no_data';
    }
    result.set(pcode, props);
  }
  return result;
}

/** The prefix of an area's name in one language: `name_en`, `name_fr`, `name_ht`. */
export const LOCAL_NAME_PREFIX = 'name_';

/**
 * An area's names per language as tile properties (`{ name_en: 'West', name_fr: 'Ouest' }`), so a map can label
 * it in its reader's language and fall back to `name`; empty when the boundary file names no language.
 */
export function localNames(area: Pick<AreaProperties, 'names'>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [lang, text] of Object.entries(area.names ?? {})) result[`${LOCAL_NAME_PREFIX}${lang}`] = text;
  return result;
}

/** The languages some area of a boundary set is named in, sorted (`['en', 'fr', 'ht']` for Haiti's COD-AB). */
export function nameLanguages(areas: Iterable<Pick<AreaProperties, 'names'>>): string[] {
  const languages = new Set<string>();
  for (const area of areas) for (const lang of Object.keys(area.names ?? {})) languages.add(lang);
  return [...languages].sort();
}

/** Whether the source gives at least one of the area's figures. */
export function hasAnyFigure(figure: AreaFigures): boolean {
  return FIGURE_KEYS.some((key) => figure[key] !== undefined);
}
