import type { InputErrorLog } from '../input-log.ts';
import type { Container } from '../sniff.ts';
import type { SourceContent, SourceFormat } from '../source.ts';

/** What a reader's `detect` sees of a source: its container and, for a table, its first two records. */
export interface SourceHead {
  container: Container;
  /** A table's header and second record (CSV, or a workbook's data sheet); empty for JSON. */
  records: readonly string[][];
}

/** What a reader reads: the whole table, record by record, or the whole JSON text. */
export interface ReaderInput {
  /** The name errors use. */
  file: string;
  head: SourceHead;
  /** Every record of a table, the head's first, as they arrive (a CSV is streamed). Empty for JSON. */
  records: AsyncIterable<string[]> | Iterable<string[]>;
  /** The whole text of a JSON source; empty for a table. */
  text: string;
  /** Where bad rows go: reading goes on after one, and the first few are reported with a count. */
  log: InputErrorLog;
  /** The dataset's DTM operation, when it has one: rows of other operations are skipped and counted. */
  operation?: string | undefined;
  /** The dataset's country (ISO3), for sources of every country: rows of others are skipped and counted. */
  country?: string | undefined;
}

/**
 * One source format. The pipeline asks the readers in order (`readers/index.ts`) and the first whose
 * `detect` says yes reads the source: every value checked, errors naming file, row and column. Adding a
 * format is one file exporting one of these, plus a fixture folder in `test/fixtures/ingest/`.
 */
export interface SourceReader {
  /** The format reported in an import's result. */
  readonly format: SourceFormat;
  /** True when a source starting with `head` is in this format. */
  detect(head: SourceHead): boolean;
  /** Reads and checks the source; throws the bad rows collected (see `InputErrorLog`) at the end. */
  read(input: ReaderInput): Promise<SourceContent>;
}
