import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_EXTENT } from './tileset.ts';

/** A polygon feature cut to a tile by geojson-vt, in tile units. */
export interface TileFeatureInput {
  id?: number | string;
  type: 1 | 2 | 3;
  geometry: Array<Array<[number, number]>> | Array<[number, number]>;
  tags: Record<string, unknown> | null;
}

export interface LayerInput {
  name: string;
  features: readonly TileFeatureInput[];
}

/**
 * Encodes layers as a Mapbox Vector Tile (spec 2.1: layer version 2, extent 4096). Returns `undefined` when no
 * layer has a feature (the HTTP layer answers 204). `properties` supplies each feature's attributes; features
 * it returns `undefined` for are left out. Consecutive points that fell on the same tile unit are merged and
 * rings that collapse are dropped, which is where most of the weight of low-zoom tiles goes.
 */
export function encodeTile(
  layers: readonly LayerInput[],
  properties: (layer: string, feature: TileFeatureInput) => Record<string, string | number> | undefined,
): Uint8Array | undefined {
  const out: Record<string, { features: TileFeatureInput[] }> = {};
  let count = 0;
  for (const layer of layers) {
    const features: TileFeatureInput[] = [];
    for (const feature of layer.features) {
      const tags = properties(layer.name, feature);
      if (!tags) continue;
      const geometry =
        feature.type === 3
          ? cleanRings(feature.geometry as Array<Array<[number, number]>>)
          : feature.geometry;
      if (geometry.length === 0) continue;
      features.push({ id: feature.id, type: feature.type, geometry, tags });
    }
    if (features.length > 0) {
      out[layer.name] = { features };
      count += features.length;
    }
  }
  if (count === 0) return undefined;
  // vt-pbf writes layer version 1 unless told; MVT 2.1 is version 2.
  return fromGeojsonVt(out as never, { version: 2, extent: TILE_EXTENT });
}

/** Removes repeated consecutive points; drops rings left with fewer than 3 distinct points (a ring needs 4 with closure). */
export function cleanRings(rings: Array<Array<[number, number]>>): Array<Array<[number, number]>> {
  const result: Array<Array<[number, number]>> = [];
  for (const ring of rings) {
    const cleaned: Array<[number, number]> = [];
    for (const point of ring) {
      const last = cleaned[cleaned.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) cleaned.push(point);
    }
    if (cleaned.length >= 4) result.push(cleaned);
  }
  return result;
}
