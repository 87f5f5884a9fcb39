import { badRequest, notFound } from './errors.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from './tileset.ts';

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

const SEGMENT = /^(0|[1-9][0-9]{0,9})$/;
const TILE_FILE = /^(0|[1-9][0-9]{0,9})\.(mvt|pbf)$/;
/** Dataset ids and round keys: lowercase letters, digits, dash, underscore, dot; 1–64 chars. */
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Validates a dataset id or round key taken from a URL. Throws 400 on anything else. */
export function parseKey(value: string, what: string): string {
  if (!KEY.test(value) || value.includes('..')) throw badRequest(`invalid ${what} "${truncate(value)}"`);
  return value;
}

/**
 * Parses the `{z}/{x}/{y}.mvt` tail of a tile URL (`.pbf` accepted). Malformed parts are a 400; a zoom outside
 * the tileset's range, or x/y outside the zoom's grid, is a 404 (the tile does not exist, the URL is well formed).
 */
export function parseTileCoord(z: string, x: string, yFile: string): TileCoord {
  const file = TILE_FILE.exec(yFile);
  if (!SEGMENT.test(z) || !SEGMENT.test(x) || !file) {
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
