import type { Dataset, Level } from './api.ts';
import type { Lang } from './state.ts';

/**
 * What the dataset calls a level in a language ("Department" / "Département" for Haiti's adm1): the manifest's
 * `levelNamesByLanguage`, else its one-language `levelNames`, else the level's key.
 */
export function levelName(
  dataset: Pick<Dataset, 'levelNames' | 'levelNamesByLanguage'>,
  level: Level,
  lang: Lang,
): string {
  return dataset.levelNamesByLanguage?.[lang]?.[level] ?? dataset.levelNames[level] ?? level;
}

/**
 * An area's name in the page's language where its boundaries carry one (`name_en`, `name_fr` in tiles and in
 * the figures API: Haiti's "West" / "Ouest"), else the name in the boundary set's own language.
 */
export function areaName(area: { name?: unknown } & Record<string, unknown>, lang: Lang): string {
  const local = area[`name_${lang}`];
  if (typeof local === 'string' && local !== '') return local;
  return typeof area.name === 'string' ? area.name : '';
}

/** A copy of an area with `name` in the page's language (the boundary set's own name otherwise). */
export function localised<T extends { name: string }>(area: T, lang: Lang): T {
  const name = areaName(area as T & Record<string, unknown>, lang);
  return name === area.name ? area : { ...area, name };
}
