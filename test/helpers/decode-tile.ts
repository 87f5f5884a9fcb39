import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

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
