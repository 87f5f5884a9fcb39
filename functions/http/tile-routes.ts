import { Hono } from 'hono';
import type { DataService } from '../service/data-service.ts';
import type { TileService } from '../service/tile-service.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { catalogRoutes } from './tiles/catalog.ts';
import { tileMetadataRoutes } from './tiles/metadata.ts';
import { tileBodyRoutes } from './tiles/tiles.ts';

/**
 * Tiles, TileJSON, styles, the tile catalog and the QGIS connection file. The tiles come last: their
 * catch-all 404 for /tiles/* must not shadow the catalog or TileJSON.
 */
export function tileRoutes(data: DataService, tiles: TileService, baseUrl: BaseUrlResolver) {
  return new Hono<AppEnv>()
    .route('/', catalogRoutes(data, baseUrl))
    .route('/', tileMetadataRoutes(data, baseUrl))
    .route('/', tileBodyRoutes(tiles));
}
