/**
 * The one table of DTM Atlas's URL surface: path patterns, URL builders, cache lifetimes and the headers a
 * browser may read. The Hono app, the local server's tile fast path, the TileJSON/style/QGIS builders, the CDN
 * (infra/lib/cdn.ts) and the web client all take their URLs from here, so a route changes in one place.
 * Pure: no imports beyond core, usable in a browser bundle.
 */
import { LATEST } from './rounds.ts';

/** Dataset ids and round keys in a URL: lowercase letters, digits, dash, underscore, dot; 1–64 chars. */
export const KEY_PATTERN = '[a-z0-9][a-z0-9._-]{0,63}';
/** A tile z, x or y: a non-negative integer without leading zeros. */
export const TILE_NUMBER_PATTERN = '(?:0|[1-9][0-9]{0,9})';
/** A data version as tile URLs carry it (`?v=`): a hex content hash. */
export const DATA_VERSION_PATTERN = '[0-9a-f]{1,64}';
/** The tile file extensions: `.mvt` (ours) and `.pbf` (what some clients write). */
export const TILE_EXTENSIONS = ['mvt', 'pbf'] as const;

const exact = (pattern: string) => new RegExp(`^${pattern}$`);
export const KEY = exact(KEY_PATTERN);
export const TILE_NUMBER = exact(`(${TILE_NUMBER_PATTERN})`);
/** The last segment of a tile path, `{y}.mvt` or `{y}.pbf`. */
export const TILE_FILE = exact(`(${TILE_NUMBER_PATTERN})\\.(${TILE_EXTENSIONS.join('|')})`);
export const DATA_VERSION = exact(DATA_VERSION_PATTERN);
/** A QGIS connection file name, `{dataset}.xml`. */
export const QGIS_FILE = exact(`(${KEY_PATTERN})\\.xml`);

/**
 * Route paths in Hono's syntax. The API's are relative to `API_BASE`; everything else is absolute. The tile
 * route leaves the `{y}.mvt` segment whole (`:y`): `parseTileCoord` checks it, so a malformed one is a 400.
 */
export const API_BASE = '/api/v1';
export const ROUTES = {
  health: '/healthz',
  catalog: '/tiles',
  tileJson: '/tiles/:dataset/:round/tiles.json',
  tile: '/tiles/:dataset/:round/:z/:x/:y',
  // Offline packs of a round (issue 16): every tile z0–10 in one file; before `tilesOther`.
  packPmtiles: '/tiles/:dataset/:round/pack.pmtiles',
  packMbtiles: '/tiles/:dataset/:round/pack.mbtiles',
  tilesOther: '/tiles/*',
  style: '/styles/:dataset/:round/style.json',
  qgis: '/qgis/:file',
  embed: '/embed',
  oembed: '/oembed',
  // Embed builder (issue 16): a PNG of a view, oEmbed's thumbnail_url.
  thumbnail: '/thumbnails/:dataset/:round/:file',
  api: {
    datasets: '/datasets',
    rounds: '/datasets/:dataset/rounds',
    round: '/datasets/:dataset/rounds/:round',
    figures: '/datasets/:dataset/rounds/:round/figures',
    figuresCsv: '/datasets/:dataset/rounds/:round/figures.csv',
    figuresGeoJson: '/datasets/:dataset/rounds/:round/figures.geojson',
    sites: '/datasets/:dataset/rounds/:round/sites',
    report: '/datasets/:dataset/rounds/:round/report',
    series: '/datasets/:dataset/areas/:pcode/series',
    // Downloads a data manager trusts (issue 16): the XLSX per level and the round's data package.
    figuresXlsx: '/datasets/:dataset/rounds/:round/figures.xlsx',
    datapackage: '/datasets/:dataset/rounds/:round/datapackage.json',
    // Other publishers' national figures shown beside DTM's (core/context-figures.ts).
    context: '/datasets/:dataset/context',
  },
} as const;

/** The embed page's folder (a static file, `/embed/index.html`); `/embed` redirects to it. */
export const EMBED_PATH = '/embed/';

/** A tile URL in its plain form only: no percent-escapes, at most `?v=`. */
const PLAIN_TILE_URL = new RegExp(
  `^/tiles/(${KEY_PATTERN})/(${KEY_PATTERN})/(${TILE_NUMBER_PATTERN})/(${TILE_NUMBER_PATTERN})/` +
    `(${TILE_NUMBER_PATTERN}\\.(?:${TILE_EXTENSIONS.join('|')}))(?:\\?v=(${DATA_VERSION_PATTERN}))?$`,
);

/** The parts of a plain tile URL, as strings still to be checked by `parseKey` and `parseTileCoord`. */
export interface TileUrlParts {
  dataset: string;
  round: string;
  z: string;
  x: string;
  yFile: string;
  version: string | undefined;
}

/**
 * Splits a tile URL (path and query) of the plain form `ROUTES.tile` serves; undefined for anything else
 * (escapes, other query parameters), which then takes the full route.
 */
export function matchPlainTileUrl(url: string): TileUrlParts | undefined {
  const match = PLAIN_TILE_URL.exec(url);
  if (!match) return undefined;
  const [, dataset = '', round = '', z = '', x = '', yFile = '', version] = match;
  return { dataset, round, z, x, yFile, version };
}

const segment = encodeURIComponent;
const withQuery = (path: string, query?: Record<string, string>) => {
  const search = query ? new URLSearchParams(query).toString() : '';
  return search ? `${path}?${search}` : path;
};

/**
 * URL builders. `base` is the public origin (`https://host`), or '' for addresses relative to the page's
 * origin (the web client). Dataset ids and round keys pass `KEY`, so escaping them changes nothing there; it
 * only matters for P-codes and for what a caller did not check.
 */
export const urls = {
  tileTemplate: (base: string, dataset: string, roundRef: string) =>
    `${base}/tiles/${segment(dataset)}/${segment(roundRef)}/{z}/{x}/{y}.mvt`,
  tileJson: (base: string, dataset: string, roundRef: string) =>
    `${base}/tiles/${segment(dataset)}/${segment(roundRef)}/tiles.json`,
  style: (base: string, dataset: string, roundRef: string, query?: Record<string, string>) =>
    withQuery(`${base}/styles/${segment(dataset)}/${segment(roundRef)}/style.json`, query),
  qgis: (base: string, dataset: string) => `${base}/qgis/${segment(dataset)}.xml`,
  /** An offline pack of a round: `pmtiles` or `mbtiles` (issue 16). */
  pack: (base: string, dataset: string, roundRef: string, format: 'pmtiles' | 'mbtiles') =>
    `${base}/tiles/${segment(dataset)}/${segment(roundRef)}/pack.${format}`,
  glyphs: (base: string) => `${base}/fonts/{fontstack}/{range}.pbf`,
  embed: (base: string) => `${base}${EMBED_PATH}`,
  // Embed builder (issue 16): `query` holds indicator, lang, area, w, ratio and the data version `v`.
  thumbnail: (base: string, dataset: string, round: string, level: string, query: Record<string, string>) =>
    withQuery(`${base}/thumbnails/${segment(dataset)}/${segment(round)}/${segment(level)}.png`, query),
  datasets: (base: string) => `${base}${API_BASE}/datasets`,
  rounds: (base: string, dataset: string) => `${base}${API_BASE}/datasets/${segment(dataset)}/rounds`,
  round: (base: string, dataset: string, round: string) =>
    `${base}${API_BASE}/datasets/${segment(dataset)}/rounds/${segment(round)}`,
  figures: (base: string, dataset: string, round: string, level: string) =>
    `${urls.round(base, dataset, round)}/figures?level=${segment(level)}`,
  figuresCsv: (base: string, dataset: string, round: string, level: string) =>
    `${urls.round(base, dataset, round)}/figures.csv?level=${segment(level)}`,
  figuresGeoJson: (base: string, dataset: string, round: string, level: string) =>
    `${urls.round(base, dataset, round)}/figures.geojson?level=${segment(level)}`,
  report: (base: string, dataset: string, round: string) => `${urls.round(base, dataset, round)}/report`,
  series: (base: string, dataset: string, pcode: string) =>
    `${base}${API_BASE}/datasets/${segment(dataset)}/areas/${segment(pcode)}/series`,
  // Downloads a data manager trusts (issue 16): the XLSX, the data package, and the view a download names.
  figuresXlsx: (base: string, dataset: string, round: string, level: string) =>
    `${urls.round(base, dataset, round)}/figures.xlsx?level=${segment(level)}`,
  datapackage: (base: string, dataset: string, round: string) =>
    `${urls.round(base, dataset, round)}/datapackage.json`,
  view: (base: string, dataset: string, round: string, level?: string) =>
    `${base}/#${new URLSearchParams({ round, ...(level ? { level } : {}), dataset }).toString()}`,
  context: (base: string, dataset: string) => `${base}${API_BASE}/datasets/${segment(dataset)}/context`,
};

/** The round reference that follows the newest round, as URLs spell it. */
export { LATEST };

/**
 * Cache lifetimes. A tile URL carrying the data version it was cut from (`?v=`, as TileJSON hands out)
 * never changes content: a CDN may keep it a year, and publishing new data needs no purge because the
 * TileJSON then points at new URLs. Everything that moves when data is published is kept briefly.
 */
export const CACHE_CONTROL = {
  /** A tile URL of a round key with its data version: immutable. */
  versioned: 'public, max-age=31536000, immutable',
  /** Any other tile URL (`latest`, or no `?v=`): follows publishing within a minute. */
  moving: 'public, max-age=60',
  /** Catalog, TileJSON, styles, QGIS file and API answers. */
  metadata: 'public, max-age=60',
  /** oEmbed answers: they change only with the datasets' names. */
  oembed: 'public, max-age=300',
  /** Health checks: never cached. */
  none: 'no-store',
} as const;

/** Response headers a browser script may read across origins: the app's CORS and the CDN's say the same. */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Content-Encoding',
  'Content-Length',
  // Offline packs answer byte ranges (pmtiles protocol).
  'Content-Range',
] as const;
/** The only methods that exist: nothing public can write. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
/** How long a browser may keep a CORS preflight answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 86_400;

/** Which server answers a CDN path pattern, and how the CDN caches it. */
export interface CdnBehaviour {
  pattern: string;
  origin: 'tiles' | 'api' | 'web';
  /** `metadata`: names the public origin in its body; `tiles`: tile bodies; `none`: never cached; `page`: web files. */
  cache: 'metadata' | 'tiles' | 'none' | 'page';
  /** Whether other sites may frame the answer (the embed page only). */
  framable?: boolean;
}

/**
 * The CDN's path patterns, in CloudFront's order of precedence (first match wins): the function-URL ones, then
 * the embed page's, which the web bucket serves like everything else but with headers that let any site frame
 * it. The TileJSON pattern must come before the tiles' one: TileJSON names the host, tiles do not, so the two
 * are cached differently. Everything else goes to the web bucket (the default behaviour).
 */
export const CDN_BEHAVIOURS: readonly CdnBehaviour[] = [
  { pattern: ROUTES.catalog, origin: 'tiles', cache: 'metadata' },
  { pattern: '/tiles/*/tiles.json', origin: 'tiles', cache: 'metadata' },
  { pattern: '/tiles/*', origin: 'tiles', cache: 'tiles' },
  { pattern: '/styles/*', origin: 'tiles', cache: 'metadata' },
  { pattern: '/qgis/*', origin: 'tiles', cache: 'metadata' },
  // Embed builder (issue 16): thumbnails vary with their whole query (indicator, lang, area, size, v).
  { pattern: '/thumbnails/*', origin: 'tiles', cache: 'metadata' },
  { pattern: '/api/*', origin: 'api', cache: 'metadata' },
  // oEmbed answers from the app (it reads the catalog), its whole query in the cache key.
  { pattern: ROUTES.oembed, origin: 'api', cache: 'metadata' },
  { pattern: ROUTES.health, origin: 'api', cache: 'none' },
  { pattern: ROUTES.embed, origin: 'web', cache: 'page', framable: true },
  { pattern: `${EMBED_PATH}*`, origin: 'web', cache: 'page', framable: true },
];
