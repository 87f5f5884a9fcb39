import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { notFound, unavailable } from '../core/errors.ts';
import {
  ALLOWED_METHODS,
  API_BASE,
  CACHE_CONTROL,
  CORS_EXPOSED_HEADERS,
  CORS_MAX_AGE_SECONDS,
  matchPlainTileUrl,
  ROUTES,
} from '../core/routes.ts';
import { parseKey, parseTileCoord } from '../core/tile-path.ts';
import { DataService, type DataServiceOptions } from '../service/data-service.ts';
import { PackService, type PackServiceOptions } from '../service/pack-service.ts';
import type { LoadRasteriserAssets } from '../service/rasterise.ts';
import { ThumbnailService } from '../service/thumbnail-service.ts';
import { TileService, type TileServiceOptions } from '../service/tile-service.ts';
import type { BoundaryReader, CatalogReader, ContextStore } from '../store/ports.ts';
import { contextRoutes } from './api/context.ts';
import { apiRoutes } from './api-routes.ts';
import { baseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { errorBody, errorResponse } from './errors.ts';
import { pageRoutes } from './page-routes.ts';
import { securityHeaders, securityHeadersFor } from './security-headers.ts';
import { thumbnailRoutes } from './thumbnail-routes.ts';
import { tileResponse } from './tile-response.ts';
import { tileRoutes } from './tile-routes.ts';

export interface AppDependencies {
  catalog: CatalogReader;
  boundaries: BoundaryReader;
  /** Public origin for URLs in TileJSON and styles; defaults to each request's origin. */
  publicBaseUrl?: string;
  /** Request header with the viewer's host, set by the CDN (see `BaseUrlConfig`). */
  publicHostHeader?: string;
  /** Serves the web front end (local server only; on AWS, CloudFront serves it from S3). */
  staticFiles?: MiddlewareHandler;
  /**
   * Compress JSON, XML and other text answers (gzip) as CloudFront does in front of the Lambda functions: the
   * local server has no CDN in front of it, and a slow link pays for 60 KB of uncompressed API answers.
   */
  compressText?: boolean;
  /** Reports readiness for /healthz; the local server is not ready until seeding is done. */
  ready?: () => boolean;
  data?: DataServiceOptions;
  tiles?: TileServiceOptions;
  /** Where offline packs are stored and how to load SQLite; without it the pack URLs answer 404. */
  packs?: PackServiceOptions;
  /** Other publishers' context figures (IDMC); without it every dataset answers an empty context. */
  context?: ContextStore;
  /** resvg's WebAssembly and fonts for oEmbed's thumbnails; without it the thumbnail URLs answer 501. */
  thumbnails?: LoadRasteriserAssets;
}

/**
 * The one HTTP app of DTM Atlas (`Request -> Response`), served by the Lambda functions and by the local
 * server alike. Only GET/HEAD/OPTIONS exist: nothing public can write.
 */
export function createApp(deps: AppDependencies) {
  const data = new DataService(deps.catalog, deps.boundaries, deps.data);
  const tiles = new TileService(data, deps.tiles);
  const packs = deps.packs && new PackService(data, tiles, deps.packs);
  const app = new Hono<AppEnv>();
  useRequestMiddleware(app, deps);

  app.get(ROUTES.health, (c) => {
    const ready = deps.ready?.() ?? true;
    c.header('Cache-Control', CACHE_CONTROL.none);
    return c.json({ status: ready ? 'ok' : 'starting' }, ready ? 200 : 503);
  });
  const baseUrl = baseUrlResolver(deps);
  app.route('/', tileRoutes(data, tiles, baseUrl, packs));
  app.route(API_BASE, apiRoutes(data, baseUrl));
  app.route(API_BASE, contextRoutes(data, deps.context));
  // Embed builder (issue 16): oEmbed's thumbnails, drawn where resvg's WebAssembly and the fonts load.
  const thumbnails = new ThumbnailService(data, deps.thumbnails);
  app.route('/', thumbnailRoutes(data, thumbnails));
  app.route('/', pageRoutes(data, baseUrl, thumbnails));
  if (deps.staticFiles) app.use('*', deps.staticFiles);
  app.notFound((c) => errorResponse(notFound(`no resource at ${new URL(c.req.url).pathname}`), c));
  return Object.assign(app, {
    /** Pre-builds the first view's tiles (see `TileService.warm`); call once the data is there. */
    warm: () => tiles.warm(),
    cachedTile: cachedTileHandler(tiles, deps.ready),
  });
}

/** What runs before every route: request id, CORS, security headers, the write refusal, errors, readiness. */
function useRequestMiddleware(app: Hono<AppEnv>, deps: AppDependencies): void {
  app.use('*', async (c, next) => {
    c.set(
      'requestId',
      c.req.header('x-amzn-trace-id') ?? c.req.header('x-request-id') ?? crypto.randomUUID(),
    );
    await next();
  });
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: [...ALLOWED_METHODS],
      exposeHeaders: [...CORS_EXPOSED_HEADERS],
      maxAge: CORS_MAX_AGE_SECONDS,
    }),
  );
  app.use('*', securityHeaders());
  // Skips tiles and static files (already encoded), HEAD, ranges and binary types; weakens the ETag as CloudFront does.
  if (deps.compressText) app.use('*', compress());
  // Nothing public can write: every other method is refused before routing.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) => {
    c.header('Allow', ALLOWED_METHODS.join(', '));
    return c.json(
      errorBody(405, 'method_not_allowed', `${c.req.method} is not allowed`, c.get('requestId')),
      405,
    );
  });
  app.onError(errorResponse);
  app.use('*', async (c, next) => {
    if (c.req.path !== ROUTES.health && deps.ready && !deps.ready())
      throw unavailable('the service is starting');
    await next();
  });
}

/**
 * The response to a GET or HEAD of a tile that is already encoded, built synchronously without Request or
 * Response objects: the same status, headers and bytes the app would send (a test holds them equal).
 * Undefined for anything else, which the caller then hands to `fetch`. A server that can skip the
 * web-standard objects (the local one, on node:http) uses it for the hot path.
 */
function cachedTileHandler(tiles: TileService, ready: (() => boolean) | undefined) {
  // Headers every tile response carries besides its own: CORS for a simple request, then security.
  const tileHeaders = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(','),
    ...securityHeadersFor('/tiles/'),
  };
  return (url: string, header: (name: 'accept-encoding' | 'if-none-match') => string | undefined) => {
    if (ready && !ready()) return undefined;
    const request = parseCachedTileUrl(url);
    const tile = request && tiles.peek(request.dataset, request.roundRef, request.coord);
    if (!request || !tile) return undefined;
    const response = tileResponse(tile, {
      roundRef: request.roundRef,
      askedVersion: request.askedVersion,
      acceptEncoding: header('accept-encoding'),
      ifNoneMatch: header('if-none-match'),
    });
    Object.assign(response.headers, tileHeaders);
    return response;
  };
}

/** A tile URL of the plain form (`matchPlainTileUrl`), checked as the route checks it; else undefined. */
function parseCachedTileUrl(url: string) {
  const parts = matchPlainTileUrl(url);
  if (!parts) return undefined;
  try {
    // The same checks as the route's: what they refuse is left to the route, which answers the error.
    return {
      dataset: parseKey(parts.dataset, 'dataset'),
      roundRef: parseKey(parts.round, 'round'),
      coord: parseTileCoord(parts.z, parts.x, parts.yFile),
      askedVersion: parts.version,
    };
  } catch {
    return undefined;
  }
}
