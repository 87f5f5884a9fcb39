import { Hono } from 'hono';
import { type DownloadFormat, dataPackage, MEDIA_TYPES } from '../../core/datapackage.ts';
import { ROUTES, urls } from '../../core/routes.ts';
import type { AdminLevel, RoundMeta } from '../../core/types.ts';
import { xlsxContent } from '../../core/xlsx-content.ts';
import type { DataService } from '../../service/data-service.ts';
import type { BaseUrlResolver } from '../base-url.ts';
import type { AppEnv } from '../env.ts';
import { resolveRound } from '../resolve.ts';
import { attachment, downloadRows } from './download-data.ts';
import { parseLevel } from './params.ts';
import { roundFinestLevel } from './round-coverage.ts';
import { xlsxFile } from './xlsx-file.ts';

const FILE_URL: Record<DownloadFormat, typeof urls.figuresXlsx> = {
  csv: urls.figuresCsv,
  xlsx: urls.figuresXlsx,
  geojson: urls.figuresGeoJson,
};

/** What both downloads say about the round beyond its figures: the previous round and the corrections. */
async function roundContext(data: DataService, round: RoundMeta) {
  const [previous, report] = await Promise.all([data.previousRound(round), data.report(round)]);
  return { previous, corrections: report.corrections };
}

/** The XLSX per round and level, and the round's Frictionless data package describing every download. */
export function downloadRoutes(data: DataService, baseUrl: BaseUrlResolver) {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.api.figuresXlsx, resolveRound(data), async (c) => {
    const round = c.get('round');
    const level = parseLevel(c.req.query('level'));
    const body = await xlsxDownload(data, round, level, baseUrl(c));
    c.header('Content-Type', MEDIA_TYPES.xlsx);
    c.header('Content-Disposition', attachment(round.dataset, round.key, level, 'xlsx'));
    return c.body(body as Uint8Array<ArrayBuffer>);
  });
  app.get(ROUTES.api.datapackage, resolveRound(data), async (c) => {
    const body = await roundDataPackage(data, c.get('round'), baseUrl(c));
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(JSON.stringify(body, null, 2));
  });
  return app;
}

/** The bytes of the XLSX of one round and level, its URLs on the public origin `base`. */
async function xlsxDownload(data: DataService, round: RoundMeta, level: AdminLevel, base: string) {
  const [{ dataset, rows }, { previous, corrections }, finest] = await Promise.all([
    downloadRows(data, round, level),
    roundContext(data, round),
    roundFinestLevel(data, round),
  ]);
  const created = new Date();
  const content = xlsxContent({
    dataset,
    round,
    level,
    rows,
    ...(previous ? { previous } : {}),
    // Unknown (boundaries unreadable just now): an area without a row is "no data", the weaker claim.
    finerThanReported: finest !== undefined && level > Number(finest.level.slice(3)),
    corrections,
    exportedAt: created.toISOString(),
    viewUrl: urls.view(base, round.dataset, round.key, `adm${level}`),
    fileUrl: urls.figuresXlsx(base, round.dataset, round.key, `adm${level}`),
  });
  return xlsxFile(content, created);
}

/** The data package of a round: every level of its boundary set, with the figures that shape the XLSX's columns. */
async function roundDataPackage(data: DataService, round: RoundMeta, base: string) {
  const [dataset, { manifest }, figures, { previous, corrections }] = await Promise.all([
    data.dataset(round.dataset),
    data.boundarySet(round.boundarySet),
    data.figures(round),
    roundContext(data, round),
  ]);
  const levels = [...manifest.levels]
    .sort((a, b) => a.level - b.level)
    .map(({ level }) => ({ level, figures: figures.get(level)?.values() ?? [] }));
  return dataPackage({
    dataset,
    round,
    levels,
    hasPrevious: previous !== undefined,
    corrections,
    fileUrl: (format, level) => FILE_URL[format](base, round.dataset, round.key, `adm${level}`),
    viewUrl: urls.view(base, round.dataset, round.key),
    created: new Date().toISOString(),
  });
}
