import { type Context, Hono } from 'hono';
import type { AreaFiguresEntry, FiguresResponse } from '../../core/api-types.ts';
import type { TileProperties } from '../../core/area-properties.ts';
import {
  caveatMember,
  correctionText,
  figuresCsv,
  provenanceMember,
  roundFeatureCollection,
} from '../../core/exports.ts';
import { pickFigures, sumFigures } from '../../core/figures.ts';
import { ROUTES } from '../../core/routes.ts';
import { siteProperties } from '../../core/sites.ts';
import type { AdminLevel, AreaFigures, RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';
import type { AppEnv } from '../env.ts';
import { resolveRound } from '../resolve.ts';
import { attachment, downloadRows } from './download-data.ts';
import { parseLevel } from './params.ts';

/** The `level` query, read after the round lookup: an unknown round is a 404 whatever the level says. */
const levelQuery = (c: Context) => parseLevel(c.req.query('level'));

/** A round's figures per area, as JSON, CSV and GeoJSON. */
export function figureRoutes(data: DataService) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.api.figures, resolveRound(data), async (c) => {
    const round = c.get('round');
    const level = levelQuery(c);
    const [{ props, levelFigures, dataset }, report] = await Promise.all([
      levelData(data, round, level),
      data.report(round),
    ]);
    const body: FiguresResponse = {
      dataset: round.dataset,
      round: { key: round.key, number: round.number, date: round.date, version: round.version },
      level: `adm${level}`,
      totals: round.totals,
      placed: sumFigures([...levelFigures.values()].map(pickFigures)),
      unplaced: report.levels.find((entry) => entry.level === level)?.unplaced ?? {},
      provenance: provenanceMember(dataset, round),
      ...caveatMember(round),
      areas: [...props.values()].map((area) => figureEntry(area, levelFigures)),
    };
    return c.json(body);
  });

  app.get(ROUTES.api.figuresCsv, resolveRound(data), async (c) => {
    const round = c.get('round');
    const level = levelQuery(c);
    const { rows, dataset } = await downloadRows(data, round, level);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', attachment(round.dataset, round.key, level, 'csv'));
    return c.body(figuresCsv(level, rows, dataset, round));
  });

  app.get(ROUTES.api.figuresGeoJson, resolveRound(data), async (c) => {
    const round = c.get('round');
    const level = levelQuery(c);
    const [{ props, levelFigures, dataset }, geometries] = await Promise.all([
      levelData(data, round, level),
      data.areaGeometries(round.boundarySet, level),
    ]);
    const features = geometries.map((area) => {
      const { pcode } = area.properties;
      const correction = correctionText(levelFigures.get(pcode)?.corrections);
      const properties = { ...(props.get(pcode) ?? { pcode }), ...(correction ? { correction } : {}) };
      return { type: 'Feature', id: pcode, geometry: area.geometry, properties };
    });
    c.header('Content-Type', 'application/geo+json');
    c.header('Content-Disposition', attachment(round.dataset, round.key, level, 'geojson'));
    return c.body(JSON.stringify(roundFeatureCollection(dataset, round, features)));
  });

  return app;
}

/** What every figures route reads for one level: the joined properties, the level's figures, the dataset. */
async function levelData(data: DataService, round: RoundMeta, level: AdminLevel) {
  const [props, figures, dataset] = await Promise.all([
    data.areaProperties(round, level),
    data.figures(round),
    data.dataset(round.dataset),
  ]);
  return { props, levelFigures: figures.get(level) ?? new Map<string, AreaFigures>(), dataset };
}

/** A round's sites (GeoJSON points, with their source rows). */
export function siteRoutes(data: DataService) {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.api.sites, resolveRound(data), async (c) => {
    const round = c.get('round');
    const [sites, dataset] = await Promise.all([data.sites(round), data.dataset(round.dataset)]);
    const features = sites.map((site) => ({
      type: 'Feature',
      id: site.id,
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
      properties: { ...siteProperties(site, round), sourceRows: site.sourceRows },
    }));
    c.header('Content-Type', 'application/geo+json');
    return c.body(JSON.stringify(roundFeatureCollection(dataset, round, features)));
  });
  return app;
}

/** An area as the figures list it: its tile properties without the round's fields, with its source rows. */
function figureEntry(area: TileProperties, levelFigures: ReadonlyMap<string, AreaFigures>): AreaFiguresEntry {
  const { round: _round, date: _date, level: _level, ...rest } = area;
  const figure = levelFigures.get(String(area.pcode));
  // Tile properties are loosely typed (strings and numbers); joinAreaProperties writes exactly these fields.
  const entry = rest as unknown as AreaFiguresEntry;
  if (!figure) return entry;
  return {
    ...entry,
    sourceRows: figure.sourceRows,
    ...(figure.corrections ? { corrections: figure.corrections } : {}),
    ...(figure.breakdown ? { breakdown: figure.breakdown } : {}),
  };
}
