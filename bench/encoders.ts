/**
 * Encoder bench (issue 11, item 4): the same geojson-vt tiles encoded by the hand-written MVT encoder
 * (bench/raw-mvt-encoder.ts: `getTileRaw()` typed arrays straight into the protobuf) and by the service's
 * path through `@maplibre/vt-pbf` (`getTile()` nested arrays, functions/core/tile-encode.ts), end to end: from the geojson-vt index to gzipped bytes, the join of each feature's properties and
 * the cleaning of collapsed rings included. Mali, Round 72 as the service serves it (adm1–adm3, labels, sites),
 * every tile z0–10 over the country's bounding box. Two measures:
 *   - as served: fresh indexes for every pass (built before timing); each tile is cut once, as the tile
 *     service does before caching it, so geojson-vt's cutting below its index zoom is in the timed path;
 *   - retained tiles: the indexes already hold every tile, so only the two encoding paths differ.
 * Time is the process's CPU time (user + system), not wall time: the machine's 2 cores are shared, and
 * waiting for a core is not work. Passes are interleaved (own, vt-pbf, own…) so what noise remains (caches,
 * frequency) falls on both alike; medians are compared.
 * Run: npm run bench:encoders [passes]   (default 15; tsx --expose-gc so each pass starts from a collected
 * heap; installs nothing, starts the in-process stand-ins and seeds Mali)
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type GeoJSONVT from 'geojson-vt';
import type { TileProperties } from '../functions/core/area-properties.ts';
import { tilesCovering } from '../functions/core/mercator.ts';
import { siteProperties } from '../functions/core/sites.ts';
import {
  buildGeometryIndex,
  buildLabelIndex,
  buildSiteIndex,
  cutTile,
  type LayerSource,
  labelProperties,
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
import type { AdminLevel, RoundMeta, Site } from '../functions/core/types.ts';
import { dataFolder } from '../functions/entry/data-folder.ts';
import { seed } from '../functions/ingest/seed.ts';
import { startStandIns } from '../functions/local/standins.ts';
import { DataService } from '../functions/service/data-service.ts';
import { createDocumentClient, createS3Client } from '../functions/store/clients.ts';
import { DynamoCatalog } from '../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../functions/store/s3-boundaries.ts';
import { findDatasetManifest } from '../geodata/datasets/index.ts';
import { cutTileRaw } from './raw-mvt-encoder.ts';

type Tiles = Array<{ coord: TileCoord; layers: LayerSource[] }>;
type Encode = (layers: readonly LayerSource[], coord: TileCoord) => Uint8Array | undefined;

interface Pass {
  seconds: number;
  bytes: number;
  tiles: number;
}

const PASSES = Number(process.argv[2] ?? 15);
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One pass over every tile: encode, then gzip as the tile service does (level 6). */
function pass(tiles: Tiles, encode: Encode): Pass {
  let bytes = 0;
  let written = 0;
  // Collect the previous pass's garbage (and any index just built) outside the timed part.
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.cpuUsage();
  for (const { coord, layers } of tiles) {
    const pbf = encode(layers, coord);
    if (!pbf) continue;
    bytes += gzipSync(pbf, { level: 6 }).byteLength;
    written++;
  }
  const used = process.cpuUsage(started);
  return { seconds: (used.user + used.system) / 1e6, bytes, tiles: written };
}

/** Interleaved passes (own, vt-pbf, own…); `tiles` gives each pass its tiles (fresh indexes or retained). */
function compare(tiles: () => Tiles) {
  const own: Pass[] = [];
  const vtPbf: Pass[] = [];
  for (let i = 0; i < PASSES; i++) {
    own.push(pass(tiles(), cutTileRaw));
    vtPbf.push(pass(tiles(), cutTile));
  }
  const ownSeconds = median(own.map((p) => p.seconds));
  const vtPbfSeconds = median(vtPbf.map((p) => p.seconds));
  const count = tiles().length;
  return {
    ownTilesPerSecond: Math.round(count / ownSeconds),
    vtPbfTilesPerSecond: Math.round(count / vtPbfSeconds),
    ratio: Number((vtPbfSeconds / ownSeconds).toFixed(2)),
    // Each vt-pbf pass against the own pass just before it: less exposed to slow drifts in the machine's load.
    medianPairRatio: Number(median(own.map((p, i) => (vtPbf[i]?.seconds ?? 0) / p.seconds)).toFixed(2)),
    nonEmpty: own[0]?.tiles,
    ownGzipBytes: own[0]?.bytes,
    vtPbfGzipBytes: vtPbf[0]?.bytes,
    ownRunsMs: own.map((p) => Math.round(p.seconds * 1000)).join(' '),
    vtPbfRunsMs: vtPbf.map((p) => Math.round(p.seconds * 1000)).join(' '),
  };
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DATA_DIR = path.resolve(import.meta.dirname, '..', process.env.DTM_DATA_DIR ?? '../shared/data');
const standIns = await startStandIns();
try {
  const freshTiles = await maliTiles();
  const retained = freshTiles();
  log(`${retained.length} tiles z0–10 over Mali's bounding box; ${PASSES} passes each`);
  // Warm-up: lets the JIT settle on both paths, and has geojson-vt cut and keep every tile of `retained`.
  pass(retained, cutTileRaw);
  pass(retained, cutTile);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    // As served: each tile is cut once, so geojson-vt's cutting below its index zoom (the same for both) is
    // in the timed path; the indexes themselves are built before timing.
    asServed: compare(freshTiles),
    // The indexes already hold every tile: only the encoding paths differ (the bound most in favour of the
    // own encoder).
    retainedTiles: compare(() => retained),
  };
  log(JSON.stringify(results, null, 2));
} finally {
  await standIns.close();
}

/**
 * Every tile z0–10 over Mali's bounding box with the layers the tile service gives `cutTile` for it
 * (`TileService.build`): Round 72 seeded through the project's own preparation and ingest code.
 */
async function maliTiles(): Promise<() => Tiles> {
  const manifest = findDatasetManifest('mli');
  if (!manifest) throw new Error('no mli manifest');
  const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  const boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
  await seed([manifest], dataFolder(DATA_DIR), catalog, boundaries, () => {});
  const data = new DataService(catalog, boundaries);
  const round = await data.round('mli', '72');
  const set = await data.boundarySet(round.boundarySet);
  const areaProperties = new Map<AdminLevel, Map<string, TileProperties>>();
  for (const { level } of set.manifest.levels)
    areaProperties.set(level, await data.areaProperties(round, level, set));
  const sites = siteSource(await data.sites(round), round);
  const labelMap = new Map<string, TileProperties>();
  for (const byPcode of areaProperties.values()) {
    for (const [pcode, props] of byPcode) labelMap.set(pcode, labelProperties(pcode, props));
  }
  return () => everyTile(set, areaProperties, labelMap, sites);
}

/** The tiles of one pass, with fresh geometry indexes (built on first use, as the tile service does). */
function everyTile(
  set: Awaited<ReturnType<DataService['boundarySet']>>,
  areaProperties: Map<AdminLevel, Map<string, TileProperties>>,
  labelMap: Map<string, TileProperties>,
  sites: { list: readonly Site[]; properties: Map<string, TileProperties> },
): Tiles {
  const indexes = new Map<string, GeoJSONVT>();
  const index = (key: string, build: () => GeoJSONVT) => {
    const found = indexes.get(key) ?? build();
    indexes.set(key, found);
    return found;
  };
  const tiles: Tiles = [];
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
        index: index('labels', () => buildLabelIndex(set.topology)),
        properties: labelMap,
        include: (tags) => LABEL_MINZOOM[tags.lvl as AdminLevel] <= z,
      });
    }
    if (z >= SITES_LAYER.minzoom && z <= SITES_LAYER.maxzoom && sites.list.length > 0) {
      layers.push({
        name: SITES_LAYER.name,
        index: index('sites', () => buildSiteIndex(sites.list)),
        properties: sites.properties,
        key: 'id',
      });
    }
    for (const [x, y] of tilesCovering(set.manifest.bbox, z)) tiles.push({ coord: { z, x, y }, layers });
  }
  return tiles;
}

/** Site points (numeric ids from their codes) and their properties, as the tile service builds them. */
function siteSource(siteList: Site[], round: RoundMeta) {
  return {
    list: siteList,
    properties: new Map(siteList.map((site) => [site.id, siteProperties(site, round)])),
  };
}
