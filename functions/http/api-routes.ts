import { Hono } from 'hono';
import { CACHE_CONTROL } from '../core/routes.ts';
import type { DataService } from '../service/data-service.ts';
import { datasetRoutes } from './api/datasets.ts';
import { downloadRoutes } from './api/downloads.ts';
import { figureRoutes, siteRoutes } from './api/figures.ts';
import { seriesRoutes } from './api/series.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';

export { parseLevel } from './api/params.ts';

/** The JSON API under `API_BASE` (/api/v1); every answer is metadata, cached briefly unless a route says otherwise. */
export function apiRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', CACHE_CONTROL.metadata);
  });
  return app
    .route('/', datasetRoutes(data, baseUrl))
    .route('/', figureRoutes(data))
    .route('/', siteRoutes(data))
    .route('/', seriesRoutes(data))
    .route('/', downloadRoutes(data, baseUrl));
}
