import { VectorTile } from '@mapbox/vector-tile';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { LegacyFeature } from 'geojson-vt';
import { PbfReader } from 'pbf';
import type { LayerSource } from '../../functions/core/tile-cut.ts';
import type { TileCoord } from '../../functions/core/tile-path.ts';
import { TILE_EXTENT } from '../../functions/core/tileset.ts';

type Ring = [number, number][];

/**
 * The tile path as it would be with vt-pbf: geojson-vt's `getTile()` (nested `[x, y]` arrays), the same join
 * and layer filters as `cutTile`, consecutive repeated points merged and collapsed polygon rings dropped
 * (as the own encoder does), then `fromGeojsonVt` with MVT layer version 2. The reference the own encoder is
 * held to, and the other side of `npm run bench:encoders`.
 */
export function cutTileWithVtPbf(
  layers: readonly LayerSource[],
  { z, x, y }: TileCoord,
): Uint8Array | undefined {
  const out: Record<string, { features: LegacyFeature[] }> = {};
  let count = 0;
  for (const layer of layers) {
    const tile = layer.index.getTile(z, x, y);
    if (!tile) continue;
    const features: LegacyFeature[] = [];
    for (const feature of tile.features) {
      const tags = feature.tags ?? {};
      if (layer.include && !layer.include(tags)) continue;
      const key = tags[layer.key ?? 'pcode'];
      const properties = typeof key === 'string' ? layer.properties.get(key) : undefined;
      if (!properties) continue;
      if (feature.type === 1) {
        features.push({ ...feature, tags: properties });
        continue;
      }
      const geometry = cleanRings(feature.geometry, feature.type === 3);
      if (geometry.length > 0) features.push({ ...feature, geometry, tags: properties });
    }
    if (features.length > 0) {
      out[layer.name] = { features };
      count += features.length;
    }
  }
  if (count === 0) return undefined;
  return fromGeojsonVt(out as never, { version: 2, extent: TILE_EXTENT });
}

/**
 * Polygon rings without consecutive repeated points, and only those with three distinct points or more
 * besides the closing one; line parts of two points or more.
 */
function cleanRings(rings: Ring[], polygon: boolean): Ring[] {
  const kept: Ring[] = [];
  for (const ring of rings) {
    if (!polygon) {
      if (ring.length >= 2) kept.push(ring);
      continue;
    }
    const cleaned: Ring = [];
    for (const point of ring) {
      const last = cleaned[cleaned.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) cleaned.push(point);
    }
    const first = cleaned[0];
    const last = cleaned[cleaned.length - 1];
    const closed = cleaned.length >= 2 && first?.[0] === last?.[0] && first?.[1] === last?.[1];
    if (cleaned.length - (closed ? 1 : 0) >= 3) kept.push(cleaned);
  }
  return kept;
}

/** A decoded feature in plain values, for deep equality. */
export interface DecodedFeature {
  id: number | undefined;
  type: number;
  properties: Record<string, number | string | boolean>;
  geometry: number[][][];
}

/** A decoded layer in plain values, for deep equality. */
export interface DecodedLayer {
  version: number;
  extent: number;
  features: DecodedFeature[];
}

/**
 * A tile decoded with `@mapbox/vector-tile` into plain values: layers by name, each feature's id, type,
 * properties and geometry (rings of `[x, y]`). Two encodings of the same tile compare equal with `toEqual`
 * whatever the order of fields, keys and values inside the protobuf.
 */
export function decodeTile(bytes: Uint8Array | undefined): Record<string, DecodedLayer> | undefined {
  if (!bytes) return undefined;
  const tile = new VectorTile(new PbfReader(bytes));
  const layers: Record<string, DecodedLayer> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      features.push({
        id: feature.id,
        type: feature.type,
        properties: feature.properties,
        geometry: feature.loadGeometry().map((ring) => ring.map((point) => [point.x, point.y])),
      });
    }
    layers[name] = { version: layer.version, extent: layer.extent, features };
  }
  return layers;
}
