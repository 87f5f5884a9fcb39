import type { PreparedBoundarySet } from './boundary-set.ts';
import type { AreaIndex } from './join.ts';
import type { AdminLevel, AreaProperties } from './types.ts';

/** The areas of a prepared boundary set, indexed by level and P-code. */
export function areaIndex(set: PreparedBoundarySet): AreaIndex {
  const index: AreaIndex = new Map();
  for (const [object, collection] of Object.entries(set.topology.objects)) {
    const level = Number(object.slice(3)) as AdminLevel;
    index.set(
      level,
      new Map(
        collection.geometries.map((g) => [
          (g.properties as AreaProperties).pcode,
          g.properties as AreaProperties,
        ]),
      ),
    );
  }
  return index;
}
