import { Hono } from 'hono';
import { badRequest, notFound } from '../../core/errors.ts';
import { DATA_VERSION, ROUTES } from '../../core/routes.ts';
import { parseKey, parseTileCoord } from '../../core/tile-path.ts';
import type { TileService } from '../../service/tile-service.ts';
import type { AppEnv } from '../env.ts';
import { tileResponse } from '../tile-response.ts';

/**
 * The tiles themselves, and a 404 for anything else under /tiles. No dataset or round lookup here: the tile
 * service resolves them from its own caches, which is what keeps a cached tile cheap.
 */
export function tileBodyRoutes(tiles: TileService) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.tile, async (c) => {
    const dataset = parseKey(c.req.param('dataset'), 'dataset');
    const roundRef = parseKey(c.req.param('round'), 'round');
    const coord = parseTileCoord(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const asked = c.req.query('v');
    if (asked !== undefined && !DATA_VERSION.test(asked)) throw badRequest('v must be a data version');
    const tile = await tiles.tile(dataset, roundRef, coord);
    const response = tileResponse(tile, {
      roundRef,
      askedVersion: asked,
      acceptEncoding: c.req.header('Accept-Encoding'),
      ifNoneMatch: c.req.header('If-None-Match'),
    });
    return response.status === 200
      ? c.body(response.body, response.status, response.headers)
      : c.body(null, response.status, response.headers);
  });

  app.get(ROUTES.tilesOther, () => {
    throw notFound('no such tile resource; tiles are at /tiles/{dataset}/{round}/{z}/{x}/{y}.mvt');
  });
  return app;
}
