import { Hono } from 'hono';
import type { SeriesPoint, SeriesResponse } from '../../core/api-types.ts';
import { notFound } from '../../core/errors.ts';
import { caveatMember, provenanceMember } from '../../core/exports.ts';
import { pickFigures } from '../../core/figures.ts';
import { ROUTES } from '../../core/routes.ts';
import { parseKey } from '../../core/tile-path.ts';
import type { AdminLevel, AreaProperties, DatasetMeta, RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';
import type { AppEnv } from '../env.ts';
import { parsePcode } from './params.ts';
import { byDate, crossedPoints } from './series-crosswalk.ts';

/** An area's figures across the rounds of a dataset, and across its crosswalks (see series-crosswalk.ts). */
export function seriesRoutes(data: DataService) {
  const app = new Hono<AppEnv>();

  app.get(ROUTES.api.series, async (c) => {
    const datasetId = parseKey(c.req.param('dataset'), 'dataset');
    const pcode = parsePcode(c.req.param('pcode'));
    const [rounds, dataset] = await Promise.all([data.rounds(datasetId), data.dataset(datasetId)]);
    // A code means the same area only within one boundary set: the series follows the sets that have it.
    const sets = new Map<string, AreaProperties | undefined>();
    for (const setId of new Set(rounds.map((round) => round.boundarySet))) {
      sets.set(setId, await data.findArea(setId, pcode));
    }
    const area = [...sets.values()].find((found) => found !== undefined);
    if (!area) throw notFound(`no area ${pcode} in any boundary set of dataset ${datasetId}`);
    const ownSets = [...sets].filter(([, found]) => found).map(([setId]) => setId);
    const shown = rounds.filter((round) => ownSets.includes(round.boundarySet));
    // Where a crosswalk links the area to another set, that set's rounds join the series, each point marked.
    const crossed = await crossedPoints(data, dataset, rounds, ownSets, area.level, pcode);
    const crossedRounds = rounds.filter((round) => crossed.points.some((point) => point.round === round.key));
    const body: SeriesResponse = {
      dataset: datasetId,
      pcode,
      name: area.name,
      level: `adm${area.level}`,
      parent: area.parent,
      series: [...(await seriesPoints(data, shown, area.level, pcode)), ...crossed.points].sort(byDate),
      ...(crossed.crosswalks.length ? { crosswalks: crossed.crosswalks } : {}),
      provenance: seriesProvenance(dataset, [...shown, ...crossedRounds]),
    };
    return c.json(body);
  });
  return app;
}

/** One point per round: its figures for the area, or `no_data` when the round has no row for it. */
async function seriesPoints(
  data: DataService,
  rounds: readonly RoundMeta[],
  level: AdminLevel,
  pcode: string,
): Promise<SeriesPoint[]> {
  const series: SeriesPoint[] = [];
  for (const round of rounds) {
    const figure = (await data.figures(round)).get(level)?.get(pcode);
    series.push({
      round: round.key,
      number: round.number,
      date: round.date,
      boundarySet: round.boundarySet,
      status: figure ? 'reported' : 'no_data',
      ...(figure ? pickFigures(figure) : {}),
      ...caveatMember(round),
    });
  }
  return series;
}

/** The distinct credits of a series' rounds (the monthly rounds share one), each with the rounds it covers. */
function seriesProvenance(dataset: DatasetMeta, rounds: readonly RoundMeta[]): SeriesResponse['provenance'] {
  const byCredit = new Map<string, SeriesResponse['provenance'][number]>();
  for (const round of rounds) {
    // The source file is part of the credit: two files of one organisation are listed apart.
    const member = provenanceMember(dataset, round);
    const key = JSON.stringify(member);
    const entry = byCredit.get(key) ?? { ...member, rounds: [] };
    entry.rounds.push(round.key);
    byCredit.set(key, entry);
  }
  return [...byCredit.values()];
}
