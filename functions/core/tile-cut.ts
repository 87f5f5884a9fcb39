import GeoJSONVT from 'geojson-vt';
import { LOCAL_NAME_PREFIX, type TileProperties } from './area-properties.ts';
import { featureIdForPcode } from './feature-id.ts';
import { areasAtZoom, type BoundaryTopology } from './simplify.ts';
import { encodeTile, joinedProperties, type LayerInput } from './tile-encode.ts';
import type { TileCoord } from './tile-path.ts';
import { bandTop, TILE_BUFFER, TILE_EXTENT, TILESET_MAXZOOM } from './tileset.ts';
import type { AreaProperties, Site } from './types.ts';

/**
 * The geometry of one level for the zoom band of `z` (see `ZOOM_BANDS`), simplified on the shared topology, as a geojson-vt index. Features
 * carry only their P-code (the join happens per tile) and a numeric id stable across rounds.
 */
export function buildGeometryIndex(topology: BoundaryTopology, object: string, z: number): GeoJSONVT {
  const top = bandTop(z);
  const features = areasAtZoom(topology, object, top).map((area) => ({
    ...area,
    id: featureIdForPcode(area.properties.pcode),
    properties: { pcode: area.properties.pcode },
  }));
  // tolerance 0: the topology is already simplified for this zoom, and geojson-vt's own per-ring
  // simplification would pull shared borders apart.
  return new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: top, indexMaxZoom: Math.min(top, 4), tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER },
  );
}

export interface LayerSource {
  name: string;
  index: GeoJSONVT;
  /**
   * Joined properties by key (the feature's `pcode` tag for areas and labels, its `id` tag for sites):
   * the round's figures on the boundary set's areas. Features without an entry are left out.
   */
  properties: ReadonlyMap<string, TileProperties>;
  /** Which tag of the indexed feature is the key into `properties`. */
  key?: 'pcode' | 'id';
  /** Keeps only some indexed features at this zoom (labels of small areas appear later). */
  include?: (tags: Record<string, unknown>) => boolean;
}

/** Cuts and encodes one tile from per-layer geometry indexes and joined properties; `undefined` when empty. */
export function cutTile(layers: readonly LayerSource[], { z, x, y }: TileCoord): Uint8Array | undefined {
  const inputs: LayerInput[] = [];
  const byName = new Map<string, LayerSource>();
  for (const layer of layers) {
    const tile = layer.index.getTile(z, x, y);
    if (!tile) continue;
    inputs.push({ name: layer.name, features: tile.features });
    byName.set(layer.name, layer);
  }
  return encodeTile(inputs, joinedProperties(byName));
}

/** A geojson-vt index of points (labels, sites), each carrying only its key tags. */
export function buildPointIndex(
  points: ReadonlyArray<{ lon: number; lat: number; id?: number; tags: Record<string, string | number> }>,
  maxZoom: number,
): GeoJSONVT {
  return new GeoJSONVT(
    {
      type: 'FeatureCollection',
      features: points.map((point) => ({
        type: 'Feature',
        ...(point.id !== undefined ? { id: point.id } : {}),
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: point.tags,
      })),
    },
    { maxZoom, indexMaxZoom: Math.min(maxZoom, 4), tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER },
  );
}

/** A geojson-vt index of a round's sites: one point each, with a stable numeric id and its id as the key tag. */
export function buildSiteIndex(sites: ReadonlyArray<Pick<Site, 'id' | 'lon' | 'lat'>>): GeoJSONVT {
  return buildPointIndex(
    sites.map((site) => ({
      lon: site.lon,
      lat: site.lat,
      id: featureIdForPcode(site.id),
      tags: { id: site.id },
    })),
    TILESET_MAXZOOM,
  );
}

/** One point per area inside it (its anchor), tagged with its P-code and level, for label placement. */
export function buildLabelIndex(topology: BoundaryTopology): GeoJSONVT {
  const points = [];
  for (const collection of Object.values(topology.objects)) {
    for (const geometry of collection.geometries) {
      const area = geometry.properties as AreaProperties;
      if (!area.anchor) continue;
      points.push({
        lon: area.anchor[0],
        lat: area.anchor[1],
        id: featureIdForPcode(area.pcode),
        tags: { pcode: area.pcode, lvl: area.level },
      });
    }
  }
  return buildPointIndex(points, TILESET_MAXZOOM);
}

/**
 * A label's properties from its area's: name (and its names per language), code, level, status and the main
 * figure when reported.
 */
export function labelProperties(pcode: string, area: TileProperties): TileProperties {
  const label: TileProperties = { pcode, name: area.name as string };
  for (const [key, value] of Object.entries(area)) {
    if (key.startsWith(LOCAL_NAME_PREFIX)) label[key] = value;
  }
  label.level = area.level as string;
  label.status = area.status as string;
  if (area.idps_ind !== undefined) label.idps_ind = area.idps_ind;
  return label;
}
