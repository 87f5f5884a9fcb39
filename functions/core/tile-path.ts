import { badRequest, notFound } from './errors.ts';
import { KEY, TILE_FILE, TILE_NUMBER } from './routes.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from './tileset.ts';

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Validates a dataset id or round key taken from a URL (`KEY`, without `..`). Throws 400 on anything else. */
export function parseKey(value: string, what: string): string {
  if (!KEY.test(value) || value.includes('..')) throw badRequest(`invalid ${what} "${truncate(value)}"`);
  return value;
}

/**
 * Parses the `{z}/{x}/{y}.mvt` tail of a tile URL (`.pbf` accepted). Malformed parts are a 400; a zoom outside
 * the tileset's range is a 404 (the tile does not exist, the URL is well formed); x or y outside the zoom's grid
 * is a 400 (no such coordinate exists at that zoom, at any tileset).
 */
export function parseTileCoord(z: string, x: string, yFile: string): TileCoord {
  const file = TILE_FILE.exec(yFile);
  if (!TILE_NUMBER.test(z) || !TILE_NUMBER.test(x) || !file) {
    throw badRequest('tile path must be /{z}/{x}/{y}.mvt with non-negative integers (or .pbf)');
  }
  const coord = { z: Number(z), x: Number(x), y: Number(file[1]) };
  if (coord.z < TILESET_MINZOOM || coord.z > TILESET_MAXZOOM) {
    throw notFound(`zoom ${coord.z} is outside this tileset's range ${TILESET_MINZOOM}–${TILESET_MAXZOOM}`);
  }
  const size = 2 ** coord.z;
  if (coord.x >= size || coord.y >= size) {
    throw badRequest(`x and y must be below ${size} at zoom ${coord.z}`);
  }
  return coord;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
