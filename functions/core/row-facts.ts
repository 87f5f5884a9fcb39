import { InputError } from './errors.ts';
import { pickFigures } from './figures.ts';
import type { SourceRow } from './join.ts';
import type { RowErrorCollector } from './source-codes.ts';
import { type AdminLevel, FIGURE_KEYS } from './types.ts';

/**
 * What sets a row apart from the other rows of its area in a source that splits an area's figure (the DTM API:
 * one row per displacement reason, assessment type and origin). Text as the source writes it; compared
 * case-folded. The round and operation are the round's.
 */
export interface RowPart {
  date?: string;
  reason?: string;
  assessmentType?: string;
  /** Origin (admin 1) code, else name. */
  origin?: string;
  males?: number;
  females?: number;
}

/** A row that repeats another's whole key with the same figures: counted once, listed in the join report. */
export interface DuplicateRow {
  row: number;
  duplicateOf: number;
  /** The area's code as the row writes it. */
  code: string;
}

/**
 * The level a row gives its figure for: its lowest P-code's level, or 0 for a national record (a DTM API
 * admin 0 record names no area below the country).
 */
export type RowLevel = 0 | AdminLevel;

/** A row whose figures are all blank or unknown: it gives its area no figure (the area stays "no data"). */
export interface BlankRow {
  row: number;
  level: RowLevel;
  /** The area's code after the code rules, and as the row writes it. */
  code: string;
  sourceCode: string;
}

/** Where a round's rows come from, for messages naming the repeated rows. */
export interface RowFactsContext {
  file: string;
  /** The column of each level's P-code as the source names it; `adm<n> code` otherwise. */
  codeColumns?: Partial<Record<AdminLevel, string>> | undefined;
}

export interface RowFacts {
  /** The rows that give figures, each fact once. */
  rows: SourceRow[];
  duplicates: DuplicateRow[];
  blankRows: BlankRow[];
}

/**
 * Judges the rows of one round once their codes are normalised (so `MLI040626`, `mli040626` and `ML040626`
 * are one commune). A source of one row per area (baseline CSV/XLSX, HXL, monthly series) may not name an
 * area twice: both rows are named in an error. In a source keyed by fact (DTM API v3: `row.part` set), rows
 * of one area that differ in date, reason, origin or assessment type are parts of its figure and all kept;
 * a row repeating the whole key with the same figures is counted once and listed, with other figures it is
 * an error naming both rows. Rows with no figure at all are listed and left out, so their area has no figure.
 */
export function judgeRows(
  rows: readonly SourceRow[],
  context: RowFactsContext,
  errors: RowErrorCollector,
): RowFacts {
  const seen = new Map<string, SourceRow>();
  const facts: RowFacts = { rows: [], duplicates: [], blankRows: [] };
  for (const row of rows) {
    const level = rowLevel(row);
    const key = factKey(row, level);
    const earlier = seen.get(key);
    if (earlier) {
      const duplicate = errors.check(() => repeated(row, earlier, level, context));
      if (duplicate) facts.duplicates.push(duplicate);
      continue;
    }
    seen.set(key, row);
    if (FIGURE_KEYS.some((figure) => row[figure] !== undefined)) facts.rows.push(row);
    else facts.blankRows.push(blankRow(row, level));
  }
  return facts;
}

/** The level a row gives its figure for (see `RowLevel`). */
export function rowLevel(row: Pick<SourceRow, 'codes'>): RowLevel {
  return Math.max(0, ...Object.keys(row.codes).map(Number)) as RowLevel;
}

/** The row's code at its own level; a national record's is empty. */
function ownCode(row: SourceRow, level: RowLevel, codes: 'codes' | 'sourceCodes' = 'codes'): string {
  return level === 0 ? '' : (row[codes][level] as string);
}

/** The area (its normalised lowest-level code) and, for a fact-keyed row, what makes it one part. */
function factKey(row: SourceRow, level: RowLevel): string {
  // A level in the key: a feed read from several files has national, admin 1 and admin 2 records.
  const code = `${level}:${ownCode(row, level)}`;
  if (!row.part) return code;
  const { date, reason, origin, assessmentType } = row.part;
  return JSON.stringify([code, date, reason, origin, assessmentType].map((text) => text?.toLowerCase()));
}

/** A repeat of `earlier`: a duplicate when the key is a fact's and the figures are the same, else an error. */
function repeated(
  row: SourceRow,
  earlier: SourceRow,
  level: RowLevel,
  { file, codeColumns }: RowFactsContext,
): DuplicateRow {
  const sourceCode = level === 0 ? 'the country' : ownCode(row, level, 'sourceCodes');
  const field = level === 0 ? 'admin 0' : (codeColumns?.[level] ?? `adm${level} code`);
  const location = { file, row: row.row, field };
  if (!row.part) {
    const earlierCode = ownCode(earlier, level, 'sourceCodes');
    const same =
      earlierCode === sourceCode ? '' : `, as ${earlierCode}; both are ${row.codes[level as AdminLevel]}`;
    throw new InputError(location, `duplicate row for ${sourceCode} (first on row ${earlier.row}${same})`);
  }
  if (signature(row) !== signature(earlier)) {
    throw new InputError(
      location,
      `row ${row.row} repeats row ${earlier.row} (same area ${sourceCode}, round, date, reason, origin and assessment type) with other figures (${describe(row)} against ${describe(earlier)}); keep one`,
    );
  }
  return { row: row.row, duplicateOf: earlier.row, code: sourceCode };
}

function signature(row: SourceRow): string {
  return JSON.stringify([pickFigures(row), row.part?.males, row.part?.females]);
}

function describe(row: SourceRow): string {
  const figures = Object.entries(pickFigures(row)).map(([key, value]) => `${key} ${value}`);
  return figures.length > 0 ? figures.join(', ') : 'no figures';
}

function blankRow(row: SourceRow, level: RowLevel): BlankRow {
  return { row: row.row, level, code: ownCode(row, level), sourceCode: ownCode(row, level, 'sourceCodes') };
}
