import { createHash } from 'node:crypto';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify } from 'topojson-simplify';
import type { BoundaryManifest } from '../functions/core/boundary-set.ts';
import { type BoundaryTopology, mercatorTriangleArea } from '../functions/core/simplify.ts';
import type { AdminLevel } from '../functions/core/types.ts';
import type { NormalisedArea } from './normalize.ts';

/**
 * Quantisation grid of the topology: 1e6 steps across the set's extent (≈2 m for a country the size of
 * Mali). It also snaps vertices that neighbours share up to floating-point noise, so their borders become
 * one arc.
 */
const QUANTIZATION = 1e6;

/**
 * Builds the weighted topology of a boundary set: all levels share arcs (a région border is the same arc as
 * the commune borders along it), and each arc vertex carries its Visvalingam weight in Web Mercator, so any
 * zoom can be simplified later by a threshold, keeping shared borders shared.
 */
export function buildTopology(levels: ReadonlyMap<AdminLevel, NormalisedArea[]>): BoundaryTopology {
  const objects: Record<string, FeatureCollection> = {};
  for (const [level, areas] of levels)
    objects[`adm${level}`] = { type: 'FeatureCollection', features: areas };
  const weighted = presimplify(
    topology(objects, QUANTIZATION) as BoundaryTopology,
    mercatorTriangleArea,
  ) as BoundaryTopology;
  // Coordinates rounded to 1e-6° (the quantisation step is coarser, so shared points stay identical) and
  // weights to 3 significant digits; arc endpoints have weight Infinity, which JSON cannot hold: any weight
  // of 1 (the whole Mercator square) keeps a vertex at every zoom.
  weighted.arcs = weighted.arcs.map((arc) =>
    arc.map(([lon = 0, lat = 0, weight = 1]) => [
      round6(lon),
      round6(lat),
      Number.isFinite(weight) ? Number(weight.toPrecision(3)) : 1,
    ]),
  );
  return weighted;
}

/** The manifest of a prepared set; its version is the hash of the topology it describes. */
export function describeBoundarySet(
  base: Pick<BoundaryManifest, 'id' | 'title' | 'attribution' | 'sources'>,
  weighted: BoundaryTopology,
): BoundaryManifest {
  const levels = Object.entries(weighted.objects)
    .map(([object, collection]) => ({
      level: Number(object.slice(3)) as AdminLevel,
      object: object as `adm${AdminLevel}`,
      count: collection.geometries.length,
    }))
    .sort((a, b) => a.level - b.level);
  const [west = -180, south = -90, east = 180, north = 90] = weighted.bbox ?? [];
  return {
    ...base,
    version: createHash('sha256').update(JSON.stringify(weighted)).digest('hex').slice(0, 16),
    bbox: [round6(west), round6(south), round6(east), round6(north)],
    levels,
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
