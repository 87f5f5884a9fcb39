import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import type { BoundaryLevelSource } from '../functions/core/dataset-manifest.ts';

/**
 * The boundary files shipped in the repository, laid out as a data folder (`mali/boundaries/adm1.geojson`…):
 * a fresh clone without `../shared/data` still has every dataset's boundaries. See geodata/SOURCES.md.
 */
export const SHIPPED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'shipped');

/** Path of a level's shipped copy, relative to `SHIPPED_DIR`: its own name when it is stripped. */
export function shippedFile(level: Pick<BoundaryLevelSource, 'file' | 'shipped'>): string {
  return level.shipped?.file ?? level.file;
}

/** Hex SHA-256 of some bytes, as the manifests record it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The features with only the properties listed (in the order listed), geometry untouched: what ships of a
 * boundary file that carries figures among its properties.
 */
export function keepProperties(collection: FeatureCollection, keep: readonly string[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature): Feature => {
      const from = (feature.properties ?? {}) as Record<string, unknown>;
      const properties: Record<string, unknown> = {};
      for (const name of keep) if (name in from) properties[name] = from[name];
      return { type: 'Feature', properties, geometry: feature.geometry };
    }),
  };
}
