import { Hono } from 'hono';
import { badRequest, notFound } from '../core/errors.ts';
import { figuresCsv } from '../core/exports.ts';
import { pickFigures, sumFigures } from '../core/figures.ts';
import { siteProperties } from '../core/sites.ts';
import { parseKey } from '../core/tile-path.ts';
import { type AdminLevel, type AreaProperties, FIGURE_KEYS, type RoundMeta } from '../core/types.ts';
import type { DataService } from '../service/data-service.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';

const CACHE_CONTROL = 'public, max-age=60';

/** Parses `level=adm1|adm2|adm3` (default adm1). */
export function parseLevel(value: string | undefined): AdminLevel {
  if (value === undefined || value === '') return 1;
  const match = /^adm([1-3])$/.exec(value);
  if (!match) throw badRequest('level must be adm1, adm2 or adm3');
  return Number(match[1]) as AdminLevel;
}

/** The JSON API under /api/v1. */
export function apiRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', CACHE_CONTROL);
  });

  app.get('/datasets', async (c) => {
    const base = baseUrl(c);
    const datasets = await data.listDatasets();
    return c.json({
      datasets: datasets.map((dataset) => ({
        ...dataset,
        links: {
          rounds: `${base}/api/v1/datasets/${dataset.id}/rounds`,
          tilejson: `${base}/tiles/${dataset.id}/latest/tiles.json`,
        },
      })),
    });
  });

  app.get('/datasets/:dataset/rounds', async (c) => {
    const dataset = await data.dataset(parseKey(c.req.param('dataset'), 'dataset'));
    const base = baseUrl(c);
    const rounds = await data.rounds(dataset.id);
    return c.json({ dataset: dataset.id, rounds: rounds.map((round) => describeRound(round, base)) });
  });

  app.get('/datasets/:dataset/rounds/:round', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    return c.json(describeRound(round, baseUrl(c)));
  });

  app.get('/datasets/:dataset/rounds/:round/figures', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    const level = parseLevel(c.req.query('level'));
    const [props, figures, report] = await Promise.all([
      data.areaProperties(round, level),
      data.figures(round),
      data.report(round),
    ]);
    const levelFigures = figures.get(level) ?? new Map();
    const placed = sumFigures([...levelFigures.values()].map(pickFigures));
    const unplaced = report.levels.find((entry) => entry.level === level)?.unplaced ?? {};
    const areas = [...props.values()].map((area) => {
      const { round: _round, date: _date, level: _level, ...rest } = area;
      const figure = levelFigures.get(String(area.pcode));
      if (!figure) return rest;
      return {
        ...rest,
        sourceRows: figure.sourceRows,
        ...(figure.corrections ? { corrections: figure.corrections } : {}),
      };
    });
    return c.json({
      dataset: round.dataset,
      round: { key: round.key, number: round.number, date: round.date, version: round.version },
      level: `adm${level}`,
      totals: round.totals,
      placed,
      unplaced,
      areas,
    });
  });

  app.get('/datasets/:dataset/rounds/:round/figures.csv', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    const level = parseLevel(c.req.query('level'));
    const [props, figures] = await Promise.all([data.areaProperties(round, level), data.figures(round)]);
    const levelFigures = figures.get(level) ?? new Map();
    const rows = [...props.values()].map((area) => ({
      ...area,
      sourceRows: levelFigures.get(String(area.pcode))?.sourceRows,
    }));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="dtm-${round.dataset}-${round.key}-adm${level}.csv"`,
    );
    return c.body(figuresCsv(level, rows));
  });

  app.get('/datasets/:dataset/rounds/:round/figures.geojson', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    const level = parseLevel(c.req.query('level'));
    const [props, geometries] = await Promise.all([
      data.areaProperties(round, level),
      data.areaGeometries(round.boundarySet, level),
    ]);
    c.header('Content-Type', 'application/geo+json');
    c.header(
      'Content-Disposition',
      `attachment; filename="dtm-${round.dataset}-${round.key}-adm${level}.geojson"`,
    );
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: geometries.map((area) => ({
          type: 'Feature',
          id: area.properties.pcode,
          geometry: area.geometry,
          properties: props.get(area.properties.pcode) ?? { pcode: area.properties.pcode },
        })),
      }),
    );
  });

  app.get('/datasets/:dataset/rounds/:round/sites', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    const sites = await data.sites(round);
    c.header('Content-Type', 'application/geo+json');
    return c.body(
      JSON.stringify({
        type: 'FeatureCollection',
        features: sites.map((site) => ({
          type: 'Feature',
          id: site.id,
          geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
          properties: { ...siteProperties(site, round), sourceRows: site.sourceRows },
        })),
      }),
    );
  });

  app.get('/datasets/:dataset/rounds/:round/report', async (c) => {
    const round = await data.round(
      parseKey(c.req.param('dataset'), 'dataset'),
      parseKey(c.req.param('round'), 'round'),
    );
    return c.json({
      dataset: round.dataset,
      round: round.key,
      version: round.version,
      ...(await data.report(round)),
    });
  });

  app.get('/datasets/:dataset/areas/:pcode/series', async (c) => {
    const datasetId = parseKey(c.req.param('dataset'), 'dataset');
    const pcode = parsePcode(c.req.param('pcode'));
    const rounds = await data.rounds(datasetId);
    // A code means the same area only within one boundary set: the series follows the sets that have it.
    const sets = new Map<string, AreaProperties | undefined>();
    for (const setId of new Set(rounds.map((round) => round.boundarySet))) {
      sets.set(setId, await data.findArea(setId, pcode));
    }
    const area = [...sets.values()].find((found) => found !== undefined);
    if (!area) throw notFound(`no area ${pcode} in any boundary set of dataset ${datasetId}`);
    const series = [];
    for (const round of rounds) {
      if (!sets.get(round.boundarySet)) continue;
      const figure = (await data.figures(round)).get(area.level)?.get(pcode);
      series.push({
        round: round.key,
        number: round.number,
        date: round.date,
        boundarySet: round.boundarySet,
        status: figure ? 'reported' : 'no_data',
        ...(figure ? pickFigures(figure) : {}),
      });
    }
    return c.json({
      dataset: datasetId,
      pcode,
      name: area.name,
      level: `adm${area.level}`,
      parent: area.parent,
      series,
    });
  });

  return app;
}

/** A P-code from a URL: letters and digits only. */
function parsePcode(value: string): string {
  if (!/^[A-Za-z0-9]{2,20}$/.test(value)) throw badRequest(`invalid P-code "${value.slice(0, 24)}"`);
  return value.toUpperCase();
}

function describeRound(round: RoundMeta, base: string) {
  const totals = Object.fromEntries(FIGURE_KEYS.map((key) => [key, round.totals[key]]));
  return {
    key: round.key,
    number: round.number,
    date: round.date,
    source: round.source,
    boundarySet: round.boundarySet,
    totals,
    version: round.version,
    publishedAt: round.publishedAt,
    links: {
      figures: `${base}/api/v1/datasets/${round.dataset}/rounds/${round.key}/figures?level=adm1`,
      report: `${base}/api/v1/datasets/${round.dataset}/rounds/${round.key}/report`,
      tilejson: `${base}/tiles/${round.dataset}/${round.key}/tiles.json`,
      style: `${base}/styles/${round.dataset}/${round.key}/style.json`,
    },
  };
}
