import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { checkCountryCode } from '../core/country-code.ts';
import {
  type BoundarySetSource,
  type DatasetManifest,
  datasetMeta,
  type SourceFile,
} from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import type { BoundaryWriter, CatalogWriter } from '../store/ports.ts';
import { checkManifestCrosswalks } from './crosswalk-check.ts';
import { ingestFeed } from './feed.ts';
import { type IngestResult, ingestFile } from './ingest.ts';
import { readOperationStatus } from './operation-status.ts';
import { oneChunk } from './read-source.ts';
import { formatJoinReport } from './report-text.ts';
import { ChangedSourceFile, changedBoundaryFiles, checkedBytes, MissingSourceFile } from './source-check.ts';

export interface SeedSummary {
  boundarySets: Array<{ id: string; outcome: 'stored' | 'unchanged' }>;
  rounds: Array<{ dataset: string; key: string; outcome: 'published' | 'unchanged' }>;
  /** Files not found (skipped): a fresh clone has boundaries and no DTM files. */
  missing: Array<{ dataset: string; file: string }>;
  /** Files whose bytes differ from their manifest's `sha256`: not seeded (see `ChangedSourceFile`). */
  changed: Array<{ dataset: string; file: string; expected: string; actual: string }>;
}

/**
 * Where seeding finds the files a manifest names. The entry points read a data folder
 * (`functions/entry/data-folder.ts`, boundary sets through `geodata/prepare.ts`); tests may pass anything.
 */
export interface SeedFiles {
  /** The bytes of a file named in a manifest (`sources`, `operationList`), relative to the data folder. */
  readRoundFile(file: string): Promise<Uint8Array>;
  /** A boundary set prepared from its source files. */
  prepareBoundarySet(source: BoundarySetSource): Promise<PreparedBoundarySet>;
}

/**
 * Loads every dataset manifest's boundary sets and rounds into the stores through the same code as the
 * ingest CLI and Lambda, and stores each dataset with its operation's status from the operation list the
 * manifest names. Idempotent: content already stored (same version) is not written again.
 */
export async function seed(
  manifests: readonly DatasetManifest[],
  files: SeedFiles,
  catalog: CatalogWriter,
  boundaries: BoundaryWriter,
  log: (line: string) => void = console.log,
): Promise<SeedSummary> {
  const summary: SeedSummary = { boundarySets: [], rounds: [], missing: [], changed: [] };
  for (const manifest of manifests) {
    // The operation's status travels with the dataset: read from the list the manifest names, if any.
    const status = await readOperationStatus(manifest, (file) => files.readRoundFile(file)).catch(
      (error: unknown) => {
        // A fresh clone has no operation list: the status is then unknown, not a reason to stop.
        if (!(error instanceof MissingSourceFile)) throw error;
        log(`${error.message}: ${manifest.id}'s operation status unknown`);
        return undefined;
      },
    );
    if (status) log(status.note);
    const sets = await seedBoundarySets(manifest, files, boundaries, summary, log);
    // Crosswalk codes are checked against the prepared areas before the dataset (which carries them) is stored.
    checkManifestCrosswalks(manifest, sets);
    checkCountryCode(manifest, `${manifest.id}.json`);
    await catalog.putDataset({ ...datasetMeta(manifest), ...status?.meta });
    for (const group of sourceGroups(manifest.sources)) {
      const source = group[0] as SourceFile;
      if (!sets.has(source.boundarySet) && manifest.boundarySets.some((s) => s.id === source.boundarySet)) {
        log(`${source.file}: not seeded, as its boundary set ${source.boundarySet} was not`);
        continue;
      }
      const deps = { catalog, boundarySet: async (id: string) => requireSet(sets, id, source.file) };
      const result = await ingestGroup(manifest, group, files, deps).catch((error: unknown) => {
        if (!(error instanceof MissingSourceFile || error instanceof ChangedSourceFile)) throw error;
        // A feed is imported whole or not at all: say which parts go with the file named.
        const rest = group.length > 1 ? ` with the rest of feed ${source.feed} (${group.length} files)` : '';
        return skip(summary, manifest.id, error, log, rest);
      });
      if (!result) continue;
      for (const round of result.rounds) {
        summary.rounds.push({
          dataset: manifest.id,
          key: round.round.key,
          outcome: round.outcome === 'published' ? 'published' : 'unchanged',
        });
        if (round.outcome === 'published') log(formatJoinReport(round.round, round.report));
      }
      const counts = countOutcomes(result.rounds.map((r) => r.outcome));
      log(`${result.file}: ${result.rounds.length} round(s) on ${result.boundarySet}: ${counts}`);
    }
  }
  return summary;
}

/**
 * Prepares and stores a manifest's boundary sets (those already stored at the same version are not written
 * again); a set with a file whose bytes differ from the manifest is not seeded.
 */
async function seedBoundarySets(
  manifest: DatasetManifest,
  files: SeedFiles,
  boundaries: BoundaryWriter,
  summary: SeedSummary,
  log: (line: string) => void,
): Promise<Map<string, PreparedBoundarySet>> {
  const sets = new Map<string, PreparedBoundarySet>();
  for (const source of manifest.boundarySets) {
    const prepared = await files.prepareBoundarySet(source);
    const changed = changedBoundaryFiles(source, prepared.manifest.sources);
    for (const error of changed) skip(summary, manifest.id, error, log);
    if (changed.length > 0) continue;
    const stored = await boundaries.getManifest(source.id);
    const outcome = stored?.version === prepared.manifest.version ? 'unchanged' : 'stored';
    if (outcome === 'stored') await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
    sets.set(source.id, prepared);
    summary.boundarySets.push({ id: source.id, outcome });
    log(
      `boundaries ${source.id}: ${outcome} (version ${prepared.manifest.version}, ${prepared.manifest.levels.map((l) => `${l.count} adm${l.level}`).join(', ')})`,
    );
  }
  return sets;
}

/** The manifest's sources as imports: one per file, or one per feed (sources sharing a `feed`). */
function sourceGroups(sources: readonly SourceFile[]): SourceFile[][] {
  const groups: SourceFile[][] = [];
  const feeds = new Map<string, SourceFile[]>();
  for (const source of sources) {
    const feed = source.feed === undefined ? undefined : feeds.get(source.feed);
    if (feed) {
      feed.push(source);
      continue;
    }
    const group = [source];
    groups.push(group);
    if (source.feed !== undefined) feeds.set(source.feed, group);
  }
  return groups;
}

/** Imports one file, or the files of one feed together (the first source's title, round and set apply). */
async function ingestGroup(
  manifest: DatasetManifest,
  group: readonly SourceFile[],
  files: SeedFiles,
  deps: Parameters<typeof ingestFile>[3],
): Promise<IngestResult> {
  const source = group[0] as SourceFile;
  if (source.feed === undefined) {
    const bytes = checkedBytes(source.file, source.sha256, await files.readRoundFile(source.file));
    return ingestFile(manifest, source.file, bytes, deps, { replace: true }, source);
  }
  const parts = await Promise.all(
    group.map(async ({ file, sha256 }) => ({
      file,
      input: oneChunk(checkedBytes(file, sha256, await files.readRoundFile(file))),
    })),
  );
  return ingestFeed(manifest, parts, deps, { replace: true }, source);
}

/** Records a file that is not seeded (missing, or not the bytes its manifest records) and says why. */
function skip(
  summary: SeedSummary,
  dataset: string,
  error: MissingSourceFile | ChangedSourceFile,
  log: (line: string) => void,
  rest = '',
): undefined {
  const file = error.location.file;
  if (error instanceof ChangedSourceFile) {
    summary.changed.push({ dataset, file, expected: error.expected, actual: error.actual });
    log(`CHANGED FILE ${error.message}${rest}`);
  } else {
    summary.missing.push({ dataset, file });
    log(`${error.message}: skipped${rest}`);
  }
  return undefined;
}

function requireSet(sets: Map<string, PreparedBoundarySet>, id: string, file: string): PreparedBoundarySet {
  const set = sets.get(id);
  if (!set) throw new InputError({ file }, `names unknown boundary set ${id}`);
  return set;
}

function countOutcomes(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}
