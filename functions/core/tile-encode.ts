import { PbfWriter } from 'pbf';
import { TILE_EXTENT } from './tileset.ts';

/**
 * A feature as geojson-vt stores it (`getTileRaw()`): flat typed coordinate arrays in tile units, one per
 * ring; a lone point inline (type 4).
 */
export type RawTileFeature = {
  id?: number | string;
  tags: Record<string, unknown> | null | undefined;
} & (
  | { type: 4; x: number; y: number }
  | { type: 1; geometry: ArrayLike<number> }
  | { type: 2 | 3; geometry: ArrayLike<number>[] }
);

export interface LayerInput {
  name: string;
  features: readonly RawTileFeature[];
}

type Properties = Record<string, string | number>;

/**
 * Encodes layers as a Mapbox Vector Tile (spec 2.1: layer version 2, extent 4096). Returns `undefined` when
 * no layer has a feature (the HTTP layer answers 204). `properties` gives each feature's attributes from its
 * indexed tags; features it returns `undefined` for are left out. Consecutive points that fell on the same tile
 * unit are merged and rings that collapse are dropped.
 *
 * Written against the MVT 2.1 protobuf directly, from geojson-vt's raw typed arrays: vt-pbf's
 * `fromGeojsonVt` needs the nested-array tile and builds an object per vertex, which was a sixth of tile
 * generation time (bench/README.md). Numbers are written as `uint`/`sint` when whole, `double` otherwise;
 * `null`/`undefined` values are never written.
 */
export function encodeTile(
  layers: readonly LayerInput[],
  properties: (layer: string, tags: Record<string, unknown>) => Properties | undefined,
): Uint8Array | undefined {
  const pbf = new PbfWriter();
  let written = 0;
  for (const layer of layers) {
    const encoded = encodeLayer(layer, properties);
    if (!encoded) continue;
    pbf.writeMessage(3, writeLayer, encoded);
    written++;
  }
  return written > 0 ? pbf.finish() : undefined;
}

interface EncodedFeature {
  id?: number;
  type: 1 | 2 | 3;
  tags: number[];
  geometry: number[];
}

interface EncodedLayer {
  name: string;
  features: EncodedFeature[];
  keys: string[];
  values: Array<string | number>;
}

function encodeLayer(
  layer: LayerInput,
  properties: (layer: string, tags: Record<string, unknown>) => Properties | undefined,
): EncodedLayer | undefined {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const result: EncodedLayer = { name: layer.name, features: [], keys: [], values: [] };
  for (const feature of layer.features) {
    const props = properties(layer.name, feature.tags ?? {});
    if (!props) continue;
    const geometry = encodeGeometry(feature);
    if (geometry.length === 0) continue;
    const tags: number[] = [];
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      let k = keys.get(key);
      if (k === undefined) {
        k = result.keys.push(key) - 1;
        keys.set(key, k);
      }
      const valueKey = `${typeof value}:${value}`;
      let v = values.get(valueKey);
      if (v === undefined) {
        v = result.values.push(value) - 1;
        values.set(valueKey, v);
      }
      tags.push(k, v);
    }
    const id =
      typeof feature.id === 'number' && Number.isSafeInteger(feature.id) && feature.id >= 0
        ? feature.id
        : undefined;
    result.features.push({
      ...(id !== undefined ? { id } : {}),
      type: feature.type === 4 ? 1 : feature.type,
      tags,
      geometry,
    });
  }
  return result.features.length > 0 ? result : undefined;
}

const command = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** MVT geometry commands for a feature; polygon rings cleaned of repeated points, collapsed rings dropped. */
export function encodeGeometry(feature: RawTileFeature): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  const moveTo = (x: number, y: number) => {
    out.push(zigzag(x - cx), zigzag(y - cy));
    cx = x;
    cy = y;
  };
  if (feature.type === 4) {
    out.push(command(1, 1));
    moveTo(feature.x, feature.y);
    return out;
  }
  if (feature.type === 1) {
    const flat = feature.geometry;
    out.push(command(1, flat.length / 2));
    for (let i = 0; i < flat.length; i += 2) moveTo(flat[i] ?? 0, flat[i + 1] ?? 0);
    return out;
  }
  for (const ring of feature.geometry) {
    const points = feature.type === 3 ? distinctRing(ring) : ring;
    const n = points.length / 2;
    if (feature.type === 3 ? n < 3 : n < 2) continue;
    out.push(command(1, 1));
    moveTo(points[0] ?? 0, points[1] ?? 0);
    out.push(command(2, n - 1));
    for (let i = 2; i < points.length; i += 2) moveTo(points[i] ?? 0, points[i + 1] ?? 0);
    if (feature.type === 3) out.push(command(7, 1));
  }
  return out;
}

/** A polygon ring without repeated consecutive points and without its closing point (ClosePath closes it). */
function distinctRing(ring: ArrayLike<number>): number[] {
  const points: number[] = [];
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i] ?? 0;
    const y = ring[i + 1] ?? 0;
    const last = points.length - 2;
    if (last >= 0 && points[last] === x && points[last + 1] === y) continue;
    points.push(x, y);
  }
  if (
    points.length >= 4 &&
    points[0] === points[points.length - 2] &&
    points[1] === points[points.length - 1]
  ) {
    points.length -= 2;
  }
  return points;
}

function writeLayer(layer: EncodedLayer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  for (const feature of layer.features) pbf.writeMessage(2, writeFeature, feature);
  for (const key of layer.keys) pbf.writeStringField(3, key);
  for (const value of layer.values) pbf.writeMessage(4, writeValue, value);
  pbf.writeVarintField(5, TILE_EXTENT);
}

function writeFeature(feature: EncodedFeature, pbf: PbfWriter): void {
  if (feature.id !== undefined) pbf.writeVarintField(1, feature.id);
  pbf.writePackedVarint(2, feature.tags);
  pbf.writeVarintField(3, feature.type);
  pbf.writePackedVarint(4, feature.geometry);
}

function writeValue(value: string | number, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (Number.isInteger(value)) {
    if (value >= 0) pbf.writeVarintField(5, value);
    else pbf.writeSVarintField(6, value);
  } else pbf.writeDoubleField(3, value);
}
