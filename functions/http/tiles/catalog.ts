import { Hono } from 'hono';
import type { CatalogResponse } from '../../core/api-types.ts';
import { countryDataset, groupByCountry } from '../../core/countries.ts';
import { notFound } from '../../core/errors.ts';
import { qgisConnections } from '../../core/qgis.ts';
import { latestRound } from '../../core/rounds.ts';
import { CACHE_CONTROL, LATEST, QGIS_FILE, ROUTES, urls } from '../../core/routes.ts';
import { roundAttribution } from '../../core/tilejson.ts';
import type { DatasetMeta, RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';
import type { BaseUrlResolver } from '../base-url.ts';
import type { AppEnv } from '../env.ts';
import { catalogPage, prefersHtml } from '../html-pages.ts';

/** The tile catalog (`/tiles`, JSON or, for a browser, HTML) and the QGIS connection files (`/qgis/{dataset}.xml`). */
export function catalogRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.catalog, async (c) => {
    const base = baseUrl(c);
    const datasets = await data.listDatasets();
    const body: CatalogResponse = {
      countries: groupByCountry(datasets),
      datasets: await Promise.all(
        datasets.map(async (dataset) => catalogEntry(base, dataset, await data.rounds(dataset.id))),
      ),
    };
    c.header('Cache-Control', CACHE_CONTROL.metadata);
    // A browser opening /tiles gets the same catalog as a page of links; every other client the JSON.
    c.header('Vary', 'Accept', { append: true });
    if (prefersHtml(c.req.header('Accept'))) return c.html(catalogPage(base, body));
    return c.json(body);
  });

  app.get(ROUTES.qgis, async (c) => {
    const match = QGIS_FILE.exec(c.req.param('file'));
    if (!match?.[1]) throw notFound('QGIS connection files are at /qgis/{dataset}.xml');
    const dataset = await data.dataset(match[1]);
    const rounds = await data.rounds(dataset.id);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="dtm-atlas-${dataset.id}.xml"`);
    c.header('Cache-Control', CACHE_CONTROL.metadata);
    return c.body(qgisConnections(baseUrl(c), dataset, rounds));
  });
  return app;
}

/**
 * A dataset in the catalog, with its country and operation status: each round credited as its own TileJSON
 * credits it, and the dataset as what its `latest` TileJSON shows (the newest round; the dataset's own
 * attribution before any round is published).
 */
function catalogEntry(
  base: string,
  dataset: DatasetMeta,
  rounds: readonly RoundMeta[],
): CatalogResponse['datasets'][number] {
  const newest = rounds.length > 0 ? latestRound(rounds, dataset.id) : undefined;
  return {
    ...countryDataset(dataset),
    country: dataset.country,
    attribution: newest ? roundAttribution(dataset, newest) : dataset.attribution,
    tilejson: urls.tileJson(base, dataset.id, LATEST),
    qgis: urls.qgis(base, dataset.id),
    rounds: rounds.map((round) => ({
      key: round.key,
      date: round.date,
      boundarySet: round.boundarySet,
      attribution: roundAttribution(dataset, round),
      tilejson: urls.tileJson(base, dataset.id, round.key),
      style: urls.style(base, dataset.id, round.key),
    })),
  };
}
