import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { SqlJsStatic } from 'sql.js';
import { nameLanguages } from '../core/area-properties.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { tilesCovering } from '../core/mercator.ts';
import { mbtilesMetadata, type PackFormat, packKey, pmtilesMetadata } from '../core/pack-metadata.ts';
import { writeArchive } from '../core/pmtiles/archive.ts';
import { COMPRESSION, TILE_TYPE } from '../core/pmtiles/header.ts';
import { urls } from '../core/routes.ts';
import { buildStyle } from '../core/style.ts';
import { buildTileJson } from '../core/tilejson.ts';
import { AREA_LAYERS, TILESET_MAXZOOM, TILESET_MINZOOM } from '../core/tileset.ts';
import type { AreaProperties, RoundMeta } from '../core/types.ts';
import type { PackStore } from '../store/ports.ts';
import { asyncCache } from './cached.ts';
import type { DataService } from './data-service.ts';
import { type PackTile, writeMbtiles } from './mbtiles.ts';
import type { TileService } from './tile-service.ts';

export const PACK_CONTENT_TYPES: Record<PackFormat, string> = {
  pmtiles: 'application/vnd.pmtiles',
  mbtiles: 'application/vnd.sqlite3',
};

/** A built pack as the HTTP layer serves it. */
export interface Pack {
  round: RoundMeta;
  format: PackFormat;
  /** The data version its tiles were cut from (the base of its ETag). */
  version: string;
  bytes: Uint8Array;
  /** Names one build: the same id on two answers means the second did not build again. */
  buildId: string;
}

export interface PackServiceOptions {
  store: PackStore;
  /** sql.js, loaded once by the entry point (it knows where the WebAssembly file is, locally and on Lambda). */
  sql: () => Promise<SqlJsStatic>;
  /** Bound on the bytes of packs kept in memory for the Range requests that follow a first read. */
  memoryBytes?: number;
}

/**
 * Offline packs: every tile of a round z0–10 that holds features, as the tile service encodes them (the same
 * gzipped bytes the tile URLs serve), written as PMTiles v3 or MBTiles. Built on first request, stored by data
 * version in the pack store, and kept in memory for the byte-range reads a PMTiles client makes. Concurrent
 * requests for one pack share one build (and one store read).
 */
export class PackService {
  private readonly packs;

  constructor(
    private readonly data: DataService,
    private readonly tiles: TileService,
    private readonly options: PackServiceOptions,
  ) {
    this.packs = asyncCache<Pack>({
      maxSize: options.memoryBytes ?? 128 * 1024 * 1024,
      size: (pack) => (pack as Pack).bytes.byteLength,
    });
  }

  async pack(dataset: string, roundRef: string, format: PackFormat): Promise<Pack> {
    const round = await this.data.round(dataset, roundRef);
    const set = await this.data.boundarySet(round.boundarySet);
    const version = await this.data.dataVersion(round, set);
    const key = packKey(dataset, round.key, version, format);
    return this.packs.get(key, async () => {
      const stored = await this.options.store.get(key);
      if (stored)
        return { round, format, version, bytes: stored.bytes, buildId: stored.metadata['build-id'] ?? '' };
      const started = Date.now();
      const tiles = await this.collectTiles(round, set);
      const bytes = await this.write(format, round, set, version, tiles);
      const buildId = randomUUID();
      await this.options.store.put(
        key,
        {
          bytes,
          metadata: {
            'build-id': buildId,
            'build-ms': String(Date.now() - started),
            tiles: String(tiles.length),
          },
        },
        PACK_CONTENT_TYPES[format],
      );
      return { round, format, version, bytes, buildId };
    });
  }

  /**
   * Every tile z0–10 holding a feature. Candidates are the tiles covering the boundary set's bounding box
   * (with the round's sites) and one tile around it, for features that reach a neighbour's buffer: a few
   * thousand for a country, against 1.4 million tiles z0–10 worldwide. Not pruned by an empty parent: a ring
   * too small for a low zoom's grid is dropped there and drawn again one zoom down.
   */
  private async collectTiles(round: RoundMeta, set: PreparedBoundarySet): Promise<PackTile[]> {
    const bbox = [...set.manifest.bbox] as [number, number, number, number];
    for (const site of await this.data.sites(round)) {
      bbox[0] = Math.min(bbox[0], site.lon);
      bbox[1] = Math.min(bbox[1], site.lat);
      bbox[2] = Math.max(bbox[2], site.lon);
      bbox[3] = Math.max(bbox[3], site.lat);
    }
    const result: PackTile[] = [];
    for (let z = TILESET_MINZOOM; z <= TILESET_MAXZOOM; z++) {
      for (const [x, y] of withNeighbours(tilesCovering(bbox, z), z)) {
        const tile = await this.tiles.tile(round.dataset, round.key, { z, x, y });
        if (tile.gzip) result.push({ z, x, y, gzip: tile.gzip });
      }
    }
    return result;
  }

  private async write(
    format: PackFormat,
    round: RoundMeta,
    set: PreparedBoundarySet,
    version: string,
    tiles: PackTile[],
  ): Promise<Uint8Array> {
    const tilejson = await this.tileJson(round, set);
    if (format === 'mbtiles') {
      const style = await this.qgisStyle(round, set);
      return writeMbtiles(await this.options.sql(), tiles, mbtilesMetadata(tilejson, version, style));
    }
    return writeArchive({
      tiles: tiles.map((tile) => ({ z: tile.z, x: tile.x, y: tile.y, data: tile.gzip })),
      metadata: pmtilesMetadata(tilejson, version),
      tileCompression: COMPRESSION.gzip,
      tileType: TILE_TYPE.mvt,
      minZoom: TILESET_MINZOOM,
      maxZoom: TILESET_MAXZOOM,
      bounds: tilejson.bounds,
      center: tilejson.center,
      gzip: (bytes) => gzipSync(bytes, { level: 9 }),
    });
  }

  /** The round's TileJSON as the service hands it out, without tile URLs' origin (a pack has none). */
  private async tileJson(round: RoundMeta, set: PreparedBoundarySet) {
    const [dataset, sites] = await Promise.all([this.data.dataset(round.dataset), this.data.sites(round)]);
    const languages = nameLanguages(
      Object.values(set.topology.objects).flatMap((object) =>
        object.geometries.map((geometry) => geometry.properties as AreaProperties),
      ),
    );
    return buildTileJson('', dataset, round, round.key, set.manifest, sites.length > 0, languages);
  }

  /** The QGIS-flavoured style of the round's IDPs, as `/styles/…/style.json?flavor=qgis` gives it. */
  private async qgisStyle(round: RoundMeta, set: PreparedBoundarySet): Promise<Record<string, unknown>> {
    const [dataset, sites] = await Promise.all([this.data.dataset(round.dataset), this.data.sites(round)]);
    const valuesByLevel: Record<string, Array<number | undefined>> = {};
    for (const layer of AREA_LAYERS) {
      if (!set.manifest.levels.some((l) => l.level === layer.level)) continue;
      valuesByLevel[layer.name] = [...(await this.data.areaProperties(round, layer.level, set)).values()].map(
        (props) => (typeof props.idps_ind === 'number' ? props.idps_ind : undefined),
      );
    }
    return buildStyle({
      dataset,
      round,
      tileJsonUrl: urls.tileJson('', round.dataset, round.key),
      indicator: 'idps_ind',
      lang: 'en',
      flavor: 'qgis',
      valuesByLevel,
      hasSites: sites.length > 0,
      levels: set.manifest.levels.map((l) => l.object),
    });
  }
}

/** The tiles given and every tile next to one of them, within the zoom's grid. */
function withNeighbours(tiles: Array<[number, number]>, z: number): Array<[number, number]> {
  const n = 2 ** z;
  const seen = new Set<number>();
  const result: Array<[number, number]> = [];
  for (const [x, y] of tiles)
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= n || ny >= n || seen.has(nx * n + ny)) continue;
        seen.add(nx * n + ny);
        result.push([nx, ny]);
      }
  return result.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
