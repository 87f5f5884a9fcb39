import { createHash } from 'node:crypto';
import { brotliCompressSync, gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type GeoJSONVT from 'geojson-vt';
import type { TileProperties } from '../core/area-properties.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { tilesCovering } from '../core/mercator.ts';
import { BOUNDARIES_ONLY, LATEST } from '../core/rounds.ts';
import { siteProperties } from '../core/sites.ts';
import {
  buildGeometryIndex,
  buildLabelIndex,
  buildSiteIndex,
  cutTile,
  type LayerSource,
  labelProperties,
} from '../core/tile-cut.ts';
import type { TileCoord } from '../core/tile-path.ts';
import { bandTop, LABEL_MINZOOM, LABELS_LAYER, layersAtZoom, SITES_LAYER } from '../core/tileset.ts';
import type { AdminLevel, RoundMeta } from '../core/types.ts';
import { asyncCache } from './cached.ts';
import type { DataService } from './data-service.ts';
import { DEFAULT_INDEX_CACHE_BYTES, estimateIndexBytes } from './index-bytes.ts';

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The body of a tile in an encoding. Brotli is made on first request and kept with the tile (it is slower
 * to compress than gzip, and only worth it once a tile is asked for again).
 */
export function tileBody(tile: EncodedTile, encoding: Encoding): Buffer<ArrayBuffer> {
  if (!tile.gzip) return Buffer.alloc(0);
  if (encoding === 'gzip') return tile.gzip;
  const raw = gunzipSync(tile.gzip);
  if (encoding === 'identity') return raw;
  tile.br ??= brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } });
  return tile.br;
}

/** An encoded tile: gzip bytes and a strong validator, or nothing for an empty tile. */
export interface EncodedTile {
  round: RoundMeta;
  /** The data version the tile was cut from (see `DataService.dataVersion`). */
  version: string;
  /** Gzipped MVT; absent when the tile has no feature. */
  gzip?: Buffer<ArrayBuffer>;
  /** Brotli MVT, made on first request for it. */
  br?: Buffer<ArrayBuffer>;
  /** Hash of the uncompressed tile, the base of the ETag. */
  hash: string;
}

export interface TileServiceOptions {
  /** Bound on the bytes of encoded tiles kept in memory. */
  tileCacheBytes?: number;
  /**
   * Bound on the estimated bytes of built geometry indexes (areas, labels, sites) kept in memory, least
   * recently used first out; by default `DEFAULT_INDEX_CACHE_BYTES`. An evicted index is rebuilt on its next
   * use; one larger than the whole bound is built for the requests waiting on it and not kept.
   */
  indexCacheBytes?: number;
}

/**
 * Serves vector tiles: geometry indexes per (boundary-set version, level, zoom band) are shared by every round
 * on that set, and the round's figures are joined per feature when a tile is cut. Encoded tiles are cached by
 * round and boundary versions, so a published change is a new key, never a stale entry. Both caches are
 * bounded by bytes, so one process can serve any number of datasets: the indexes of the least recently
 * viewed ones are dropped and rebuilt when they are viewed again.
 */
export class TileService {
  private readonly indexes;
  private readonly tiles;

  constructor(
    private readonly data: DataService,
    options: TileServiceOptions = {},
  ) {
    // Concurrent requests for an index not yet built share one build (`asyncCache`).
    this.indexes = asyncCache<GeoJSONVT>({
      maxSize: options.indexCacheBytes ?? DEFAULT_INDEX_CACHE_BYTES,
      size: (index) => estimateIndexBytes(index as GeoJSONVT),
    });
    this.tiles = asyncCache<EncodedTile>({
      maxSize: options.tileCacheBytes ?? 64 * 1024 * 1024,
      size: (tile) => ((tile as EncodedTile).gzip?.byteLength ?? 0) + 200,
    });
  }

  async tile(dataset: string, roundRef: string, coord: TileCoord): Promise<EncodedTile> {
    const round = await this.data.round(dataset, roundRef);
    // One boundary-set version for the whole tile: geometry, properties and cache key agree even while the
    // set is being replaced.
    const set = await this.data.boundarySet(round.boundarySet);
    const version = await this.data.dataVersion(round, set);
    return this.tiles.get(tileKey(round, version, coord), async () => ({
      round,
      version,
      ...(await this.build(round, coord, set)),
    }));
  }

  /**
   * The tile if it is already encoded and the metadata that names it is fresh, found synchronously (see
   * `DataService.peekDataVersion`); undefined otherwise, and `tile()` then does the work.
   */
  peek(dataset: string, roundRef: string, coord: TileCoord): EncodedTile | undefined {
    const resolved = this.data.peekDataVersion(dataset, roundRef);
    return resolved && this.tiles.peek(tileKey(resolved.round, resolved.version, coord));
  }

  /** Geometry indexes held now and their estimated bytes (see `estimateIndexBytes`). */
  indexCacheStats(): { entries: number; bytes: number } {
    const { entries, size } = this.indexes.stats();
    return { entries, bytes: size };
  }

  /**
   * Pre-builds what the first view of each dataset's newest round needs (every tile up to `maxZoom` over its
   * boundaries, which builds the low-zoom geometry indexes on the way), so the first visitor after a cold
   * start does not wait for them. Failures are left to the requests that follow.
   */
  async warm(maxZoom = 5): Promise<number> {
    let built = 0;
    for (const dataset of await this.data.listDatasets()) {
      // A dataset with no round yet shows its boundaries alone (a fresh clone).
      const ref = (await this.data.rounds(dataset.id)).length > 0 ? LATEST : BOUNDARIES_ONLY;
      const round = await this.data.round(dataset.id, ref);
      const { manifest } = await this.data.boundarySet(round.boundarySet);
      for (let z = 0; z <= maxZoom; z++) {
        for (const [x, y] of tilesCovering(manifest.bbox, z)) {
          await this.tile(dataset.id, round.key, { z, x, y });
          built++;
        }
      }
    }
    return built;
  }

  private async build(
    round: RoundMeta,
    coord: TileCoord,
    set: PreparedBoundarySet,
  ): Promise<Omit<EncodedTile, 'round' | 'version'>> {
    const setKey = `${set.manifest.id}@${set.manifest.version}`;
    const levels = set.manifest.levels.map((l) => l.level);
    const layers: LayerSource[] = await Promise.all(
      layersAtZoom(coord.z)
        .filter((layer) => levels.includes(layer.level))
        .map(async (layer) => ({
          name: layer.name,
          index: await this.indexes.get(`${setKey}/${layer.name}/${bandTop(coord.z)}`, async () =>
            buildGeometryIndex(set.topology, layer.name, coord.z),
          ),
          properties: await this.data.areaProperties(round, layer.level, set),
        })),
    );
    if (coord.z >= LABELS_LAYER.minzoom && coord.z <= LABELS_LAYER.maxzoom) {
      layers.push({
        name: LABELS_LAYER.name,
        index: await this.indexes.get(`${setKey}/labels`, async () => buildLabelIndex(set.topology)),
        properties: await this.labelProperties(round, levels, set),
        include: (tags) => LABEL_MINZOOM[tags.lvl as AdminLevel] <= coord.z,
      });
    }
    if (coord.z >= SITES_LAYER.minzoom && coord.z <= SITES_LAYER.maxzoom) {
      const sites = await this.data.sites(round);
      if (sites.length > 0) {
        const roundKey = `${round.dataset}/${round.key}@${round.version}`;
        layers.push({
          name: SITES_LAYER.name,
          index: await this.indexes.get(`${roundKey}/sites`, async () => buildSiteIndex(sites)),
          properties: new Map(sites.map((site) => [site.id, siteProperties(site, round)])),
          key: 'id',
        });
      }
    }
    const pbf = cutTile(layers, coord);
    if (!pbf) return { hash: 'empty' };
    const hash = createHash('sha256').update(pbf).digest('base64url').slice(0, 27);
    return { gzip: gzipSync(pbf, { level: 6 }), hash };
  }

  /** Label properties of every area of the set: name, code, level and the main figure. */
  private async labelProperties(
    round: RoundMeta,
    levels: AdminLevel[],
    set: PreparedBoundarySet,
  ): Promise<Map<string, TileProperties>> {
    const result = new Map<string, TileProperties>();
    for (const level of levels) {
      for (const [pcode, props] of await this.data.areaProperties(round, level, set)) {
        result.set(pcode, labelProperties(pcode, props));
      }
    }
    return result;
  }
}

/** Cache key of an encoded tile: the round at one data version, and the tile's coordinates. */
function tileKey(round: RoundMeta, version: string, coord: TileCoord): string {
  return `${round.dataset}/${round.key}@${version}/${coord.z}/${coord.x}/${coord.y}`;
}
