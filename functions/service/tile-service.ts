import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type GeoJSONVT from 'geojson-vt';
import { buildGeometryIndex, cutTile, type LayerSource } from '../core/tile-cut.ts';
import type { TileCoord } from '../core/tile-path.ts';
import { layersAtZoom } from '../core/tileset.ts';
import type { RoundMeta } from '../core/types.ts';
import type { Atlas } from './atlas.ts';
import { asyncCache } from './cached.ts';

/** An encoded tile: gzip bytes and a strong validator, or nothing for an empty tile. */
export interface EncodedTile {
  round: RoundMeta;
  /** Gzipped MVT; absent when the tile has no feature. */
  gzip?: Buffer;
  /** Hash of the uncompressed tile, the base of the ETag. */
  hash: string;
}

export interface TileServiceOptions {
  /** Bound on the bytes of encoded tiles kept in memory. */
  tileCacheBytes?: number;
}

/**
 * Serves vector tiles: geometry indexes per (boundary-set version, level, zoom) are shared by every round on
 * that set, and the round's figures are joined per feature when a tile is cut. Encoded tiles are cached by
 * round and boundary versions, so a published change is a new key, never a stale entry.
 */
export class TileService {
  private readonly indexes = asyncCache<GeoJSONVT>({ max: 96 });
  private readonly tiles;

  constructor(
    private readonly atlas: Atlas,
    options: TileServiceOptions = {},
  ) {
    this.tiles = asyncCache<EncodedTile>({
      maxSize: options.tileCacheBytes ?? 64 * 1024 * 1024,
      size: (tile) => ((tile as EncodedTile).gzip?.byteLength ?? 0) + 200,
    });
  }

  async tile(dataset: string, roundRef: string, coord: TileCoord): Promise<EncodedTile> {
    const round = await this.atlas.round(dataset, roundRef);
    const { manifest } = await this.atlas.boundarySet(round.boundarySet);
    const key = `${round.dataset}/${round.key}@${round.version}/${manifest.version}/${coord.z}/${coord.x}/${coord.y}`;
    return this.tiles.get(key, async () => ({ round, ...(await this.build(round, coord)) }));
  }

  private async build(round: RoundMeta, coord: TileCoord): Promise<Omit<EncodedTile, 'round'>> {
    const set = await this.atlas.boundarySet(round.boundarySet);
    const layers: LayerSource[] = await Promise.all(
      layersAtZoom(coord.z).map(async (layer) => ({
        name: layer.name,
        index: await this.indexes.get(
          `${set.manifest.id}@${set.manifest.version}/${layer.name}/${coord.z}`,
          async () => buildGeometryIndex(set.topology, layer.name, coord.z),
        ),
        properties: await this.atlas.areaProperties(round, layer.level),
      })),
    );
    const pbf = cutTile(layers, coord);
    if (!pbf) return { hash: 'empty' };
    const hash = createHash('sha256').update(pbf).digest('base64url').slice(0, 27);
    return { gzip: gzipSync(pbf, { level: 6 }), hash };
  }
}
