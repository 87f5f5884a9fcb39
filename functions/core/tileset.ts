import type { AdminLevel } from './types.ts';

/** One polygon layer of the tiles: an admin level and the zooms at which tiles carry it. */
export interface AreaLayer {
  name: `adm${AdminLevel}`;
  level: AdminLevel;
  minzoom: number;
  maxzoom: number;
}

/**
 * Zoom ranges chosen to keep tiles light: régions are worth carrying everywhere (a thin outline when zoomed
 * in), cercles from the zoom where a country fills a screen, communes only once they are more than a few
 * pixels wide. The front end switches its choropleth between them at `DISPLAY_ZOOMS`.
 */
export const AREA_LAYERS: readonly AreaLayer[] = [
  { name: 'adm1', level: 1, minzoom: 0, maxzoom: 10 },
  { name: 'adm2', level: 2, minzoom: 4, maxzoom: 10 },
  { name: 'adm3', level: 3, minzoom: 6, maxzoom: 10 },
];

/** Point layers: area labels (per level from a zoom where they fit) and sites. */
export const LABEL_MINZOOM: Record<AdminLevel, number> = { 1: 3, 2: 6, 3: 8 };
export const LABELS_LAYER = { name: 'labels', minzoom: 3, maxzoom: 10 } as const;
export const SITES_LAYER = { name: 'sites', minzoom: 5, maxzoom: 10 } as const;

/** Zoom below which each level is the one coloured on the default map (adm1 until 5, adm2 until 7, adm3 beyond). */
export const DISPLAY_ZOOMS = { adm1: [0, 5], adm2: [5, 7], adm3: [7, 24] } as const;

export const TILESET_MINZOOM = 0;
/** Source boundaries are 1:1M; beyond z10 clients overzoom, which loses nothing. */
export const TILESET_MAXZOOM = 10;

/** Vector tile extent and buffer (geojson-vt defaults, the MVT norm). */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/** The area layers a tile at zoom `z` carries. */
export function layersAtZoom(z: number): AreaLayer[] {
  return AREA_LAYERS.filter((layer) => z >= layer.minzoom && z <= layer.maxzoom);
}

/**
 * Zoom bands sharing one geometry index: each band is simplified for its highest zoom and cut for all its
 * zooms. Fewer, slightly more detailed indexes make a cold start cheaper; the lower zoom of a band carries a
 * little more detail than it needs, which geojson-vt's quantisation to the tile grid mostly absorbs.
 */
export const ZOOM_BANDS: ReadonlyArray<readonly [number, number]> = [
  [0, 3],
  [4, 6],
  [7, 8],
  [9, 10],
];

/** The highest zoom of the band `z` belongs to: the zoom its geometry is simplified and indexed for. */
export function bandTop(z: number): number {
  return ZOOM_BANDS.find(([low, high]) => z >= low && z <= high)?.[1] ?? z;
}
