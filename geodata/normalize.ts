import { booleanPointInPolygon, centroid, pointOnFeature, rewind } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BoundaryLevelSource } from '../functions/core/dataset-manifest.ts';
import { InputError, type InputLocation } from '../functions/core/errors.ts';
import type { AreaProperties } from '../functions/core/types.ts';
import { toFeatureCollection } from './boundary-file.ts';
import { detectFields, type LevelFields, propertyNames } from './codab-fields.ts';
import { checkGeometry } from './geometry-checks.ts';

export type NormalisedArea = Feature<Polygon | MultiPolygon, AreaProperties>;

/**
 * Normalises one level of a boundary source (a parsed GeoJSON FeatureCollection or TopoJSON Topology):
 * fields detected from the property names unless the manifest names them (see `detectFields`), properties
 * renamed to `pcode`, `name` (the set's own language), `names` (every language), `parent`, `level`
 * (everything else dropped), P-codes unique and non-empty, parents present in `parents` (the level above,
 * when known), rings checked (see `checkGeometry`) and rewound to RFC 7946 order. Errors name the file, the
 * feature (row, counted from 1) and the field.
 */
export function normaliseLevel(
  input: unknown,
  source: BoundaryLevelSource,
  parents: ReadonlySet<string> | undefined,
): NormalisedArea[] {
  const collection = toFeatureCollection(input, source);
  const fields = detectFields(propertyNames(collection.features), source);
  const seen = new Map<string, number>();
  return collection.features.map((feature, index) => {
    const row = index + 1;
    const properties = readProperties(feature, { file: source.file, row }, fields, source.level);
    const first = seen.get(properties.pcode);
    if (first !== undefined) {
      throw new InputError(
        { file: source.file, row, field: fields.pcode },
        `duplicate P-code ${properties.pcode} (also row ${first})`,
      );
    }
    seen.set(properties.pcode, row);
    if (properties.parent !== undefined && parents && !parents.has(properties.parent)) {
      throw new InputError(
        { file: source.file, row, field: fields.parent },
        `parent ${properties.parent} is not in the level above`,
      );
    }
    const geometry = checkGeometry(feature.geometry, { file: source.file, row, field: 'geometry' });
    const rewound = rewind(geometry) as Polygon | MultiPolygon;
    properties.anchor = anchorPoint(rewound);
    return { type: 'Feature', properties, geometry: rewound };
  });
}

/** The normalised properties of one feature: codes upper-case and trimmed, names NFC. */
function readProperties(
  feature: Feature,
  at: { file: string; row: number },
  fields: LevelFields,
  level: AreaProperties['level'],
): AreaProperties {
  const props = (feature.properties ?? {}) as Record<string, unknown>;
  const pcode = requiredText(props[fields.pcode], { ...at, field: fields.pcode }, 'empty P-code');
  const name = requiredText(props[fields.name], { ...at, field: fields.name }, 'missing value');
  const properties: AreaProperties = { pcode: pcode.toUpperCase(), name: name.normalize('NFC'), level };
  const names: Record<string, string> = {};
  for (const [language, field] of fields.languages) {
    const value = props[field];
    // A language the file carries may leave some areas unnamed (Haiti: some communes have no Creole name).
    if (typeof value === 'string' && value.trim() !== '') names[language] = value.trim().normalize('NFC');
  }
  if (Object.keys(names).length > 0) properties.names = names;
  if (fields.parent !== undefined) {
    const parent = requiredText(props[fields.parent], { ...at, field: fields.parent }, 'empty parent P-code');
    properties.parent = parent.toUpperCase();
  }
  return properties;
}

function requiredText(value: unknown, location: InputLocation, problem: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(location, problem);
  return value.trim();
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
