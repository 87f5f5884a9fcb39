import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { LegacyFeature } from 'geojson-vt';
import type { TileProperties } from './area-properties.ts';
import type { LayerSource } from './tile-cut.ts';
import { TILE_EXTENT } from './tileset.ts';

/** One layer of a tile as geojson-vt's `getTile()` cuts it (nested `[x, y]` arrays in tile units). */
export interface LayerInput {
  name: string;
  features: readonly LegacyFeature[];
}

type Properties = Record<string, string | number>;
type Ring = [number, number][];

/**
 * Encodes layers as a Mapbox Vector Tile (spec 2.1: layer version 2, extent 4096) with vt-pbf. Returns
 * `undefined` when no layer has a feature (the HTTP layer answers 204). `properties` gives each feature's
 * attributes from its indexed tags; features it returns `undefined` for are left out. Consecutive points that
 * fell on the same tile unit are merged and rings that collapse are dropped.
 *
 * vt-pbf, not a hand-written encoder: one written from geojson-vt's raw typed arrays was measured against this
 * path on every Mali tile z0–10, end to end from the index to gzipped bytes (`npm run bench:encoders`,
 * bench/README.md): 1.23× faster in CPU time as served (1.2–1.3× over three runs), short of the 1.3× that
 * would pay for owning an encoder. It lives on in bench/raw-mvt-encoder.ts as the measured alternative, held
 * to the same decoded tiles as this one by test/integration/encoder-reference.test.ts.
 */
export function encodeTile(
  layers: readonly LayerInput[],
  properties: (layer: string, tags: Record<string, unknown>) => Properties | undefined,
): Uint8Array | undefined {
  const tile: Record<string, { features: LegacyFeature[] }> = {};
  let count = 0;
  for (const layer of layers) {
    const features: LegacyFeature[] = [];
    for (const feature of layer.features) {
      const props = properties(layer.name, feature.tags ?? {});
      if (!props) continue;
      if (feature.type === 1) {
        features.push({ ...feature, tags: props });
        continue;
      }
      const geometry = cleanRings(feature.geometry, feature.type === 3);
      if (geometry.length > 0) features.push({ ...feature, geometry, tags: props });
    }
    if (features.length > 0) {
      tile[layer.name] = { features };
      count += features.length;
    }
  }
  if (count === 0) return undefined;
  // vt-pbf writes layer version 1 unless told; MVT 2.1 is version 2. Its types name @maplibre/geojson-vt's
  // tile, which has fields the encoder never reads; geojson-vt 5's features have the same shape.
  return fromGeojsonVt(tile as never, { version: 2, extent: TILE_EXTENT });
}

/**
 * Polygon rings without consecutive repeated points, kept only with three distinct points or more besides the
 * closing one (quantisation collapses small rings at low zooms); line parts of two points or more.
 */
function cleanRings(rings: readonly Ring[], polygon: boolean): Ring[] {
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

/**
 * The properties of an indexed feature in a tile, by layer name: its entry in the layer's joined properties,
 * or `undefined` when the layer filters it out or has no entry for it (the feature is then left out).
 */
export function joinedProperties(
  layers: ReadonlyMap<string, LayerSource>,
): (layer: string, tags: Record<string, unknown>) => TileProperties | undefined {
  return (name, tags) => {
    const layer = layers.get(name);
    if (!layer || (layer.include && !layer.include(tags))) return undefined;
    const key = tags[layer.key ?? 'pcode'];
    return typeof key === 'string' ? layer.properties.get(key) : undefined;
  };
}
