/**
 * The hand-written MVT encoder the tile path used until issue 11 (formerly functions/core/tile-encode.ts), kept
 * only as the measured alternative of `npm run bench:encoders`: it writes from geojson-vt's raw typed arrays
 * (`getTileRaw()`) straight into the protobuf. Measured at 1.23× the CPU speed of the vt-pbf path end to end
 * with gzip (1.2–1.3× over three runs), short of the 1.3× asked to keep it, so the service uses vt-pbf
 * (functions/core/tile-encode.ts). test/integration/encoder-reference.test.ts holds the two to the same decoded
 * tiles on every Mali tile, so the bench compares like with like. Only bench/ and tests import this file.
 */

import { PbfWriter } from 'pbf';
import type { LayerSource } from '../functions/core/tile-cut.ts';
import { joinedProperties } from '../functions/core/tile-encode.ts';
import type { TileCoord } from '../functions/core/tile-path.ts';
import { TILE_EXTENT } from '../functions/core/tileset.ts';

/** `cutTile` as it was with this encoder: `getTileRaw()` per layer, the same join and filters. */
export function cutTileRaw(layers: readonly LayerSource[], { z, x, y }: TileCoord): Uint8Array | undefined {
  const inputs: LayerInput[] = [];
  const byName = new Map<string, LayerSource>();
  for (const layer of layers) {
    const tile = layer.index.getTileRaw(z, x, y);
    if (!tile) continue;
    inputs.push({ name: layer.name, features: tile.features as readonly RawTileFeature[] });
    byName.set(layer.name, layer);
  }
  return encodeRawTile(inputs, joinedProperties(byName));
}

/**
 * A feature as geojson-vt stores it (`getTileRaw()`): flat typed coordinate arrays in tile units, one per
 * ring; a lone point inline (type 4).
 */
type RawTileFeature = {
  id?: number | string;
  tags: Record<string, unknown> | null | undefined;
} & (
  | { type: 4; x: number; y: number }
  | { type: 1; geometry: ArrayLike<number> }
  | { type: 2 | 3; geometry: ArrayLike<number>[] }
);

interface LayerInput {
  name: string;
  features: readonly RawTileFeature[];
}

type Properties = Record<string, string | number>;

/**
 * Encodes layers as a Mapbox Vector Tile (spec 2.1: layer version 2, extent 4096). Returns `undefined` when
 * no layer has a feature (the HTTP layer answers 204). `properties` gives each feature's attributes from its
 * indexed tags; features it returns `undefined` for are left out. Consecutive points that fell on the same tile
 * unit are merged and rings that collapse are dropped.
 * Numbers are written as `uint`/`sint` when whole, `double` otherwise; `null`/`undefined` values are never
 * written.
 */
export function encodeRawTile(
  layers: readonly LayerInput[],
  properties: (layer: string, tags: Record<string, unknown>) => Properties | undefined,
): Uint8Array | undefined {
  const pbf = new PbfWriter();
  let written = 0;
  for (const layer of layers) {
    const start = pbf.pos;
    const state: LayerState = { layer, properties, features: 0 };
    pbf.writeMessage(3, writeLayer, state);
    if (state.features === 0)
      pbf.pos = start; // nothing kept: take the layer back out
    else written++;
  }
  return written > 0 ? pbf.finish() : undefined;
}

/* Features are written straight into the protobuf as they are read, with no intermediate arrays. */

interface LayerState {
  layer: LayerInput;
  properties: (layer: string, tags: Record<string, unknown>) => Properties | undefined;
  features: number;
}

interface FeatureState {
  feature: RawTileFeature;
  props: Properties;
  keys: Map<string, number>;
  values: Map<string | number, number>;
  keyList: string[];
  valueList: Array<string | number>;
}

function writeLayer(state: LayerState, pbf: PbfWriter): void {
  const { layer } = state;
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const current: FeatureState = {
    feature: undefined as unknown as RawTileFeature,
    props: {},
    keys: new Map(),
    // Keyed by the value itself: a Map tells 1 from "1" (SameValueZero), so no type-tagged key strings.
    values: new Map(),
    keyList: [],
    valueList: [],
  };
  for (const feature of layer.features) {
    const props = state.properties(layer.name, feature.tags ?? {});
    if (!props || !hasGeometry(feature)) continue;
    current.feature = feature;
    current.props = props;
    pbf.writeMessage(2, writeFeature, current);
    state.features++;
  }
  for (const key of current.keyList) pbf.writeStringField(3, key);
  for (const value of current.valueList) pbf.writeMessage(4, writeValue, value);
  pbf.writeVarintField(5, TILE_EXTENT);
}

function writeFeature(state: FeatureState, pbf: PbfWriter): void {
  const { feature } = state;
  if (typeof feature.id === 'number' && Number.isSafeInteger(feature.id) && feature.id >= 0)
    pbf.writeVarintField(1, feature.id);
  pbf.writeMessage(2, writeTags, state);
  pbf.writeVarintField(3, feature.type === 4 ? 1 : feature.type);
  pbf.writeMessage(4, writeGeometry, feature);
}

/** Packed key/value index pairs; keys and values are shared by the layer's features. */
function writeTags(state: FeatureState, pbf: PbfWriter): void {
  const { props } = state;
  for (const key in props) {
    const value = props[key];
    if (value === undefined || value === null) continue;
    let k = state.keys.get(key);
    if (k === undefined) {
      k = state.keyList.push(key) - 1;
      state.keys.set(key, k);
    }
    let v = state.values.get(value);
    if (v === undefined) {
      v = state.valueList.push(value) - 1;
      state.values.set(value, v);
    }
    pbf.writeVarint(k);
    pbf.writeVarint(v);
  }
}

const command = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** Whether any part of the feature survives encoding (polygon rings of three or more distinct points). */
function hasGeometry(feature: RawTileFeature): boolean {
  if (feature.type === 4 || feature.type === 1) return true;
  for (const ring of feature.geometry) {
    if (keptPoints(ring, feature.type === 3) >= (feature.type === 3 ? 3 : 2)) return true;
  }
  return false;
}

/**
 * How many points of a ring are written: for polygons, repeated consecutive points are skipped and the
 * closing point is left to ClosePath.
 */
function keptPoints(ring: ArrayLike<number>, polygon: boolean): number {
  const length = ring.length;
  if (!polygon) return length / 2;
  let count = 0;
  let px = Number.NaN;
  let py = Number.NaN;
  for (let i = 0; i < length; i += 2) {
    const x = ring[i] as number;
    const y = ring[i + 1] as number;
    if (x === px && y === py) continue;
    count++;
    px = x;
    py = y;
  }
  if (count >= 2 && px === ring[0] && py === ring[1]) count--;
  return count;
}

/** MVT geometry commands (MoveTo, LineTo, ClosePath) with zigzag deltas; collapsed polygon rings dropped. */
function writeGeometry(feature: RawTileFeature, pbf: PbfWriter): void {
  if (feature.type === 4) {
    pbf.writeVarint(command(1, 1));
    pbf.writeVarint(zigzag(feature.x));
    pbf.writeVarint(zigzag(feature.y));
    return;
  }
  let cx = 0;
  let cy = 0;
  if (feature.type === 1) {
    const flat = feature.geometry;
    pbf.writeVarint(command(1, flat.length / 2));
    for (let i = 0; i < flat.length; i += 2) {
      const x = flat[i] as number;
      const y = flat[i + 1] as number;
      pbf.writeVarint(zigzag(x - cx));
      pbf.writeVarint(zigzag(y - cy));
      cx = x;
      cy = y;
    }
    return;
  }
  const polygon = feature.type === 3;
  for (const ring of feature.geometry) {
    const n = keptPoints(ring, polygon);
    if (polygon ? n < 3 : n < 2) continue;
    let written = 0;
    let px = Number.NaN;
    let py = Number.NaN;
    for (let i = 0; written < n; i += 2) {
      const x = ring[i] as number;
      const y = ring[i + 1] as number;
      if (polygon && x === px && y === py) continue;
      if (written === 0) pbf.writeVarint(command(1, 1));
      else if (written === 1) pbf.writeVarint(command(2, n - 1));
      pbf.writeVarint(zigzag(x - cx));
      pbf.writeVarint(zigzag(y - cy));
      cx = x;
      cy = y;
      px = x;
      py = y;
      written++;
    }
    if (polygon) pbf.writeVarint(command(7, 1));
  }
}

function writeValue(value: string | number, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (Number.isInteger(value)) {
    if (value >= 0) pbf.writeVarintField(5, value);
    else pbf.writeSVarintField(6, value);
  } else pbf.writeDoubleField(3, value);
}
