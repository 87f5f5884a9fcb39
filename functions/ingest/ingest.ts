import { areaIndex } from '../core/area-index.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import type { DatasetManifest, SourceFile } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import { planRounds, type RoundPlan, type RoundPlanInput } from '../core/plan-round.ts';
import { placeSites } from '../core/sites.ts';
import { chooseBoundarySet, type RowErrorCollector } from '../core/source-codes.ts';
import type { AdminLevel } from '../core/types.ts';
import type { CatalogWriter } from '../store/ports.ts';
import { commitRounds, commitSiteList, type RoundResult } from './commit.ts';
import { InputErrorLog, MAX_LISTED } from './input-log.ts';
import { oneChunk, readSourceStream } from './read-source.ts';
import { MAX_WHOLE_FILE_BYTES } from './sniff.ts';
import type { ByteSource, DuplicateRow, ParsedSource, SourceFormat } from './source.ts';

export { areaIndex } from '../core/area-index.ts';
export { INGEST_LOGIC_VERSION } from '../core/plan-round.ts';
export type { RoundResult } from './commit.ts';

/**
 * Largest file handed over whole, as bytes in memory (`ingestFile`: seeding, tests). Files that may be big
 * come as streams (`ingestStream`: the CLI, the ingest Lambda), where CSV is read with bounded memory up to
 * `MAX_CSV_BYTES` and XLSX/JSON up to this same limit.
 */
export const MAX_SOURCE_BYTES = MAX_WHOLE_FILE_BYTES;

export interface IngestOptions {
  /** Round key, for a file that does not name its round. */
  round?: string;
  number?: number;
  /** Round date (YYYY-MM-DD), for a file that does not state it. */
  date?: string;
  /** Boundary set to join to; by default the set whose codes the file matches. */
  boundarySet?: string;
  /** Replace a published round whose content differs. Without it such an import fails and changes nothing. */
  replace?: boolean;
  /** Parse, join and report, but write nothing. */
  dryRun?: boolean;
  /** Progress callback for long files. */
  progress?: (message: string) => void;
  /**
   * Import although the rows do not add up to a total the manifest states for the round: the operator's
   * reason, kept in the round's provenance (`totalsOverride`). Without it such an import is refused.
   */
  acceptTotalsMismatch?: string;
}

export interface IngestResult {
  file: string;
  format: SourceFormat;
  boundarySet: string;
  /** The first rows repeating another's whole key (counted once) over every round, and how many there were. */
  duplicates: DuplicateRow[];
  duplicateCount: number;
  /** Size and SHA-256 of the file. */
  bytes: number;
  sha256: string;
  rounds: RoundResult[];
}

/** The file-level facts of an import, as the CLI's `--json` output and the Lambda's report both give them. */
export function importSummary(result: IngestResult) {
  return {
    status: 'imported' as const,
    format: result.format,
    boundarySet: result.boundarySet,
    bytes: result.bytes,
    sha256: result.sha256,
    duplicateCount: result.duplicateCount,
    duplicates: result.duplicates,
  };
}

export interface IngestDependencies {
  catalog: CatalogWriter;
  /** A prepared boundary set by id (from S3, or freshly prepared when seeding). */
  boundarySet: (id: string) => Promise<PreparedBoundarySet>;
}

type Described = Omit<IngestResult, 'boundarySet' | 'rounds'>;

/**
 * Imports one DTM file held in memory (see `ingestStream`). Bytes over `MAX_SOURCE_BYTES` are refused: a
 * caller holding more than that whole should stream it instead.
 */
export async function ingestFile(
  manifest: DatasetManifest,
  file: string,
  bytes: Uint8Array,
  deps: IngestDependencies,
  options: IngestOptions = {},
  source?: SourceFile,
): Promise<IngestResult> {
  if (bytes.byteLength > MAX_SOURCE_BYTES) {
    throw new InputError(
      { file },
      `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB; files over ${MAX_SOURCE_BYTES / 1024 / 1024} MB are refused (split it by round)`,
    );
  }
  return ingestStream(manifest, file, oneChunk(bytes), deps, options, source);
}

/**
 * Imports one DTM file into a dataset, stage by stage: read and check it as it streams in (`readSourceStream`:
 * sniff, the reader of its format, rounds collected), choose its boundary set, plan each round
 * (`planRounds`: codes normalised by the set's rules, reviewed corrections, join, stated totals, version),
 * then commit (`commitRounds`: conflict check, draft, one conditional publish per round). The whole file is
 * read and every round planned before anything is written, so a bad row leaves everything untouched.
 */
export async function ingestStream(
  manifest: DatasetManifest,
  file: string,
  input: ByteSource,
  deps: IngestDependencies,
  options: IngestOptions = {},
  source?: SourceFile,
): Promise<IngestResult> {
  const readOptions = {
    operation: manifest.operation,
    country: manifest.country,
    ...(options.progress ? { progress: options.progress } : {}),
  };
  const parsed = await readSourceStream(input, file, readOptions);
  return ingestParsed(manifest, file, parsed, deps, options, source);
}

/**
 * Imports a source already read (`ingestStream` reads one file; `ingestFeed` reads the files of a feed and
 * merges them): boundary set chosen, rounds planned, then committed (or reported, on a dry run).
 */
export async function ingestParsed(
  manifest: DatasetManifest,
  file: string,
  parsed: ParsedSource,
  deps: IngestDependencies,
  options: IngestOptions = {},
  source?: SourceFile,
): Promise<IngestResult> {
  options.progress?.(
    `${file}: ${parsed.format}, ${parsed.rounds.reduce((n, r) => n + r.rows.length, 0)} rows in ${parsed.rounds.length} round(s)`,
  );
  const { format, bytes, sha256 } = parsed;
  const described: Described = { file, format, duplicates: [], duplicateCount: 0, bytes, sha256 };
  if (parsed.sites) return ingestSiteList(manifest, described, parsed, deps, options, source);
  const { plans, prepared, areas } = await planFile(manifest, file, parsed, deps, options, source);
  const boundarySet = prepared.manifest.id;
  const duplicates = plans.flatMap(({ report }) => report.duplicates ?? []);
  described.duplicates = duplicates.slice(0, MAX_LISTED);
  described.duplicateCount = duplicates.length;
  if (options.dryRun) {
    const rounds = plans.map(({ meta, report }) => ({ round: meta, report, outcome: 'dry-run' as const }));
    return { ...described, boundarySet, rounds };
  }
  const lowest = Math.max(...parsed.levels) as AdminLevel;
  const rounds = await commitRounds(
    {
      catalog: deps.catalog,
      dataset: manifest.id,
      file,
      replace: options.replace,
      progress: options.progress,
    },
    plans,
    lowest,
    areas.get(3) ?? new Map(),
  );
  return { ...described, boundarySet, rounds };
}

/**
 * Chooses the file's boundary set and plans each of its rounds (`planRounds`: codes normalised, repeated and
 * blank rows judged, corrections, join, stated totals, version). Rows refused are thrown together.
 */
async function planFile(
  manifest: DatasetManifest,
  file: string,
  parsed: ParsedSource,
  deps: IngestDependencies,
  options: IngestOptions,
  source: SourceFile | undefined,
) {
  requireOperationRows(manifest, file, parsed);
  const codes = parsed.rounds.flatMap((round) => round.rows.flatMap((row) => Object.values(row.sourceCodes)));
  const named = options.boundarySet ?? source?.boundarySet;
  const set = chooseBoundarySet(manifest, codes as string[], file, named);
  const prepared = await deps.boundarySet(set.id);
  const areas = areaIndex(prepared);
  const codeErrors = new InputErrorLog();
  const plans = planParsedSource(
    parsed,
    { manifest, set, boundaries: prepared.manifest, areas, file, options, ...(source ? { source } : {}) },
    codeErrors,
  );
  codeErrors.throwIfAny();
  return { plans, prepared, areas };
}

/**
 * Plans the rounds of a parsed source against one boundary set: the file's facts (its SHA-256, the columns its
 * codes came from, the operations it skipped) added to the caller's context. Imports and the golden fixtures
 * (`test/fixtures/ingest`) plan through this one function.
 */
export function planParsedSource(
  parsed: ParsedSource,
  context: Omit<RoundPlanInput, 'sha256' | 'codeColumns' | 'skippedOperations' | 'skippedCountries'>,
  errors: RowErrorCollector,
): RoundPlan[] {
  return planRounds(
    {
      ...context,
      sha256: parsed.sha256,
      codeColumns: parsed.codeColumns,
      ...(parsed.skippedOperations ? { skippedOperations: parsed.skippedOperations } : {}),
      ...(parsed.skippedCountries ? { skippedCountries: parsed.skippedCountries } : {}),
    },
    parsed.rounds,
    errors,
  );
}

/**
 * Refuses a source in which the dataset's country or operation has no row, naming the countries or
 * operations it has.
 */
function requireOperationRows(manifest: DatasetManifest, file: string, parsed: ParsedSource): void {
  if (parsed.rounds.length > 0 || parsed.sites) return;
  const countries = (parsed.skippedCountries ?? []).map((s) => `${s.country} (${s.rows} rows)`);
  if (countries.length > 0 && (parsed.skippedOperations ?? []).length === 0)
    throw new InputError(
      { file, field: 'country' },
      `no row of country ${manifest.country} (dataset ${manifest.id}); the source has ${countries.join(', ')}`,
    );
  if (!manifest.operation) return;
  const found = (parsed.skippedOperations ?? []).map((s) => `${s.operation} (${s.rows} rows)`);
  throw new InputError(
    { file, field: 'operation' },
    `no row of operation "${manifest.operation}" (dataset ${manifest.id}); the source has ${found.length > 0 ? found.join(', ') : 'no rows'}`,
  );
}

/** Imports a site list into a published round (see `commitSiteList`). */
async function ingestSiteList(
  manifest: DatasetManifest,
  described: Described,
  parsed: ParsedSource,
  deps: IngestDependencies,
  options: IngestOptions,
  source?: SourceFile,
): Promise<IngestResult> {
  const { file } = described;
  const key = options.round ?? source?.round?.key;
  if (!key) throw new InputError({ file }, 'a site list belongs to a round; name it (--round KEY)');
  const current = await deps.catalog.getRound(manifest.id, key);
  if (!current)
    throw new InputError({ file }, `round ${manifest.id}/${key} does not exist; import its figures first`);
  const setSource = manifest.boundarySets.find((set) => set.id === current.boundarySet);
  if (!setSource)
    throw new InputError({ file }, `round ${key} uses unknown boundary set ${current.boundarySet}`);
  const prepared = await deps.boundarySet(setSource.id);
  const errors = new InputErrorLog();
  const set = { id: prepared.manifest.id, codeRules: setSource.codeRules };
  const sites = placeSites(parsed.sites ?? [], set, areaIndex(prepared), file, errors);
  errors.throwIfAny();
  const context = {
    catalog: deps.catalog,
    dataset: manifest.id,
    file,
    dryRun: options.dryRun,
    progress: options.progress,
  };
  const round = await commitSiteList(context, current, sites, described.sha256);
  return { ...described, boundarySet: prepared.manifest.id, rounds: [round] };
}
