import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { notFound } from '../core/errors.ts';
import { DEFAULT_INDICATOR, parseIndicator, parseLanguage } from '../core/indicators.ts';
import { LATEST } from '../core/rounds.ts';
import { buildStyle } from '../core/style.ts';
import { parseKey, parseTileCoord } from '../core/tile-path.ts';
import { buildTileJson } from '../core/tilejson.ts';
import { AREA_LAYERS } from '../core/tileset.ts';
import type { Atlas } from '../service/atlas.ts';
import type { TileService } from '../service/tile-service.ts';
import { publicBaseUrl } from './base-url.ts';
import type { AppEnv } from './env.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Cache lifetimes: a round key can be re-published (with replace), `latest` moves with every new round. */
const CACHE = {
  round: 'public, max-age=3600',
  latest: 'public, max-age=60',
  metadata: 'public, max-age=60',
};

/** Tiles, TileJSON and styles. */
export function tileRoutes(atlas: Atlas, tiles: TileService, baseUrl: string | undefined) {
  const app = new Hono<AppEnv>();

  app.get('/tiles/:dataset/:round/tiles.json', async (c) => {
    const dataset = await atlas.dataset(parseKey(c.req.param('dataset'), 'dataset'));
    const roundRef = parseKey(c.req.param('round'), 'round');
    const round = await atlas.round(dataset.id, roundRef);
    const { manifest } = await atlas.boundarySet(round.boundarySet);
    c.header('Cache-Control', CACHE.metadata);
    const hasSites = (await atlas.sites(round)).length > 0;
    return c.json(buildTileJson(publicBaseUrl(c, baseUrl), dataset, round, roundRef, manifest, hasSites));
  });

  app.get('/tiles/:dataset/:round/:z/:x/:y', async (c) => {
    const dataset = parseKey(c.req.param('dataset'), 'dataset');
    const roundRef = parseKey(c.req.param('round'), 'round');
    const coord = parseTileCoord(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const tile = await tiles.tile(dataset, roundRef, coord);
    c.header('Cache-Control', roundRef === LATEST ? CACHE.latest : CACHE.round);
    c.header('Vary', 'Accept-Encoding');
    if (!tile.gzip) return c.body(null, 204);
    const gzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
    const etag = `"${tile.hash}${gzip ? '-gz' : ''}"`;
    c.header('ETag', etag);
    c.header('Content-Type', MVT_CONTENT_TYPE);
    if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    if (gzip) {
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(tile.gzip));
    }
    return c.body(new Uint8Array(gunzipSync(tile.gzip)));
  });

  app.get('/styles/:dataset/:round/style.json', async (c) => {
    const dataset = await atlas.dataset(parseKey(c.req.param('dataset'), 'dataset'));
    const roundRef = parseKey(c.req.param('round'), 'round');
    const indicator = parseIndicator(c.req.query('indicator'));
    const lang = parseLanguage(c.req.query('lang'));
    const round = await atlas.round(dataset.id, roundRef);
    const figures = await atlas.figures(round);
    const valuesByLevel: Record<string, number[]> = {};
    for (const layer of AREA_LAYERS) {
      valuesByLevel[layer.name] = [...(figures.get(layer.level)?.values() ?? [])]
        .map((f) => f[indicator])
        .filter((v): v is number => v !== undefined);
    }
    const base = publicBaseUrl(c, baseUrl);
    c.header('Cache-Control', CACHE.metadata);
    return c.json(
      buildStyle({
        dataset,
        round,
        tileJsonUrl: `${base}/tiles/${dataset.id}/${roundRef}/tiles.json`,
        indicator: indicator ?? DEFAULT_INDICATOR,
        lang,
        valuesByLevel,
      }),
    );
  });

  app.get('/tiles/*', () => {
    throw notFound('no such tile resource; tiles are at /tiles/{dataset}/{round}/{z}/{x}/{y}.mvt');
  });
  return app;
}

/** RFC 9110 If-None-Match: a list of entity tags, or `*`. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
