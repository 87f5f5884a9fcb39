/**
 * Encoder bench (issue 11, item 4): the same geojson-vt tiles encoded by the project's hand-written MVT encoder
 * (`getTileRaw()` typed arrays straight into the protobuf) and by `@maplibre/vt-pbf` (`getTile()` nested
 * arrays), end to end: from the geojson-vt index to gzipped bytes, the join of each feature's properties and
 * the cleaning of collapsed rings included. Mali, Round 72 as the service serves it (adm1–adm3, labels, sites
 * when the round has any), every tile z0–10 over the country's bounding box.
 *
 * The indexes are built and every tile is cut once before timing (both paths then read the same retained
 * tiles), so only what differs between the two paths is timed. Passes are interleaved (own, vt-pbf, own…)
 * so the machine's noise falls on both alike; medians are compared.
 * Run: npm run bench:encoders [passes]   (default 7; installs nothing, starts the in-process stand-ins)
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type GeoJSONVT from 'geojson-vt';
import type { TileProperties } from '../functions/core/area-properties.ts';
import { featureIdForPcode } from '../functions/core/feature-id.ts';
import { tilesCovering } from '../functions/core/mercator.ts';
import { siteProperties } from '../functions/core/sites.ts';
import {
  buildGeometryIndex,
  buildPointIndex,
  cutTile,
  type LayerSource,
} from '../functions/core/tile-cut.ts';
import type { TileCoord } from '../functions/core/tile-path.ts';
import {
  bandTop,
  LABEL_MINZOOM,
  LABELS_LAYER,
  layersAtZoom,
  SITES_LAYER,
  TILESET_MAXZOOM,
} from '../functions/core/tileset.ts';
import type { AdminLevel, AreaProperties } from '../functions/core/types.ts';
import { seed } from '../functions/local/seed.ts';
import { startStandIns } from '../functions/local/standins.ts';
import { DataService } from '../functions/service/data-service.ts';
import { createDocumentClient, createS3Client } from '../functions/store/clients.ts';
import { DynamoCatalog } from '../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../functions/store/s3-boundaries.ts';
import { findDatasetManifest } from '../geodata/datasets/index.ts';
import { cutTileWithVtPbf } from '../test/helpers/vt-pbf-reference.ts';

type Encode = (layers: readonly LayerSource[], coord: TileCoord) => Uint8Array | undefined;

interface Pass {
  seconds: number;
  bytes: number;
  tiles: number;
}

const PASSES = Number(process.argv[2] ?? 7);
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One pass over every tile: encode, then gzip as the tile service does (level 6). */
function pass(tiles: ReadonlyArray<{ coord: TileCoord; layers: LayerSource[] }>, encode: Encode): Pass {
  let bytes = 0;
  let written = 0;
  const started = performance.now();
  for (const { coord, layers } of tiles) {
    const pbf = encode(layers, coord);
    if (!pbf) continue;
    bytes += gzipSync(pbf, { level: 6 }).byteLength;
    written++;
  }
  return { seconds: (performance.now() - started) / 1000, bytes, tiles: written };
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATA_DIR = path.resolve(import.meta.dirname, '..', process.env.DTM_DATA_DIR ?? '../shared/data');
const standIns = await startStandIns();
try {
  const tiles = await maliTiles();
  log(`${tiles.length} tiles z0–10 over Mali's bounding box`);
  // Warm-up: geojson-vt cuts the tiles below its index zoom on first request and keeps them; both paths
  // then read the same stored tiles. It also lets the JIT settle on both.
  pass(tiles, cutTile);
  pass(tiles, cutTileWithVtPbf);
  const own: Pass[] = [];
  const vtPbf: Pass[] = [];
  for (let i = 0; i < PASSES; i++) {
    own.push(pass(tiles, cutTile));
    vtPbf.push(pass(tiles, cutTileWithVtPbf));
  }
  const ownSeconds = median(own.map((p) => p.seconds));
  const vtPbfSeconds = median(vtPbf.map((p) => p.seconds));
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    tiles: tiles.length,
    nonEmpty: own[0]?.tiles,
    passes: PASSES,
    ownTilesPerSecond: Math.round(tiles.length / ownSeconds),
    vtPbfTilesPerSecond: Math.round(tiles.length / vtPbfSeconds),
    ownGzipBytes: own[0]?.bytes,
    vtPbfGzipBytes: vtPbf[0]?.bytes,
    ratio: Number((vtPbfSeconds / ownSeconds).toFixed(2)),
    ownRunsMs: own.map((p) => Math.round(p.seconds * 1000)),
    vtPbfRunsMs: vtPbf.map((p) => Math.round(p.seconds * 1000)),
  };
  log(JSON.stringify(results, null, 2));
} finally {
  await standIns.close();
}

/**
 * Every tile z0–10 over Mali's bounding box with the layers the tile service gives `cutTile` for it
 * (`TileService.build`): Round 72 seeded through the project's own preparation and ingest code.
 */
async function maliTiles(): Promise<Array<{ coord: TileCoord; layers: LayerSource[] }>> {
  const manifest = findDatasetManifest('mli');
  if (!manifest) throw new Error('no mli manifest');
  const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  const boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
  await seed([manifest], DATA_DIR, catalog, boundaries, () => {});
  const data = new DataService(catalog, boundaries);
  const round = await data.round('mli', '72');
  const set = await data.boundarySet(round.boundarySet);
  const areaProperties = new Map<AdminLevel, Map<string, TileProperties>>();
  for (const { level } of set.manifest.levels)
    areaProperties.set(level, await data.areaProperties(round, level, set));
  const sites = await data.sites(round);
  const indexes = new Map<string, GeoJSONVT>();
  const index = (key: string, build: () => GeoJSONVT) => {
    const found = indexes.get(key) ?? build();
    indexes.set(key, found);
    return found;
  };
  const labels = labelSources(set.topology.objects, areaProperties);
  const tiles = [];
  for (let z = 0; z <= TILESET_MAXZOOM; z++) {
    const layers: LayerSource[] = layersAtZoom(z)
      .filter((layer) => areaProperties.has(layer.level))
      .map((layer) => ({
        name: layer.name,
        index: index(`${layer.name}/${bandTop(z)}`, () => buildGeometryIndex(set.topology, layer.name, z)),
        properties: areaProperties.get(layer.level) as Map<string, TileProperties>,
      }));
    if (z >= LABELS_LAYER.minzoom && z <= LABELS_LAYER.maxzoom) {
      layers.push({
        name: LABELS_LAYER.name,
        index: index('labels', () => buildPointIndex(labels.points, TILESET_MAXZOOM)),
        properties: labels.properties,
        include: (tags) => LABEL_MINZOOM[tags.lvl as AdminLevel] <= z,
      });
    }
    if (z >= SITES_LAYER.minzoom && z <= SITES_LAYER.maxzoom && sites.length > 0) {
      const points = sites.map((s) => ({
        lon: s.lon,
        lat: s.lat,
        id: featureIdForPcode(s.id),
        tags: { id: s.id },
      }));
      layers.push({
        name: SITES_LAYER.name,
        index: index('sites', () => buildPointIndex(points, TILESET_MAXZOOM)),
        properties: new Map(sites.map((site) => [site.id, siteProperties(site, round)])),
        key: 'id',
      });
    }
    for (const [x, y] of tilesCovering(set.manifest.bbox, z)) tiles.push({ coord: { z, x, y }, layers });
  }
  return tiles;
}

/** Label points (each area's anchor) and label properties, as the tile service builds them. */
function labelSources(
  objects: Record<string, { geometries: Array<{ properties?: unknown }> }>,
  areaProperties: Map<AdminLevel, Map<string, TileProperties>>,
) {
  const points = [];
  for (const collection of Object.values(objects)) {
    for (const geometry of collection.geometries) {
      const area = geometry.properties as AreaProperties;
      if (!area.anchor) continue;
      const [lon, lat] = area.anchor;
      points.push({
        lon,
        lat,
        id: featureIdForPcode(area.pcode),
        tags: { pcode: area.pcode, lvl: area.level },
      });
    }
  }
  const properties = new Map<string, TileProperties>();
  for (const byPcode of areaProperties.values()) {
    for (const [pcode, props] of byPcode) {
      const label: TileProperties = {
        pcode,
        name: props.name as string,
        level: props.level as string,
        status: props.status as string,
      };
      if (props.idps_ind !== undefined) label.idps_ind = props.idps_ind;
      properties.set(pcode, label);
    }
  }
  return { points, properties };
}
