import { createHash } from 'node:crypto';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { applyCorrections } from '../core/corrections.ts';
import {
  type BoundarySetSource,
  type DatasetManifest,
  normaliseCode,
  type SourceFile,
  type StatedTotals,
} from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import { type AreaIndex, type JoinReport, joinRows, type SourceRow } from '../core/join.ts';
import { deriveAssessedLocations } from '../core/sites.ts';
import {
  type AdminLevel,
  type AreaProperties,
  FIGURE_KEYS,
  type RoundMeta,
  type Site,
} from '../core/types.ts';
import type { CatalogWriter, PublishOutcome } from '../store/ports.ts';
import { InputErrorLog } from './input-log.ts';
import type { ParsedSite } from './read-sites.ts';
import {
  type ByteSource,
  type DuplicateRow,
  MAX_WHOLE_FILE_BYTES,
  oneChunk,
  type ParsedRound,
  readSourceStream,
  type SourceFormat,
} from './read-source.ts';

/**
 * Largest file handed over whole, as bytes in memory (`ingestFile`: seeding, tests). Files that may be big
 * come as streams (`ingestStream`: the CLI, the ingest Lambda), where CSV is read with bounded memory up to
 * `MAX_CSV_BYTES` and XLSX/JSON up to this same limit.
 */
export const MAX_SOURCE_BYTES = MAX_WHOLE_FILE_BYTES;

/** Bumped whenever parsing or joining changes in a way that could change figures: part of every version. */
export const INGEST_LOGIC_VERSION = 2;

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
}

export interface RoundResult {
  round: RoundMeta;
  report: JoinReport;
  outcome: PublishOutcome | 'dry-run';
}

export interface IngestResult {
  file: string;
  format: SourceFormat;
  boundarySet: string;
  /** The first exact duplicate rows (counted once), and how many there were. */
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

/** The areas of a prepared boundary set, indexed by level and P-code. */
export function areaIndex(set: PreparedBoundarySet): AreaIndex {
  const index: AreaIndex = new Map();
  for (const [object, collection] of Object.entries(set.topology.objects)) {
    const level = Number(object.slice(3)) as AdminLevel;
    index.set(
      level,
      new Map(
        collection.geometries.map((g) => [
          (g.properties as AreaProperties).pcode,
          g.properties as AreaProperties,
        ]),
      ),
    );
  }
  return index;
}

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
 * Imports one DTM file into a dataset: read and check it as it streams in (format detected from content; CSV
 * with memory bounded by its rounds and areas, see `readSourceStream`), choose its boundary set, normalise
 * codes by the set's rules, apply reviewed corrections, join, check stated totals, then for each round write
 * the figures as a draft under a content version and publish with one conditional write. The whole file is
 * read and every round checked before anything is written, so a bad row leaves everything untouched.
 */
export async function ingestStream(
  manifest: DatasetManifest,
  file: string,
  input: ByteSource,
  deps: IngestDependencies,
  options: IngestOptions = {},
  source?: SourceFile,
): Promise<IngestResult> {
  const parsed = await readSourceStream(input, file, options.progress ? { progress: options.progress } : {});
  options.progress?.(
    `${file}: ${parsed.format}, ${parsed.rounds.reduce((n, r) => n + r.rows.length, 0)} rows in ${parsed.rounds.length} round(s)`,
  );
  const described = {
    file,
    format: parsed.format,
    duplicates: parsed.duplicates,
    duplicateCount: parsed.duplicateCount,
    bytes: parsed.bytes,
    sha256: parsed.sha256,
  };
  if (parsed.sites) return ingestSiteList(manifest, described, parsed.sites, deps, options, source);
  const setSource = await chooseBoundarySet(
    manifest,
    parsed.rounds,
    file,
    options.boundarySet ?? source?.boundarySet,
  );
  const set = await deps.boundarySet(setSource.id);
  const areas = areaIndex(set);
  const { sha256 } = parsed;

  if (parsed.rounds.length > 1 && options.round) {
    throw new InputError(
      { file },
      `the file holds ${parsed.rounds.length} rounds; --round names one round only`,
    );
  }
  // Codes of another country are collected over every round (the first 20 and a count), like bad values.
  const codeErrors = new InputErrorLog();
  const checked = parsed.rounds.map((round) => {
    const key = options.round ?? round.key ?? source?.round?.key;
    if (!key)
      throw new InputError({ file }, 'the file does not say which round it is; name it (--round KEY)');
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(key) || key === 'latest')
      throw new InputError({ file }, `"${key}" cannot be a round key`);
    const date = options.date ?? round.date ?? source?.round?.date;
    if (!date)
      throw new InputError({ file }, `round ${key}: no date in the file; give one (--date YYYY-MM-DD)`);
    const number = options.number ?? round.number ?? source?.round?.number;
    const rows = applyCorrections(
      normaliseRows(round.rows, setSource, file, codeErrors),
      manifest.correctionList,
      key,
    );
    if (codeErrors.count > 0) return undefined;
    const { figures, totals, report } = joinRows(rows, areas, { ignoreNameWords: manifest.ignoreNameWords });
    checkStatedTotals(source?.statedTotals?.[key], totals, file, key);
    const version = createHash('sha256')
      .update(
        JSON.stringify([
          INGEST_LOGIC_VERSION,
          sha256,
          set.manifest.version,
          setSource.codeRules,
          manifest.correctionList,
          key,
          date,
          number,
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    const meta: RoundMeta = {
      dataset: manifest.id,
      key,
      ...(number !== undefined ? { number } : {}),
      date,
      source: {
        title: roundTitle(source?.title, key, number),
        organisation: source?.organisation ?? 'IOM DTM',
        file: file.split('/').pop() ?? file,
        sha256,
      },
      boundarySet: set.manifest.id,
      totals,
      status: 'draft',
      version,
    };
    return { meta, figures, report };
  });
  codeErrors.throwIfAny();
  const prepared = checked.filter((round) => round !== undefined);

  if (options.dryRun) {
    const rounds = prepared.map(({ meta, report }) => ({ round: meta, report, outcome: 'dry-run' as const }));
    return { ...described, boundarySet: set.manifest.id, rounds };
  }
  // Read every round's published state first: an import that would overwrite without --replace fails
  // before it writes anything.
  const existing = await Promise.all(
    prepared.map(({ meta }) => deps.catalog.getRound(manifest.id, meta.key)),
  );
  const blocked = prepared.filter(({ meta }, i) => existing[i] && existing[i]?.version !== meta.version);
  if (blocked.length > 0 && !options.replace) {
    throw new InputError(
      { file },
      `round(s) ${blocked.map(({ meta }) => `${manifest.id}/${meta.key}`).join(', ')} already published with other content; import with --replace to overwrite`,
    );
  }
  const results: RoundResult[] = [];
  const lowest = Math.max(...parsed.levels) as AdminLevel;
  for (const [i, prepared_] of prepared.entries()) {
    const { figures, report } = prepared_;
    let meta = prepared_.meta;
    const current = existing[i];
    // Surveyed sites imported for this round before are kept; otherwise the round gets "assessed locations"
    // derived from its lowest-level figures.
    const kept = current
      ? (await deps.catalog.getSites(manifest.id, current.key, current.version)).filter(
          (site) => site.precision === 'gps',
        )
      : [];
    // Only commune rows stand for places; a région-level figure is not an "assessed location".
    const derived = lowest === 3 ? deriveAssessedLocations(figures, areas.get(3) ?? new Map(), 3) : [];
    const sites = kept.length > 0 ? kept : derived;
    if (kept.length > 0)
      meta = {
        ...meta,
        version: hashVersion([meta.version, current?.sitesVersion]),
        sitesVersion: current?.sitesVersion,
      };
    if (current?.version === meta.version) {
      results.push({ round: current, report, outcome: 'unchanged' });
      continue;
    }
    await deps.catalog.writeDraft(meta, figures, report, sites);
    const publishedAt = new Date().toISOString();
    const outcome = await deps.catalog.publish({ ...meta, publishedAt }, current?.version);
    results.push({ round: { ...meta, status: 'published', publishedAt }, report, outcome });
    options.progress?.(`round ${manifest.id}/${meta.key}: ${outcome} (${i + 1}/${prepared.length})`);
  }
  return { ...described, boundarySet: set.manifest.id, rounds: results };
}

/**
 * Applies the set's code rules and refuses codes of another country, naming the row and column. Rows with
 * such codes go to `errors` (and are left out); the caller fails the file if there are any.
 */
function normaliseRows(
  rows: SourceRow[],
  set: BoundarySetSource,
  file: string,
  errors: InputErrorLog,
): SourceRow[] {
  const pattern = new RegExp(set.codePattern);
  const normalised: SourceRow[] = [];
  for (const row of rows) {
    const codes = errors.check(() => {
      const codes: SourceRow['codes'] = {};
      for (const [levelText, raw] of Object.entries(row.sourceCodes)) {
        const level = Number(levelText) as AdminLevel;
        const code = normaliseCode(raw as string, set.codeRules);
        if (!pattern.test(code)) {
          throw new InputError(
            { file, row: row.row, field: `adm${level} code` },
            `"${raw}" is not a P-code of boundary set ${set.id} (expected ${set.codePattern} after its code rules)`,
          );
        }
        codes[level] = code;
      }
      return codes;
    });
    if (codes) normalised.push({ ...row, codes });
  }
  return normalised;
}

/**
 * The boundary set named, or else the set of the dataset whose codes the file matches best (after each set's
 * code rules). A file matching no set is refused rather than joined to the wrong map.
 */
async function chooseBoundarySet(
  manifest: DatasetManifest,
  rounds: ParsedRound[],
  file: string,
  named?: string,
): Promise<BoundarySetSource> {
  if (named) {
    const set = manifest.boundarySets.find((candidate) => candidate.id === named);
    if (!set) throw new InputError({ file }, `dataset ${manifest.id} has no boundary set "${named}"`);
    return set;
  }
  const codes = rounds.flatMap((round) =>
    round.rows.flatMap((row) => Object.values(row.sourceCodes) as string[]),
  );
  let best: { set: BoundarySetSource; share: number } | undefined;
  for (const set of manifest.boundarySets) {
    const pattern = new RegExp(set.codePattern);
    const share =
      codes.filter((code) => pattern.test(normaliseCode(code, set.codeRules))).length /
      Math.max(1, codes.length);
    if (!best || share > best.share) best = { set, share };
  }
  if (!best || best.share < 0.5) {
    throw new InputError(
      { file },
      `its P-codes (${codes.slice(0, 3).join(', ')}…) belong to none of dataset ${manifest.id}'s boundary sets`,
    );
  }
  return best.set;
}

function checkStatedTotals(
  stated: StatedTotals | undefined,
  totals: RoundMeta['totals'],
  file: string,
  key: string,
): void {
  if (!stated) return;
  for (const figure of FIGURE_KEYS) {
    const expected = stated[figure];
    if (expected !== undefined && totals[figure] !== expected) {
      throw new InputError(
        { file, field: figure },
        `round ${key}: rows sum to ${totals[figure] ?? 'nothing'} but the source states ${expected} (${stated.statedIn}); nothing was imported`,
      );
    }
  }
}

/**
 * Imports a site list into a published round: a new version of the round with the same figures and report,
 * and these sites in place of the previous ones (or of the derived assessed locations).
 */
async function ingestSiteList(
  manifest: DatasetManifest,
  described: Omit<IngestResult, 'boundarySet' | 'rounds'>,
  parsed: ParsedSite[],
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
  const set = await deps.boundarySet(setSource.id);
  const areas = areaIndex(set);
  const errors = new InputErrorLog();
  const sites: Site[] = [];
  for (const site of parsed) {
    const { row, sourceCode, ...rest } = site;
    const result: Site = { ...rest, precision: 'gps', sourceRows: [row] };
    if (sourceCode) {
      const code = normaliseCode(sourceCode, setSource.codeRules);
      if (![...areas.values()].some((level) => level.has(code))) {
        errors.add(
          new InputError(
            { file, row, field: 'pcode' },
            `${sourceCode} is not an area of boundary set ${set.manifest.id}`,
          ),
        );
        continue;
      }
      result.pcode = code;
    }
    sites.push(result);
  }
  errors.throwIfAny();
  const sitesVersion = described.sha256.slice(0, 16);
  const base = current.version;
  const meta: RoundMeta = {
    ...current,
    status: 'draft',
    version: hashVersion([base, sitesVersion]),
    sitesVersion,
  };
  const report = await deps.catalog.getReport(manifest.id, key, base);
  if (!report) throw new InputError({ file }, `round ${key} has no join report; re-import its figures first`);
  if (options.dryRun || current.sitesVersion === sitesVersion) {
    return {
      ...described,
      boundarySet: set.manifest.id,
      rounds: [{ round: current, report, outcome: options.dryRun ? 'dry-run' : 'unchanged' }],
    };
  }
  const figures = await deps.catalog.getFigures(manifest.id, key, base);
  await deps.catalog.writeDraft(meta, figures, report, sites);
  const publishedAt = new Date().toISOString();
  const outcome = await deps.catalog.publish({ ...meta, publishedAt }, base);
  options.progress?.(`round ${manifest.id}/${key}: ${sites.length} sites ${outcome}`);
  return {
    ...described,
    boundarySet: set.manifest.id,
    rounds: [{ round: { ...meta, status: 'published', publishedAt }, report, outcome }],
  };
}

function hashVersion(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function roundTitle(title: string | undefined, key: string, number: number | undefined): string {
  const base = title ?? 'IOM DTM';
  return number !== undefined ? `${base}, Round ${number}` : `${base}, ${key}`;
}
