import type { DatasetMeta, RoundMeta } from '../core/types.ts';

/** Hono context variables set by the app's middleware on every request. */
export type AppEnv = { Variables: { requestId: string } };

/** Routes with a `:dataset` parameter behind `resolveDataset` (http/resolve.ts): the dataset, looked up once. */
export type DatasetEnv = { Variables: { requestId: string; dataset: DatasetMeta } };

/**
 * Routes with `:dataset` and `:round` behind `resolveRound` (http/resolve.ts): the published round the URL
 * names (`latest` resolved to a key), the reference as the URL wrote it, and the route's parsed query.
 */
export type RoundEnv<Query = undefined> = {
  Variables: { requestId: string; round: RoundMeta; roundRef: string; query: Query };
};
