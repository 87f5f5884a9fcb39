import type { SkippedOperation, SourceRow } from '../core/join.ts';
import type { SkippedCountry } from '../core/join-report.ts';

export type { DuplicateRow } from '../core/row-facts.ts';

import type { ParsedSite } from '../core/sites.ts';
import type { AdminLevel } from '../core/types.ts';

/** The formats DTM Atlas reads; each has one reader in `readers/`. */
export type SourceFormat =
  | 'dtm-baseline-csv'
  | 'monthly-series-csv'
  | 'hxl-csv'
  | 'csv'
  | 'dtm-xlsx'
  | 'dtm-api-json'
  | 'hdx-dtm-csv'
  | 'site-list';

/** The bytes of a file as they arrive: a file stream, an S3 object body, or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array>;

/** The rows of one round found in a source (a file can hold many: a monthly series, an API dump). */
export interface ParsedRound {
  /** Round key from the file (a month, a round number); absent when the caller must name it. */
  key?: string;
  number?: number;
  /** Latest date the rows report. */
  date?: string;
  operation?: string;
  rows: SourceRow[];
}

/** What a reader found in a source: its rounds of figures, or its sites. */
export interface SourceContent {
  format: SourceFormat;
  /** For a site list: its sites (and no rounds of figures). */
  sites?: ParsedSite[];
  levels: AdminLevel[];
  /** The column of each level's P-code as the source names it, for messages about repeated areas. */
  codeColumns?: Partial<Record<AdminLevel, string>>;
  rounds: ParsedRound[];
  /** Rows of other operations than the one asked for (`ReadOptions.operation`), by operation; else absent. */
  skippedOperations?: SkippedOperation[];
  /** Rows of other countries than the one asked for (`ReadOptions.country`), by country; else absent. */
  skippedCountries?: SkippedCountry[];
}

/** A source read and checked: its content, the name its errors use, and its size and hash. */
export interface ParsedSource extends SourceContent {
  /** The file name errors use (a workbook's adds its data sheet: `file.xlsx [Sheet1]`). */
  file: string;
  /** Size and SHA-256 of the file's bytes, computed as they were read. */
  bytes: number;
  sha256: string;
}

export interface ReadOptions {
  /** Told every 64 MB read, for long files. */
  progress?: (message: string) => void;
  /** Read only the rows of this DTM operation (the dataset's); rows of others are skipped and counted. */
  operation?: string | undefined;
  /**
   * The dataset's country (ISO3): a source of every country (the HDX "IOM DTM from API" CSV) is read for
   * this one; rows of others are skipped and counted.
   */
  country?: string | undefined;
}
