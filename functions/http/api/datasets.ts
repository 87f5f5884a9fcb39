import { Hono } from 'hono';
import type { DatasetsResponse, ReportResponse, RoundSummary, RoundsResponse } from '../../core/api-types.ts';
import { groupByCountry } from '../../core/countries.ts';
import { AtlasError } from '../../core/errors.ts';
import { caveatMember, provenanceMember } from '../../core/exports.ts';
import type { FinestLevel } from '../../core/finest-level.ts';
import type { LevelCheck } from '../../core/join.ts';
import { LATEST, ROUTES, urls } from '../../core/routes.ts';
import { type DatasetMeta, FIGURE_KEYS, type RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';
import type { BaseUrlResolver } from '../base-url.ts';
import type { AppEnv } from '../env.ts';
import { resolveDataset, resolveRound } from '../resolve.ts';
import { roundFinestLevel } from './round-coverage.ts';
import { roundReasonList } from './round-reasons.ts';

/** The datasets, their published rounds, and each round's join report. */
export function datasetRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.api.datasets, async (c) => {
    const base = baseUrl(c);
    const datasets = await data.listDatasets();
    const body: DatasetsResponse = {
      datasets: datasets.map((dataset) => ({
        ...dataset,
        links: {
          rounds: urls.rounds(base, dataset.id),
          tilejson: urls.tileJson(base, dataset.id, LATEST),
        },
      })),
      countries: groupByCountry(datasets),
    };
    return c.json(body);
  });

  app.get(ROUTES.api.rounds, resolveDataset(data), async (c) => {
    const dataset = c.get('dataset');
    const base = baseUrl(c);
    const rounds = await data.rounds(dataset.id);
    const body: RoundsResponse = {
      dataset: dataset.id,
      rounds: await Promise.all(rounds.map((round) => summarise(data, dataset, round, base))),
    };
    return c.json(body);
  });

  app.get(ROUTES.api.round, resolveDataset(data), resolveRound(data), async (c) => {
    return c.json(await summarise(data, c.get('dataset'), c.get('round'), baseUrl(c)));
  });

  app.get(ROUTES.api.report, resolveDataset(data), resolveRound(data), async (c) => {
    const round = c.get('round');
    const body: ReportResponse = {
      dataset: round.dataset,
      round: round.key,
      version: round.version,
      provenance: provenanceMember(c.get('dataset'), round),
      ...caveatMember(round),
      ...(await data.report(round)),
    };
    return c.json(body);
  });
  return app;
}

/** A round as the rounds API lists it, with its admin 0 check and finest level read beside it. */
async function summarise(
  data: DataService,
  dataset: DatasetMeta,
  round: RoundMeta,
  base: string,
): Promise<RoundSummary> {
  const [levelCheck, finest, reasons] = await Promise.all([
    levelCheckOf(data, round),
    roundFinestLevel(data, round),
    roundReasonList(data, round),
  ]);
  return {
    ...describeRound(dataset, round, base, levelCheck, finest),
    ...(reasons.length ? { reasons } : {}),
  };
}

/**
 * The round's admin 0 check (see `LevelCheck`), from its join report: present only for a source that gives
 * several levels itself (a DTM API feed). A round stored without a report has none.
 */
async function levelCheckOf(data: DataService, round: RoundMeta): Promise<LevelCheck | undefined> {
  try {
    return (await data.report(round)).levelCheck;
  } catch (error) {
    if (error instanceof AtlasError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

/**
 * A round as the API lists it: its figures (the four keys, in order), who they are credited to, its caveat,
 * how its levels agree with the national figure (`levelCheck`), the finest level its figures are meant for
 * (`finestLevel`) and where to find the rest.
 */
function describeRound(
  dataset: DatasetMeta,
  round: RoundMeta,
  base: string,
  levelCheck: LevelCheck | undefined,
  finest: FinestLevel | undefined,
): RoundSummary {
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
    provenance: provenanceMember(dataset, round),
    ...caveatMember(round),
    ...(levelCheck ? { levelCheck } : {}),
    ...(finest ? { finestLevel: finest } : {}),
    links: {
      figures: urls.figures(base, round.dataset, round.key, 'adm1'),
      report: urls.report(base, round.dataset, round.key),
      tilejson: urls.tileJson(base, round.dataset, round.key),
      style: urls.style(base, round.dataset, round.key),
    },
  };
}
