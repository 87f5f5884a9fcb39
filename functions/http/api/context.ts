import { Hono } from 'hono';
import type { DatasetContext } from '../../core/context-figures.ts';
import { CACHE_CONTROL, ROUTES } from '../../core/routes.ts';
import type { DataService } from '../../service/data-service.ts';
import type { ContextStore } from '../../store/ports.ts';
import type { AppEnv } from '../env.ts';
import { resolveDataset } from '../resolve.ts';

/**
 * `GET /api/v1/datasets/{dataset}/context`: other publishers' national figures for the dataset's country,
 * as seeding stored them (`core/context-figures.ts`). A dataset without any answers `sources: []` (200): no
 * context is nothing to show, not an error. An unknown dataset is a 404, as everywhere.
 */
export function contextRoutes(data: DataService, store: ContextStore | undefined) {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.api.context, resolveDataset(data), async (c) => {
    const dataset = c.get('dataset').id;
    const stored = await store?.getContext(dataset);
    const body: DatasetContext = { dataset, sources: stored?.sources ?? [] };
    c.header('Cache-Control', CACHE_CONTROL.metadata);
    return c.json(body);
  });
  return app;
}
