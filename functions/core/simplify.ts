import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { lonLatToUnit } from './mercator.ts';
import { TILE_EXTENT } from './tileset.ts';
import type { AreaProperties } from './types.ts';

/** Boundary topology of a boundary set: one object per level (`adm1`…), arcs weighted for simplification. */
export type BoundaryTopology = Topology<Record<string, GeometryCollection<AreaProperties>>>;

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties>;

/**
 * Visvalingam area (in squared tile units, 4096 per tile) below which a vertex is dropped at a zoom. 48 units²
 * is under one screen pixel² on a 512 px tile: invisible, and it halves tile weight against keeping everything.
 */
export const SIMPLIFY_AREA_TILE_UNITS = 48;

/**
 * Weight of a vertex for topology-aware simplification: the area of the triangle it forms with its
 * neighbours, in Web Mercator unit-square coordinates, so thresholds translate directly to tile pixels.
 */
export function mercatorTriangleArea(
  triangle: [[number, number], [number, number], [number, number]],
): number {
  const [ax, ay] = lonLatToUnit(triangle[0][0], triangle[0][1]);
  const [bx, by] = lonLatToUnit(triangle[1][0], triangle[1][1]);
  const [cx, cy] = lonLatToUnit(triangle[2][0], triangle[2][1]);
  return Math.abs((ax - cx) * (by - ay) - (ax - bx) * (cy - ay)) / 2;
}

/** The minimum vertex weight kept at zoom `z`. */
export function minWeightAtZoom(z: number): number {
  const unit = 1 / (TILE_EXTENT * 2 ** z);
  return SIMPLIFY_AREA_TILE_UNITS * unit * unit;
}

/**
 * The areas of one level simplified for zoom `z`. Simplification runs on the shared arcs of the topology,
 * so neighbours keep exactly the same border (no slivers, no gaps). Rings that collapse are dropped, and
 * so are areas with nothing left at this zoom (sub-pixel communes at low zooms).
 */
export function areasAtZoom(topology: BoundaryTopology, objectName: string, z: number): AreaFeature[] {
  const object = topology.objects[objectName];
  if (!object) return [];
  const simplified = simplify(topology, minWeightAtZoom(z));
  const collection = feature(simplified, object) as FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
  const result: AreaFeature[] = [];
  for (const area of collection.features) {
    const geometry = cleanGeometry(area.geometry);
    if (geometry) result.push({ type: 'Feature', properties: area.properties, geometry });
  }
  return result;
}

/** Drops rings with fewer than three distinct points; drops polygons whose outer ring went. */
export function cleanGeometry(geometry: Polygon | MultiPolygon | null): Polygon | MultiPolygon | null {
  if (!geometry) return null;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: Position[][][] = [];
  for (const rings of polygons) {
    const [outer, ...holes] = rings;
    if (!outer || !isRing(outer)) continue;
    kept.push([outer, ...holes.filter(isRing)]);
  }
  if (kept.length === 0) return null;
  return kept.length === 1 && kept[0]
    ? { type: 'Polygon', coordinates: kept[0] }
    : { type: 'MultiPolygon', coordinates: kept };
}

/** At least three distinct points (a closed ring has four or more). No allocation: it runs on every ring. */
function isRing(ring: Position[]): boolean {
  if (ring.length < 4) return false;
  const [ax, ay] = ring[0] as Position;
  let second: Position | undefined;
  for (const point of ring) {
    if (point[0] === ax && point[1] === ay) continue;
    if (!second) second = point;
    else if (point[0] !== second[0] || point[1] !== second[1]) return true;
  }
  return false;
}
