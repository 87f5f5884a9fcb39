import { Hono } from 'hono';
import type { DataService } from '../service/data-service.ts';
import type { PackService } from '../service/pack-service.ts';
import type { TileService } from '../service/tile-service.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { catalogRoutes } from './tiles/catalog.ts';
import { tileMetadataRoutes } from './tiles/metadata.ts';
import { packRoutes } from './tiles/packs.ts';
import { tileBodyRoutes } from './tiles/tiles.ts';

/**
 * Tiles, TileJSON, styles, the tile catalog and the QGIS connection file. The tiles come last: their
 * catch-all 404 for /tiles/* must not shadow the catalog, TileJSON or the offline packs.
 */
export function tileRoutes(
  data: DataService,
  tiles: TileService,
  baseUrl: BaseUrlResolver,
  packs?: PackService,
) {
  return new Hono<AppEnv>()
    .route('/', catalogRoutes(data, baseUrl))
    .route('/', tileMetadataRoutes(data, baseUrl))
    .route('/', packRoutes(packs))
    .route('/', tileBodyRoutes(tiles));
}
