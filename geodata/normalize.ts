import { booleanPointInPolygon, centroid, kinks, pointOnFeature, rewind } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { BoundaryLevelSource } from '../functions/core/dataset-manifest.ts';
import { InputError } from '../functions/core/errors.ts';
import type { AreaProperties } from '../functions/core/types.ts';

export type NormalisedArea = Feature<Polygon | MultiPolygon, AreaProperties>;

/**
 * Normalises one level of a boundary source: properties renamed to `pcode`, `name`, `parent`, `level`
 * (everything else dropped), rings checked (closed, four or more positions, lon/lat in range) and rewound
 * to RFC 7946 order. Errors name the file, the feature (row) and the field.
 */
export function normaliseLevel(
  collection: unknown,
  source: BoundaryLevelSource,
  parents: ReadonlySet<string> | undefined,
): NormalisedArea[] {
  const file = source.file;
  if (!isFeatureCollection(collection)) throw new InputError({ file }, 'not a GeoJSON FeatureCollection');
  const seen = new Set<string>();
  return collection.features.map((feature, index) => {
    const row = index + 1;
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const pcode = requiredText(props[source.pcodeField], {
      file,
      row,
      field: source.pcodeField,
    }).toUpperCase();
    if (seen.has(pcode))
      throw new InputError({ file, row, field: source.pcodeField }, `duplicate P-code ${pcode}`);
    seen.add(pcode);
    const name = requiredText(props[source.nameField], { file, row, field: source.nameField }).normalize(
      'NFC',
    );
    const properties: AreaProperties = { pcode, name, level: source.level };
    if (source.parentField) {
      const parent = requiredText(props[source.parentField], {
        file,
        row,
        field: source.parentField,
      }).toUpperCase();
      if (parents && !parents.has(parent)) {
        throw new InputError(
          { file, row, field: source.parentField },
          `parent ${parent} is not in the level above`,
        );
      }
      properties.parent = parent;
    }
    const geometry = checkGeometry(feature.geometry, { file, row, field: 'geometry' });
    const crossing = kinks(geometry).features[0];
    if (crossing) {
      throw new InputError(
        { file, row, field: 'geometry' },
        `ring crosses itself near ${crossing.geometry.coordinates.map((v) => v.toFixed(5)).join(', ')}`,
      );
    }
    const rewound = rewind(geometry) as Polygon | MultiPolygon;
    properties.anchor = anchorPoint(rewound);
    return { type: 'Feature', properties, geometry: rewound };
  });
}

function isFeatureCollection(value: unknown): value is FeatureCollection {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((value as { features?: unknown }).features)
  );
}

function requiredText(value: unknown, location: { file: string; row: number; field: string }): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(location, 'missing value');
  return value.trim();
}

function checkGeometry(
  geometry: Feature['geometry'] | null | undefined,
  location: { file: string; row: number; field: string },
): Polygon | MultiPolygon {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    throw new InputError(
      location,
      `expected Polygon or MultiPolygon, found ${geometry?.type ?? 'no geometry'}`,
    );
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length === 0) throw new InputError(location, 'empty geometry');
  for (const [p, rings] of polygons.entries()) {
    if (rings.length === 0) throw new InputError(location, `polygon ${p + 1} has no rings`);
    for (const [r, ring] of rings.entries()) checkRing(ring, location, `polygon ${p + 1}, ring ${r + 1}`);
  }
  return geometry;
}

function checkRing(
  ring: Position[],
  location: { file: string; row: number; field: string },
  where: string,
): void {
  if (ring.length < 4)
    throw new InputError(location, `${where} has ${ring.length} positions; a ring needs at least 4`);
  for (const position of ring) {
    const [lon, lat] = position;
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      Math.abs(lon) > 180 ||
      Math.abs(lat) > 90
    ) {
      throw new InputError(
        location,
        `${where} has a position outside longitude/latitude range: ${JSON.stringify(position)}`,
      );
    }
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    throw new InputError(location, `${where} is not closed (first and last positions differ)`);
  }
}

/**
 * A point inside the area, for its label and for "assessed locations" derived from area-level figures: the
 * centroid when it falls inside the polygon, otherwise a point on the surface (crescent-shaped or multi-part
 * areas have centroids outside themselves).
 */
export function anchorPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const center = centroid(geometry);
  const point = booleanPointInPolygon(center, geometry) ? center : pointOnFeature(geometry);
  const [lon = 0, lat = 0] = point.geometry.coordinates;
  return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
}
