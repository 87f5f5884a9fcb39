import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { parseKey } from '../core/tile-path.ts';
import type { DataService } from '../service/data-service.ts';
import type { DatasetEnv, RoundEnv } from './env.ts';

/**
 * Resolves the URL's `:dataset` once per request: 400 for a malformed id, 404 for an unknown one; the handler
 * reads it with `c.get('dataset')`.
 */
export function resolveDataset(data: DataService) {
  return createMiddleware<DatasetEnv>(async (c, next) => {
    c.set('dataset', await data.dataset(parseKey(c.req.param('dataset') ?? '', 'dataset')));
    await next();
  });
}

/**
 * Resolves the URL's `:dataset` and `:round` once per request; the handler reads `c.get('round')`,
 * `c.get('roundRef')` and `c.get('query')`. A malformed id or key, then a malformed query (`parseQuery`, when
 * the route has one), is a 400 before any lookup; an unknown dataset or round is a 404.
 */
export function resolveRound<Query = undefined>(data: DataService, parseQuery?: (c: Context) => Query) {
  return createMiddleware<RoundEnv<Query>>(async (c, next) => {
    const datasetId = parseKey(c.req.param('dataset') ?? '', 'dataset');
    const roundRef = parseKey(c.req.param('round') ?? '', 'round');
    c.set('query', parseQuery ? parseQuery(c) : (undefined as Query));
    c.set('round', await data.round(datasetId, roundRef));
    c.set('roundRef', roundRef);
    await next();
  });
}
