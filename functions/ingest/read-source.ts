import { csvRecords } from './csv-records.ts';
import { decodeText } from './decode-text.ts';
import { InputErrorLog } from './input-log.ts';
import { READERS } from './readers/index.ts';
import type { ReaderInput, SourceHead, SourceReader } from './readers/reader.ts';
import { readWhole, type SniffedSource, sniff } from './sniff.ts';
import type { ByteSource, ParsedSource, ReadOptions } from './source.ts';
import { readWorkbook } from './workbook.ts';

export { MAX_ROUNDS_PER_FILE, MAX_ROWS_PER_FILE } from './collect-rounds.ts';
export { MAX_CSV_BYTES, MAX_WHOLE_FILE_BYTES } from './sniff.ts';
export type { ByteSource, DuplicateRow, ParsedRound, ParsedSource, SourceFormat } from './source.ts';

/** A buffer as a byte source. */
export async function* oneChunk(bytes: Uint8Array): ByteSource {
  yield bytes;
}

/** Reads a DTM source held in memory (see `readSourceStream`). */
export function readSource(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): Promise<ParsedSource> {
  return readSourceStream(oneChunk(bytes), file, options);
}

/**
 * Reads a DTM source, its format detected from the content (no flags): the baseline-assessment CSV export,
 * any CSV tagged with HXL hashtags (columns mapped by hashtag whatever their headers), the long monthly
 * series, site lists, the DTM workbook (XLSX, its data sheet found among others), and DTM API v3 JSON
 * (`{result: [...]}`). Every value is checked; errors name file, row and column.
 *
 * The stages: `sniff` recognises the container from the first 4 KB and bounds, counts and hashes the bytes;
 * the container is opened (CSV streamed record by record, XLSX and JSON read whole up to
 * `MAX_WHOLE_FILE_BYTES`); the first reader in `READERS` whose `detect` accepts the head reads it, each row
 * checked as it arrives and kept only as its round's figure for its area (`RoundCollector`), so memory follows
 * the (round, area) pairs, not the file size. Bad rows are collected (the first 20 and a count) and reading
 * goes on; caps (rounds, rows, bytes, record length) stop it at once, naming the row.
 */
export async function readSourceStream(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): Promise<ParsedSource> {
  const sniffed = await sniff(source, file, options);
  const stops = [() => sniffed.close()];
  try {
    const input = {
      ...(await openContainer(sniffed, file, stops)),
      operation: options.operation,
      country: options.country,
    };
    const content = await readerFor(input.head).read(input);
    return { ...content, file: input.file, ...sniffed.digest() };
  } finally {
    // Stops the parsing and the file or S3 stream if reading stopped early (a fatal error).
    for (const stop of stops) stop();
  }
}

/**
 * Opens the container: a CSV's records as they stream in (its first two as the head), or the whole file.
 * What must be stopped if reading ends early is added to `stops`.
 */
async function openContainer(
  sniffed: SniffedSource,
  file: string,
  stops: Array<() => void>,
): Promise<ReaderInput> {
  const log = new InputErrorLog();
  if (sniffed.container === 'text') {
    const csv = csvRecords(sniffed.chunks(), file, log);
    stops.unshift(csv.close);
    const { head, records } = await splitHead(csv.records);
    return { file, head: { container: 'text', records: head }, records, text: '', log };
  }
  const whole = await readWhole(sniffed.chunks());
  if (sniffed.container === 'json') {
    return { file, head: { container: 'json', records: [] }, records: [], text: decodeText(whole), log };
  }
  const { sheet, records } = await readWorkbook(whole, file);
  const head = { container: 'zip' as const, records: records.slice(0, 2) };
  return { file: `${file} [${sheet}]`, head, records, text: '', log };
}

/** The first two records, read ahead, and all the records (those two first) as one stream. */
async function splitHead(
  stream: AsyncIterable<string[]>,
): Promise<{ head: string[][]; records: AsyncIterable<string[]> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const head: string[][] = [];
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  async function* records(): AsyncIterable<string[]> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, records: records() };
}

/** The first reader that recognises the head; the plain CSV, XLSX and JSON readers take whatever is left. */
function readerFor(head: SourceHead): SourceReader {
  const reader = READERS.find((candidate) => candidate.detect(head));
  if (!reader) throw new Error(`no reader for a ${head.container} source`);
  return reader;
}
