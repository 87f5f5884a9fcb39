import { createHash } from 'node:crypto';
import { type DatasetManifest, datasetMeta, type SourceFile } from '../core/dataset-manifest.ts';
import { AtlasError } from '../core/errors.ts';
import type { RoundMeta } from '../core/types.ts';
import { hashVersion } from '../core/version.ts';
import { mergeSources } from '../ingest/feed.ts';
import { type IngestDependencies, type IngestResult, ingestParsed } from '../ingest/ingest.ts';
import { type ParsedRound, type ParsedSource, readSource } from '../ingest/read-source.ts';
import { disagreements, publishedBySync, syncSourceFile } from './compare.ts';
import type { DtmClient } from './dtm-client.ts';
import { refreshOperationStatus } from './operation-status.ts';
import { type DatasetSyncReport, emptyCounts, type RoundSyncEntry } from './report.ts';
import { apiRecords, DTM_PATHS, findOperation, REQUIRED_FIELDS, requireFields } from './responses.ts';

export interface SyncDependencies extends IngestDependencies {
  client: DtmClient;
  /** Aborts the run (its time limit): a request in flight or a wait before a retry stops at once. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface SyncOptions {
  /** Fetch, read, plan and compare; write nothing. */
  dryRun?: boolean;
}

/** A dataset sync can run for: it names its DTM operation and its country. */
export type SyncableManifest = DatasetManifest & { operation: string; country: string };

/** A planned API round: its single-round source, its plan's meta and report, and what sync will do with it. */
interface PlannedRound {
  source: ParsedSource;
  entry: RoundSyncEntry;
}

/**
 * Follows one dataset's DTM operation in the DTM API: reads the operation list (the operation must be listed
 * for the country), then `admin{0,1,2}?Admin0Pcode=<ISO3>` for admin 0 (the national check) and each level its
 * boundary sets have, checks every answer, reads them as one feed keeping the dataset's operation, and plans
 * every round through the ingest pipeline. Nothing is written before every answer is read and every round
 * planned. Then each new round, and each round sync published before whose content changed, is published
 * (draft, one conditional write); an unchanged round is left alone; a round another source published is never
 * overwritten, and the report says where its figures and the API's disagree.
 */
export async function syncDataset(
  manifest: SyncableManifest,
  deps: SyncDependencies,
  options: SyncOptions = {},
): Promise<DatasetSyncReport> {
  const { operation, country } = manifest;
  const requests: string[] = [];
  const get = async (path: string, params?: Record<string, string>) => {
    const response = await deps.client.get(path, params, deps.signal);
    requests.push(response.request);
    return response;
  };
  const list = await get(DTM_PATHS.operations);
  findOperation(list.request, apiRecords(list), country, operation);
  const levels = apiLevels(manifest);
  const parts: ParsedSource[] = [];
  for (const level of levels) {
    const response = await get(DTM_PATHS.admin(level), { Admin0Pcode: country.toUpperCase() });
    if (level === 0 && apiRecords(response).length === 0) throw new NothingPublished(operation, country);
    requireFields(response.request, apiRecords(response), REQUIRED_FIELDS[level] ?? [], operation);
    parts.push(await readSource(response.body, response.request, { operation }));
  }
  const merged = mergeSources(parts);
  if (merged.rounds.length === 0) throw new NothingPublished(operation, country);
  const file = syncSourceFile(country, levels);
  const source = syncSource(manifest, file);
  const planned: PlannedRound[] = [];
  for (const round of sortRounds(merged.rounds)) {
    planned.push(await planApiRound(manifest, deps, roundSource(merged, round, file), source));
  }
  if (!options.dryRun) {
    await publishRounds(manifest, deps, planned, source);
    const today = new Date().toISOString().slice(0, 10);
    await refreshOperationStatus(
      manifest.id,
      deps.catalog,
      { request: list.request, records: apiRecords(list) },
      today,
    );
  }
  const counts = emptyCounts();
  for (const { entry } of planned) counts[entry.outcome]++;
  return {
    dataset: manifest.id,
    status: 'synced',
    operation,
    country,
    requests,
    counts,
    rounds: planned.map(({ entry }) => entry),
  };
}

/** Admin 0 always (the national figure every level is checked against), then the levels the sets have (1, 2). */
export function apiLevels(manifest: DatasetManifest): number[] {
  const levels = new Set(manifest.boundarySets.flatMap((set) => set.levels.map((l) => l.level as number)));
  return [0, ...[1, 2].filter((level) => levels.has(level))];
}

/** Plans one round (a dry run of the ingest pipeline) and decides what sync does with it. */
async function planApiRound(
  manifest: DatasetManifest,
  deps: SyncDependencies,
  parsed: ParsedSource,
  source: SourceFile,
): Promise<PlannedRound> {
  const round = parsed.rounds[0] as ParsedRound;
  let result: IngestResult;
  try {
    result = await ingestParsed(manifest, parsed.file, parsed, deps, { dryRun: true }, source);
  } catch (error) {
    if (!(error instanceof AtlasError) || error.kind !== 'invalid_input') throw error;
    const entry: RoundSyncEntry = {
      key: round.key ?? '?',
      date: round.date ?? '',
      outcome: 'refused',
      published: false,
      version: '',
      totals: {},
      refusal: { reason: 'invalid', message: error.message },
    };
    return { source: parsed, entry };
  }
  const plan = result.rounds[0] as IngestResult['rounds'][number];
  const meta = plan.round;
  const current = await deps.catalog.getRound(manifest.id, meta.key);
  const base = {
    key: meta.key,
    date: meta.date,
    published: false,
    version: meta.version,
    totals: meta.totals,
  };
  if (!current)
    return { source: parsed, entry: { ...base, outcome: 'new', report: plan.report, source: meta.source } };
  if (!publishedBySync(current)) {
    const found = await disagreements(deps.catalog, current, { totals: meta.totals, report: plan.report });
    const message = `published from ${current.source.file} ("${current.source.title}"); sync never overwrites another source's round${found.length === 0 ? ' (its figures agree with the API)' : ''}`;
    const refusal = {
      reason: 'other-source' as const,
      message,
      publishedSource: current.source,
      disagreements: found,
    };
    return { source: parsed, entry: { ...base, outcome: 'refused', refusal } };
  }
  if (sameContent(current, meta))
    return { source: parsed, entry: { ...base, version: current.version, outcome: 'unchanged' } };
  return { source: parsed, entry: { ...base, outcome: 'changed', report: plan.report, source: meta.source } };
}

/** Publishes the new and changed rounds, one import each (draft, one conditional write per round). */
async function publishRounds(
  manifest: DatasetManifest,
  deps: SyncDependencies,
  planned: readonly PlannedRound[],
  source: SourceFile,
): Promise<void> {
  const writes = planned.filter(({ entry }) => entry.outcome === 'new' || entry.outcome === 'changed');
  if (writes.length > 0 && !(await deps.catalog.getDataset(manifest.id)))
    await deps.catalog.putDataset(datasetMeta(manifest));
  const done: string[] = [];
  for (const { source: parsed, entry } of writes) {
    // `replace` only for a round sync published itself; the commit re-reads the round and publishes only over
    // the version it read, so an import that won meanwhile is not overwritten.
    const options = { replace: entry.outcome === 'changed' };
    const result = await ingestParsed(manifest, parsed.file, parsed, deps, options, source).catch((error) => {
      throw new PartialSyncError(error as Error, done);
    });
    const round = result.rounds[0];
    entry.published = round?.outcome === 'published';
    if (round) entry.version = round.round.version;
    if (entry.published) done.push(entry.key);
    deps.log?.(`round ${manifest.id}/${entry.key}: ${entry.outcome}, ${round?.outcome ?? 'not written'}`);
  }
}

/** Writing failed part-way: the rounds published before stay (each whole); every other round is as it was. */
/**
 * The API answers, but publishes no record of the operation for the country (an operation DTM publishes
 * elsewhere, on HDX say): nothing to follow, which is said in the report but is not a failure (the stack's
 * alarm would otherwise ring every day for it).
 */
export class NothingPublished extends Error {
  constructor(operation: string, country: string) {
    super(`the DTM API publishes no record of operation "${operation}" for ${country}`);
    this.name = 'NothingPublished';
  }
}

export class PartialSyncError extends AtlasError {
  constructor(cause: Error, published: readonly string[]) {
    const kind = cause instanceof AtlasError ? cause.kind : 'unavailable';
    const before =
      published.length > 0
        ? `round(s) ${published.join(', ')} were published before it`
        : 'no round was published';
    super(kind, `${cause.message}; ${before}, each whole, and every other round is as it was`);
    this.name = 'PartialSyncError';
  }
}

/**
 * A published round holds this plan's content: the same version, or the same with the round's surveyed sites
 * folded in (functions/ingest/commit.ts `keepSurveyedSites`).
 */
function sameContent(current: RoundMeta, planned: RoundMeta): boolean {
  if (current.version === planned.version) return true;
  return (
    current.sitesVersion !== undefined &&
    hashVersion([planned.version, current.sitesVersion]) === current.version
  );
}

/**
 * One round of the merged feed as a source of its own, hashed over its own rows only (without row numbers,
 * in a fixed order): a round's version then changes when its figures do, not when the API adds another round
 * or returns its records in another order.
 */
function roundSource(merged: ParsedSource, round: ParsedRound, file: string): ParsedSource {
  const rows = round.rows.map(({ row: _row, ...facts }) => JSON.stringify(facts)).sort();
  const identity = JSON.stringify([round.key, round.number, round.date, round.operation]);
  const sha256 = createHash('sha256').update(identity).update(rows.join('\n')).digest('hex');
  return { ...merged, file, rounds: [round], sha256, bytes: rows.reduce((n, row) => n + row.length, 0) };
}

/** The manifest's DTM API source (title, organisation, boundary set) with sync's file name. */
function syncSource(manifest: SyncableManifest, file: string): SourceFile {
  const feed = manifest.sources.find((source) => source.feed !== undefined);
  return {
    file,
    boundarySet: feed?.boundarySet ?? manifest.defaultBoundarySet,
    title: feed?.title ?? `IOM DTM ${manifest.name}, ${manifest.operation} (DTM API v3)`,
    organisation: feed?.organisation ?? 'IOM DTM',
  };
}

function sortRounds(rounds: readonly ParsedRound[]): ParsedRound[] {
  return [...rounds].sort(
    (a, b) => (a.number ?? 0) - (b.number ?? 0) || (a.date ?? '').localeCompare(b.date ?? ''),
  );
}
