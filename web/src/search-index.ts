import { fold } from './fold.ts';

/** An area as search knows it. */
export interface Searchable {
  pcode: string;
  name: string;
  level: string;
}

/**
 * Areas whose name matches the query, accent- and case-insensitive ("segou" finds Ségou): whole name first,
 * then names starting with it, then a word starting with it, then anywhere; coarser levels before finer.
 */
export function searchAreas<T extends Searchable>(areas: Iterable<T>, query: string, limit = 8): T[] {
  const q = fold(query);
  if (!q) return [];
  const scored: { area: T; score: number }[] = [];
  for (const area of areas) {
    const name = fold(area.name);
    let score: number;
    if (name === q || area.pcode.toLowerCase() === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.includes(` ${q}`)) score = 2;
    else if (name.includes(q) || area.pcode.toLowerCase().startsWith(q)) score = 3;
    else continue;
    scored.push({ area, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score || a.area.level.localeCompare(b.area.level) || a.area.name.localeCompare(b.area.name),
  );
  return scored.slice(0, limit).map((entry) => entry.area);
}

/**
 * What tells a suggestion apart from others of the same name: its level, in the dataset's own words, and the
 * area it is part of ("— Région", "— Cercle, Mopti").
 */
export function searchDetail(levelName: string, parentName: string | undefined): string {
  return parentName ? `— ${levelName}, ${parentName}` : `— ${levelName}`;
}
