import type { TileProperties } from './area-properties.ts';
import type { AreaRow } from './download-columns.ts';
import type { AdminLevel, AreaFigures, AreaProperties } from './types.ts';

/** Names of an area's enclosing areas by level, from its parent's P-code. */
export type ParentNames = (parent: string | undefined) => Partial<Record<AdminLevel, string>>;

/**
 * Looks up the names of every enclosing level from the areas of the levels above (a commune's cercle and
 * région): downloads carry them so a row read alone still says where it is.
 */
export function parentNames(
  above: Iterable<Pick<AreaProperties, 'pcode' | 'name' | 'parent' | 'level'>>,
): ParentNames {
  const byCode = new Map<string, Pick<AreaProperties, 'pcode' | 'name' | 'parent' | 'level'>>();
  for (const area of above) byCode.set(area.pcode, area);
  return (parent) => {
    const names: Partial<Record<AdminLevel, string>> = {};
    let code = parent;
    // At most two levels above; the bound also stops a malformed cycle.
    for (let step = 0; code !== undefined && step < 3; step++) {
      const area = byCode.get(code);
      if (!area) break;
      names[area.level] = area.name;
      code = area.parent;
    }
    return names;
  };
}

/** The rows of a download: each area with its figures' provenance and its parents' names. */
export function areaRows(
  areas: Iterable<TileProperties>,
  figures: ReadonlyMap<string, Pick<AreaFigures, 'sourceRows' | 'corrections' | 'breakdown'>>,
  parents: ParentNames,
): AreaRow[] {
  const rows: AreaRow[] = [];
  for (const area of areas) {
    const parent = area.parent === undefined ? undefined : String(area.parent);
    rows.push({ area, figure: figures.get(String(area.pcode)), parents: parents(parent) });
  }
  return rows;
}
