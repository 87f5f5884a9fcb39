import { type Context, Hono } from 'hono';
import { nameLanguages } from '../../core/area-properties.ts';
import type { BoundaryManifest } from '../../core/boundary-set.ts';
import { parseFlavor, parseLanguage } from '../../core/indicators.ts';
import {
  type MapIndicator,
  parseMapIndicator,
  reasonOf,
  roundReasons,
} from '../../core/reason-indicators.ts';
import { CACHE_CONTROL, ROUTES, urls } from '../../core/routes.ts';
import { buildStyle } from '../../core/style.ts';
import { buildTileJson } from '../../core/tilejson.ts';
import { AREA_LAYERS } from '../../core/tileset.ts';
import type { AreaProperties, RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';
import type { BaseUrlResolver } from '../base-url.ts';
import type { AppEnv } from '../env.ts';
import { resolveDataset, resolveRound } from '../resolve.ts';

/** TileJSON and MapLibre styles of one round. */
export function tileMetadataRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.tileJson, resolveDataset(data), resolveRound(data), async (c) => {
    const dataset = c.get('dataset');
    const round = c.get('round');
    const [{ manifest, topology }, version, sites] = await Promise.all([
      data.boundarySet(round.boundarySet),
      data.dataVersion(round),
      data.sites(round),
    ]);
    c.header('Cache-Control', CACHE_CONTROL.metadata);
    // The tile URL names the round key (not `latest`) with its data version: it never changes content.
    const languages = topologyLanguages(topology);
    const tilejson = buildTileJson(
      baseUrl(c),
      dataset,
      round,
      round.key,
      manifest,
      sites.length > 0,
      languages,
    );
    tilejson.tiles = tilejson.tiles.map((url) => `${url}?v=${version}`);
    return c.json(tilejson);
  });

  app.get(ROUTES.style, resolveDataset(data), resolveRound(data, styleQuery), async (c) => {
    const dataset = c.get('dataset');
    const { indicator, lang, flavor } = c.get('query');
    const round = c.get('round');
    const [{ manifest }, sites] = await Promise.all([data.boundarySet(round.boundarySet), data.sites(round)]);
    const [valuesByLevel, reasonLabel] = await Promise.all([
      indicatorValues(data, round, manifest, indicator),
      reasonLabelOf(data, round, indicator),
    ]);
    const base = baseUrl(c);
    c.header('Cache-Control', CACHE_CONTROL.metadata);
    return c.json(
      buildStyle({
        dataset,
        round,
        // The style follows the URL's round reference: a `latest` style keeps pointing at the newest round.
        tileJsonUrl: urls.tileJson(base, dataset.id, c.get('roundRef')),
        indicator,
        ...(reasonLabel ? { reasonLabel } : {}),
        lang,
        flavor,
        valuesByLevel,
        hasSites: sites.length > 0,
        levels: manifest.levels.map((l) => l.object),
        glyphsUrl: urls.glyphs(base),
      }),
    );
  });
  return app;
}

/** The languages the boundaries' names come in (`name_fr`, `name_ht`…), from every area of every level. */
function topologyLanguages(topology: {
  objects: Record<string, { geometries: Array<{ properties?: unknown }> }>;
}): string[] {
  return nameLanguages(
    Object.values(topology.objects).flatMap((object) =>
      object.geometries.map((geometry) => geometry.properties as AreaProperties),
    ),
  );
}

/** A style's query: what it colours, in which language, for which client. */
function styleQuery(c: Context) {
  return {
    indicator: parseMapIndicator(c.req.query('indicator')),
    lang: parseLanguage(c.req.query('lang')),
    flavor: parseFlavor(c.req.query('flavor')),
  };
}

/**
 * The indicator per area, per level of the round's boundary set (`undefined` where an area lacks the figure),
 * for the style's class breaks and its legend's no-data entry.
 */
async function indicatorValues(
  data: DataService,
  round: RoundMeta,
  manifest: BoundaryManifest,
  indicator: MapIndicator,
): Promise<Record<string, Array<number | undefined>>> {
  const valuesByLevel: Record<string, Array<number | undefined>> = {};
  for (const layer of AREA_LAYERS) {
    if (!manifest.levels.some((l) => l.level === layer.level)) continue;
    valuesByLevel[layer.name] = [...(await data.areaProperties(round, layer.level)).values()]
      .map((props) => props[indicator])
      .map((v) => (typeof v === 'number' ? v : undefined));
  }
  return valuesByLevel;
}

/** A reason indicator's reason as the round's data spells it ("Natural disaster"); undefined otherwise. */
async function reasonLabelOf(
  data: DataService,
  round: RoundMeta,
  indicator: MapIndicator,
): Promise<string | undefined> {
  const key = reasonOf(indicator);
  if (key === undefined) return undefined;
  const figures = [...(await data.figures(round)).values()].flatMap((level) => [...level.values()]);
  return roundReasons(figures).find((reason) => reason.key === key)?.label;
}
