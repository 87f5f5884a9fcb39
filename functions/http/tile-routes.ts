import { Hono } from 'hono';
import { badRequest, notFound } from '../core/errors.ts';
import { parseFlavor, parseIndicator, parseLanguage } from '../core/indicators.ts';
import { qgisConnections } from '../core/qgis.ts';
import { LATEST } from '../core/rounds.ts';
import { buildStyle } from '../core/style.ts';
import { parseKey, parseTileCoord } from '../core/tile-path.ts';
import { buildTileJson } from '../core/tilejson.ts';
import { AREA_LAYERS } from '../core/tileset.ts';
import type { DataService } from '../service/data-service.ts';
import type { TileService } from '../service/tile-service.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { CACHE, tileResponse } from './tile-response.ts';

/** Tiles, TileJSON, styles, the tile catalog and the QGIS connection file. */
export function tileRoutes(data: DataService, tiles: TileService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();

  app.get('/tiles', async (c) => {
    const base = baseUrl(c);
    const datasets = await data.listDatasets();
    c.header('Cache-Control', CACHE.metadata);
    return c.json({
      datasets: await Promise.all(
        datasets.map(async (dataset) => ({
          id: dataset.id,
          name: dataset.name,
          attribution: dataset.attribution,
          tilejson: `${base}/tiles/${dataset.id}/${LATEST}/tiles.json`,
          qgis: `${base}/qgis/${dataset.id}.xml`,
          rounds: (await data.rounds(dataset.id)).map((round) => ({
            key: round.key,
            date: round.date,
            boundarySet: round.boundarySet,
            tilejson: `${base}/tiles/${dataset.id}/${round.key}/tiles.json`,
            style: `${base}/styles/${dataset.id}/${round.key}/style.json`,
          })),
        })),
      ),
    });
  });

  app.get('/tiles/:dataset/:round/tiles.json', async (c) => {
    const dataset = await data.dataset(parseKey(c.req.param('dataset'), 'dataset'));
    const roundRef = parseKey(c.req.param('round'), 'round');
    const round = await data.round(dataset.id, roundRef);
    const [{ manifest }, version, sites] = await Promise.all([
      data.boundarySet(round.boundarySet),
      data.dataVersion(round),
      data.sites(round),
    ]);
    c.header('Cache-Control', CACHE.metadata);
    // The tile URL names the round key (not `latest`) with its data version: it never changes content.
    const tilejson = buildTileJson(baseUrl(c), dataset, round, round.key, manifest, sites.length > 0);
    tilejson.tiles = tilejson.tiles.map((url) => `${url}?v=${version}`);
    return c.json(tilejson);
  });

  app.get('/tiles/:dataset/:round/:z/:x/:y', async (c) => {
    const dataset = parseKey(c.req.param('dataset'), 'dataset');
    const roundRef = parseKey(c.req.param('round'), 'round');
    const coord = parseTileCoord(c.req.param('z'), c.req.param('x'), c.req.param('y'));
    const asked = c.req.query('v');
    if (asked !== undefined && !/^[0-9a-f]{1,64}$/.test(asked)) throw badRequest('v must be a data version');
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

  app.get('/styles/:dataset/:round/style.json', async (c) => {
    const dataset = await data.dataset(parseKey(c.req.param('dataset'), 'dataset'));
    const roundRef = parseKey(c.req.param('round'), 'round');
    const indicator = parseIndicator(c.req.query('indicator'));
    const lang = parseLanguage(c.req.query('lang'));
    const flavor = parseFlavor(c.req.query('flavor'));
    const round = await data.round(dataset.id, roundRef);
    const [{ manifest }, sites] = await Promise.all([data.boundarySet(round.boundarySet), data.sites(round)]);
    const valuesByLevel: Record<string, number[]> = {};
    for (const layer of AREA_LAYERS) {
      if (!manifest.levels.some((l) => l.level === layer.level)) continue;
      valuesByLevel[layer.name] = [...(await data.areaProperties(round, layer.level)).values()]
        .map((props) => props[indicator])
        .filter((v): v is number => typeof v === 'number');
    }
    const base = baseUrl(c);
    c.header('Cache-Control', CACHE.metadata);
    return c.json(
      buildStyle({
        dataset,
        round,
        tileJsonUrl: `${base}/tiles/${dataset.id}/${roundRef}/tiles.json`,
        indicator,
        lang,
        flavor,
        valuesByLevel,
        hasSites: sites.length > 0,
        levels: manifest.levels.map((l) => l.object),
        glyphsUrl: `${base}/fonts/{fontstack}/{range}.pbf`,
      }),
    );
  });

  app.get('/qgis/:file', async (c) => {
    const match = /^([a-z0-9][a-z0-9._-]{0,63})\.xml$/.exec(c.req.param('file'));
    if (!match?.[1]) throw notFound('QGIS connection files are at /qgis/{dataset}.xml');
    const dataset = await data.dataset(match[1]);
    const rounds = await data.rounds(dataset.id);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="dtm-atlas-${dataset.id}.xml"`);
    c.header('Cache-Control', CACHE.metadata);
    return c.body(qgisConnections(baseUrl(c), dataset, rounds));
  });

  app.get('/tiles/*', () => {
    throw notFound('no such tile resource; tiles are at /tiles/{dataset}/{round}/{z}/{x}/{y}.mvt');
  });
  return app;
}
