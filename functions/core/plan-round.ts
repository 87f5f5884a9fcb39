import { applyCorrections } from './corrections.ts';
import type { BoundarySetSource, DatasetManifest, SourceFile, StatedTotals } from './dataset-manifest.ts';
import { InputError } from './errors.ts';
import {
  type AreaIndex,
  type JoinReport,
  joinRows,
  type SkippedOperation,
  type SourceRow,
  type StatedTotalCheck,
} from './join.ts';
import type { SkippedCountry } from './join-report.ts';
import { roundProvenance } from './provenance.ts';
import { judgeRows } from './row-facts.ts';
import { normaliseRows, type RowErrorCollector } from './source-codes.ts';
import {
  type AdminLevel,
  type AreaFigures,
  FIGURE_KEYS,
  type RoundMeta,
  type RoundProvenance,
} from './types.ts';
import { hashVersion } from './version.ts';

/** Bumped whenever parsing or joining changes in a way that could change figures: part of every version. */
export const INGEST_LOGIC_VERSION = 4;

/** The rows of one round as a reader found them, with what the file says about the round. */
export interface RoundRows {
  key?: string;
  number?: number;
  date?: string;
  rows: readonly SourceRow[];
}

/** Everything a round's plan depends on: the dataset, the boundary set joined to, the file and the round. */
export interface RoundPlanInput {
  manifest: Pick<DatasetManifest, 'id' | 'correctionList' | 'ignoreNameWords' | 'rounds' | 'figuresLicence'>;
  set: BoundarySetSource;
  /** The prepared boundary set's id and content version. */
  boundaries: { id: string; version: string };
  areas: AreaIndex;
  file: string;
  /** SHA-256 of the file: part of the round's version. */
  sha256: string;
  /**
   * Round key, number and date given by the caller; they win over the file's. `acceptTotalsMismatch`: the
   * operator's reason for importing a round whose rows do not add up to a stated total (kept in provenance).
   */
  options: { round?: string; number?: number; date?: string; acceptTotalsMismatch?: string | undefined };
  /** The column of each level's P-code as the file names it, for messages about repeated areas. */
  codeColumns?: Partial<Record<AdminLevel, string>> | undefined;
  /** The dataset manifest's entry for this file, if it has one (title, round, stated totals). */
  source?: SourceFile;
  /** Rows of the source(s) skipped as other operations than the dataset's, for every round's report. */
  skippedOperations?: SkippedOperation[];
  /** Rows of the source(s) skipped as other countries than the dataset's, for every round's report. */
  skippedCountries?: SkippedCountry[];
}

/** A round ready to store: its meta (a draft under its content version), figures per area and join report. */
export interface RoundPlan {
  meta: RoundMeta;
  figures: AreaFigures[];
  report: JoinReport;
}

/**
 * Plans every round of a file (pure; nothing is read or written). Codes of another country are collected in
 * `errors` over every round (the first 20 and a count), like bad values; rounds after the first such code
 * are only checked, not joined, and the caller fails the file if `errors` holds any.
 */
export function planRounds(
  input: RoundPlanInput,
  rounds: readonly RoundRows[],
  errors: RowErrorCollector,
): RoundPlan[] {
  if (rounds.length > 1 && input.options.round) {
    throw new InputError(
      { file: input.file },
      `the file holds ${rounds.length} rounds; --round names one round only`,
    );
  }
  return rounds.flatMap((round) => planRound(input, round, errors) ?? []);
}

/**
 * Plans one round: names and dates it, normalises its codes by the set's code rules, judges repeated and
 * blank rows on the normalised codes (`judgeRows`), applies the reviewed corrections, joins it to the areas,
 * checks the totals the manifest states for the round, and computes its content version. `undefined` when
 * rows were refused (in this round or an earlier one: see `planRounds`).
 */
export function planRound(
  input: RoundPlanInput,
  round: RoundRows,
  errors: RowErrorCollector,
): RoundPlan | undefined {
  const { manifest, set, file, source } = input;
  const { key, date, number } = roundIdentity(input, round);
  const normalised = normaliseRows(round.rows, set, file, errors);
  const facts = judgeRows(normalised, { file, codeColumns: input.codeColumns }, errors);
  if (errors.count > 0) return undefined;
  const rows = applyCorrections(facts.rows, manifest.correctionList, key);
  const joined = joinRows(rows, input.areas, { ignoreNameWords: manifest.ignoreNameWords });
  const { figures, totals } = joined;
  const statedTotals = checkStatedTotals(manifest.rounds?.[key]?.statedTotals, totals, file, key, {
    accept: input.options.acceptTotalsMismatch,
  });
  const report: JoinReport = {
    ...joined.report,
    duplicates: facts.duplicates,
    blankRows: facts.blankRows,
    statedTotals,
    ...(input.skippedOperations ? { skippedOperations: input.skippedOperations } : {}),
    ...(input.skippedCountries ? { skippedCountries: input.skippedCountries } : {}),
  };
  const overridden = statedTotals.some((check) => !check.matches);
  const reason = input.options.acceptTotalsMismatch;
  const provenance = roundProvenance(manifest, set, source, overridden && reason ? { reason } : undefined);
  const meta = roundMeta(input, { key, date, number }, totals, provenance);
  return { meta, figures, report };
}

/** The round's meta: a draft under its content version, with its source, totals, provenance and caveat. */
function roundMeta(
  input: RoundPlanInput,
  { key, date, number }: { key: string; date: string; number: number | undefined },
  totals: RoundMeta['totals'],
  provenance: RoundProvenance,
): RoundMeta {
  const { manifest, set, file, source } = input;
  const caveat = manifest.rounds?.[key]?.caveat;
  const version = hashVersion([
    INGEST_LOGIC_VERSION,
    input.sha256,
    input.boundaries.version,
    set.codeRules,
    manifest.correctionList,
    key,
    date,
    number,
    // What the round's meta says about its sources: a changed credit, licence or caveat is a new version.
    provenance,
    caveat,
  ]);
  return {
    dataset: manifest.id,
    key,
    ...(number !== undefined ? { number } : {}),
    date,
    source: {
      title: roundTitle(source?.title, key, number),
      organisation: source?.organisation ?? 'IOM DTM',
      file: file.split('/').pop() ?? file,
      sha256: input.sha256,
    },
    boundarySet: input.boundaries.id,
    totals,
    status: 'draft',
    version,
    provenance,
    ...(caveat ? { caveat } : {}),
  };
}

/** The round's key, date and number: the caller's, else the file's, else the manifest's; key and date required. */
function roundIdentity(
  { options, source, file }: RoundPlanInput,
  round: RoundRows,
): { key: string; date: string; number: number | undefined } {
  const key = options.round ?? round.key ?? source?.round?.key;
  if (!key) throw new InputError({ file }, 'the file does not say which round it is; name it (--round KEY)');
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(key) || key === 'latest')
    throw new InputError({ file }, `"${key}" cannot be a round key`);
  const date = options.date ?? round.date ?? source?.round?.date;
  if (!date)
    throw new InputError({ file }, `round ${key}: no date in the file; give one (--date YYYY-MM-DD)`);
  return { key, date, number: options.number ?? round.number ?? source?.round?.number };
}

/**
 * Checks a round's totals against every total its publisher announced (the manifest's `rounds`), whatever the
 * file: a mismatch refuses the round with both figures, unless the operator accepts it with a reason
 * (`accept`, kept in the round's provenance). Returns what was checked, for the join report.
 */
export function checkStatedTotals(
  stated: StatedTotals | undefined,
  totals: RoundMeta['totals'],
  file: string,
  key: string,
  { accept }: { accept?: string | undefined } = {},
): StatedTotalCheck[] {
  if (!stated) return [];
  const checks: StatedTotalCheck[] = [];
  for (const figure of FIGURE_KEYS) {
    const expected = stated[figure];
    if (expected === undefined) continue;
    const actual = totals[figure];
    const check = { figure, stated: expected, statedIn: stated.statedIn, matches: actual === expected };
    checks.push(actual === undefined ? check : { ...check, actual });
  }
  const mismatches = checks.filter((check) => !check.matches);
  if (mismatches.length > 0 && !accept?.trim()) {
    const n = new Intl.NumberFormat('en-GB');
    const each = mismatches.map(
      (m) =>
        `${m.figure}: rows sum to ${m.actual === undefined ? 'nothing' : n.format(m.actual)} but the source states ${n.format(m.stated)}`,
    );
    throw new InputError(
      { file, field: mismatches.map((m) => m.figure).join(', ') },
      `round ${key}: ${each.join('; ')} (${stated.statedIn}); nothing was imported (--accept-totals-mismatch "<reason>" imports it anyway, keeping the reason)`,
    );
  }
  return checks;
}

function roundTitle(title: string | undefined, key: string, number: number | undefined): string {
  const base = title ?? 'IOM DTM';
  return number !== undefined ? `${base}, Round ${number}` : `${base}, ${key}`;
}
