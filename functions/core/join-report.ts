import type { NameAgreement } from './names.ts';
import type { BlankRow, DuplicateRow, RowLevel } from './row-facts.ts';
import type { AdminLevel, AppliedCorrection, FigureKey, Figures } from './types.ts';

/** The join report's parts: what joining a round found, row by row and level by level. */

export interface AreaSuggestion {
  pcode: string;
  name: string;
}

/** A row whose name disagrees with the area its code points at. */
export interface NameDisagreement {
  row: number;
  level: AdminLevel;
  code: string;
  sourceCode: string;
  sourceName: string;
  boundaryName: string;
  agreement: Exclude<NameAgreement, 'same'>;
  /** Areas of the same level whose name matches the source name: the likely intended area. */
  suggestions: AreaSuggestion[];
}

/** A row whose code matches no area of the boundary set at its level. Its figures are not placed there. */
export interface UnmatchedCode extends Figures {
  row: number;
  level: AdminLevel;
  code: string;
  sourceCode: string;
  sourceName: string;
  suggestions: AreaSuggestion[];
}

/** A row whose lower-level code sits under another parent in the boundaries than the row says. */
export interface ParentDisagreement {
  row: number;
  level: AdminLevel;
  code: string;
  sourceParent: string;
  boundaryParent: string;
}

export interface LevelReport {
  level: AdminLevel;
  /** Rows whose code at this level matched an area (after reviewed corrections). */
  rowsMatched: number;
  /** Of those, rows placed through a reviewed correction. */
  rowsCorrected: number;
  rowsUnmatched: number;
  areasWithData: number;
  areasWithoutData: number;
  /** P-codes of the areas of this level that no row reports: shown as "no data", never as zero. */
  withoutData: string[];
  /** Sum of the figures placed on areas of this level. */
  placed: Figures;
  /** Sum of the figures of rows whose code matched no area of this level. `placed + unplaced = totals`. */
  unplaced: Figures;
}

/** Several rows summed into one area's figure at the rows' own (lowest) level: parts, or corrected rows. */
export interface MergedRows {
  level: AdminLevel;
  code: string;
  rows: number[];
}

/** One total the publisher stated for the round, checked against the sum of its rows. */
export interface StatedTotalCheck {
  figure: FigureKey;
  stated: number;
  /** The rows' sum; absent when no row gives the figure. */
  actual?: number;
  statedIn: string;
  matches: boolean;
}

/** The records of one level of a source that gives several levels itself, summed (see `LevelCheck`). */
export interface LevelSum {
  /** 0: the national (admin 0) records. */
  level: RowLevel;
  /** The sum of the level's own records, placed on an area or not. */
  sum: Figures;
  /** `sum` minus the reference level's sum, figure by figure; absent when they are the same. */
  difference?: Figures;
}

/**
 * How the levels of a source that gives each level itself (a DTM API feed: admin 0, 1 and 2 records) agree:
 * every level's sum against the national figure (`against: 'national'`), or against the highest level given
 * when there are no admin 0 records. Each record counts only at its own level, so this is a real check.
 */
export interface LevelCheck {
  against: 'national' | 'top-level';
  /** Every level the source gives, national first. */
  levels: LevelSum[];
  /** True when every level's sum is the reference's. */
  matches: boolean;
}

/** Rows of other DTM operations than the dataset's, skipped (never imported), counted by operation name. */
export interface SkippedOperation {
  operation: string;
  rows: number;
}

/** Rows of other countries than the dataset's (a file of every country), skipped, counted by ISO3 code. */
export interface SkippedCountry {
  country: string;
  rows: number;
}

/** What joining a round to its boundary set found: the basis of trust in every figure on the map. */
export interface JoinReport {
  rows: number;
  totals: Figures;
  levels: LevelReport[];
  /** Reviewed corrections applied before joining, each with the source's own code and name. */
  corrections: AppliedCorrection[];
  // The next four are absent from reports stored before ingest logic 4.
  /** Areas whose figure sums several rows (see `MergedRows`). */
  merges?: MergedRows[];
  /** Rows repeating another's whole key with the same figures, counted once. */
  duplicates?: DuplicateRow[];
  /** Rows with no figure at all: their areas stay "no data". */
  blankRows?: BlankRow[];
  /** The totals the manifest states for the round, and whether the rows match them (an override is in the round's provenance). */
  statedTotals?: StatedTotalCheck[];
  /** Present when the source gives several levels itself (a DTM feed): how their sums agree. */
  levelCheck?: LevelCheck;
  /** Rows of the source(s) that belong to other operations than the dataset's: skipped, by operation. */
  skippedOperations?: SkippedOperation[];
  /** Rows of the source(s) that belong to other countries than the dataset's: skipped, by country. */
  skippedCountries?: SkippedCountry[];
  unmatchedCodes: UnmatchedCode[];
  nameDisagreements: NameDisagreement[];
  parentDisagreements: ParentDisagreement[];
}
