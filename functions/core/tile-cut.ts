import GeoJSONVT from 'geojson-vt';
import type { TileProperties } from './area-properties.ts';
import { featureIdForPcode } from './feature-id.ts';
import { areasAtZoom, type BoundaryTopology } from './simplify.ts';
import { encodeTile, type LayerInput, type TileFeatureInput } from './tile-encode.ts';
import type { TileCoord } from './tile-path.ts';
import { TILE_BUFFER, TILE_EXTENT } from './tileset.ts';

/**
 * The geometry of one level at one zoom, simplified on the shared topology, as a geojson-vt index. Features
 * carry only their P-code (the join happens per tile) and a numeric id stable across rounds.
 */
export function buildGeometryIndex(topology: BoundaryTopology, object: string, z: number): GeoJSONVT {
  const features = areasAtZoom(topology, object, z).map((area) => ({
    ...area,
    id: featureIdForPcode(area.properties.pcode),
    properties: { pcode: area.properties.pcode },
  }));
  // tolerance 0: the topology is already simplified for this zoom, and geojson-vt's own per-ring
  // simplification would pull shared borders apart.
  return new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: z, indexMaxZoom: Math.min(z, 4), tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER },
  );
}

export interface LayerSource {
  name: string;
  index: GeoJSONVT;
  /** Joined properties by P-code: the round's figures on the boundary set's areas. */
  properties: ReadonlyMap<string, TileProperties>;
}

/** Cuts and encodes one tile from per-layer geometry indexes and joined properties; `undefined` when empty. */
export function cutTile(layers: readonly LayerSource[], { z, x, y }: TileCoord): Uint8Array | undefined {
  const inputs: LayerInput[] = [];
  const byName = new Map<string, ReadonlyMap<string, TileProperties>>();
  for (const layer of layers) {
    const tile = layer.index.getTile(z, x, y);
    if (!tile) continue;
    inputs.push({ name: layer.name, features: tile.features as TileFeatureInput[] });
    byName.set(layer.name, layer.properties);
  }
  return encodeTile(inputs, (layer, feature) => {
    const pcode = feature.tags?.pcode;
    return typeof pcode === 'string' ? byName.get(layer)?.get(pcode) : undefined;
  });
}
