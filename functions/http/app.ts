import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { notFound, unavailable } from '../core/errors.ts';
import { Atlas, type AtlasOptions } from '../service/atlas.ts';
import { TileService, type TileServiceOptions } from '../service/tile-service.ts';
import type { BoundaryReader, CatalogReader } from '../store/ports.ts';
import { apiRoutes } from './api-routes.ts';
import { baseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { errorBody, errorResponse } from './errors.ts';
import { pageRoutes } from './page-routes.ts';
import { securityHeaders } from './security-headers.ts';
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
  /** Reports readiness for /healthz; the local server is not ready until seeding is done. */
  ready?: () => boolean;
  atlas?: AtlasOptions;
  tiles?: TileServiceOptions;
}

/**
 * The one HTTP app of DTM Atlas (`Request -> Response`), served by the Lambda functions and by the local
 * server alike. Only GET/HEAD/OPTIONS exist: nothing public can write.
 */
export function createApp(deps: AppDependencies) {
  const atlas = new Atlas(deps.catalog, deps.boundaries, deps.atlas);
  const tiles = new TileService(atlas, deps.tiles);
  const app = new Hono<AppEnv>();

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
      allowMethods: ['GET', 'HEAD', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Content-Encoding', 'Content-Length'],
      maxAge: 86400,
    }),
  );
  app.use('*', securityHeaders());
  // Nothing public can write: every other method is refused before routing.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) => {
    c.header('Allow', 'GET, HEAD, OPTIONS');
    return c.json(
      errorBody(405, 'method_not_allowed', `${c.req.method} is not allowed`, c.get('requestId')),
      405,
    );
  });
  app.onError(errorResponse);
  app.use('*', async (c, next) => {
    if (c.req.path !== '/healthz' && deps.ready && !deps.ready())
      throw unavailable('the service is starting');
    await next();
  });

  app.get('/healthz', (c) => {
    const ready = deps.ready?.() ?? true;
    c.header('Cache-Control', 'no-store');
    return c.json({ status: ready ? 'ok' : 'starting' }, ready ? 200 : 503);
  });
  const baseUrl = baseUrlResolver(deps);
  app.route('/', tileRoutes(atlas, tiles, baseUrl));
  app.route('/api/v1', apiRoutes(atlas, baseUrl));
  app.route('/', pageRoutes(atlas, baseUrl));
  if (deps.staticFiles) app.use('*', deps.staticFiles);
  app.notFound((c) => errorResponse(notFound(`no resource at ${new URL(c.req.url).pathname}`), c));
  return Object.assign(app, {
    /** Pre-builds the first view's tiles (see `TileService.warm`); call once the data is there. */
    warm: () => tiles.warm(),
  });
}
