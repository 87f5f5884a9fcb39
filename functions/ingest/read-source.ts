import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../core/errors.ts';
import type { SourceRow } from '../core/join.ts';
import { type AdminLevel, FIGURE_KEYS, type Figures } from '../core/types.ts';
import { type Field, fieldForHashtag, fieldForHeader, isHashtagRow } from './columns.ts';
import { decodeText, StreamTextDecoder } from './decode-text.ts';
import { InputErrorLog, MAX_LISTED } from './input-log.ts';
import { isSiteList, type ParsedSite, SiteListReader } from './read-sites.ts';
import { readCount, readDate } from './values.ts';
import { readWorkbook } from './workbook.ts';

export type SourceFormat =
  | 'dtm-baseline-csv'
  | 'monthly-series-csv'
  | 'hxl-csv'
  | 'csv'
  | 'dtm-xlsx'
  | 'dtm-api-json'
  | 'site-list';

/** The bytes of a file as they arrive: a file stream, an S3 object body, or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array>;

/** XLSX and JSON are read whole (a zip needs random access, JSON.parse a string), so their size bounds memory. */
export const MAX_WHOLE_FILE_BYTES = 50 * 1024 * 1024;
/**
 * CSV is streamed: memory follows the rounds and areas kept, not the file size. This bound only keeps an
 * import within minutes (and the ingest Lambda within its timeout); a DTM CSV is kilobytes to megabytes.
 */
export const MAX_CSV_BYTES = 1024 * 1024 * 1024;
export const MAX_ROUNDS_PER_FILE = 1000;
/**
 * Rows of figures one file may keep: one per round and area (exact duplicates are counted, not kept). With
 * the rounds cap this is what bounds memory: 1000 rounds of 250 communes, or 350 rounds of Mali's 701.
 */
export const MAX_ROWS_PER_FILE = 250_000;
/** Longest CSV record, in characters. A DTM row is a few kilobytes; an unclosed quote must not swallow the file. */
const MAX_RECORD_CHARS = 1024 * 1024;
/** Bytes looked at to recognise the format (the first chunk is gathered up to this size). */
const HEAD_BYTES = 4096;
const PROGRESS_BYTES = 64 * 1024 * 1024;
const LEVELS: AdminLevel[] = [1, 2, 3];

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

/** Exact repeats of a row (same area, same figures) that a source may contain; reported and counted once. */
export interface DuplicateRow {
  row: number;
  duplicateOf: number;
  code: string;
}

export interface ParsedSource {
  file: string;
  format: SourceFormat;
  /** For a site list: its sites (and no rounds of figures). */
  sites?: ParsedSite[];
  levels: AdminLevel[];
  rounds: ParsedRound[];
  /** The first `MAX_LISTED` exact duplicate rows (DTM API JSON only; in a CSV a repeated area is an error). */
  duplicates: DuplicateRow[];
  duplicateCount: number;
  /** Size and SHA-256 of the file's bytes, computed as they were read. */
  bytes: number;
  sha256: string;
}

type TableContent = Omit<ParsedSource, 'file' | 'bytes' | 'sha256'>;

export interface ReadOptions {
  /** Told every 64 MB read, for long files. */
  progress?: (message: string) => void;
}

/** A buffer as a byte source. */
export async function* oneChunk(bytes: Uint8Array): ByteSource {
  yield bytes;
}

/** Reads a DTM source held in memory (see `readSourceStream`). */
export function readSource(bytes: Uint8Array, file: string): Promise<ParsedSource> {
  return readSourceStream(oneChunk(bytes), file);
}

/**
 * Reads a DTM source, its format detected from the content (no flags): the baseline-assessment CSV export,
 * any CSV tagged with HXL hashtags (columns mapped by hashtag whatever their headers), the long monthly
 * series, site lists, the DTM workbook (XLSX, its data sheet found among others), and DTM API v3 JSON
 * (`{result: [...]}`). Every value is checked; errors name file, row and column.
 *
 * The format is recognised from the first 4 KB. CSV is then streamed: decoded chunk by chunk, parsed record
 * by record, each row checked as it arrives and kept only as its round's figure for its area, so memory
 * follows the (round, area) pairs, not the file size. Bad rows are collected (the first 20 and a count) and
 * reading goes on; caps (rounds, rows, bytes, record length) stop it at once, naming the row. XLSX and JSON
 * are read whole, up to `MAX_WHOLE_FILE_BYTES`. The SHA-256 is computed on the way.
 */
export async function readSourceStream(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): Promise<ParsedSource> {
  const iterator = source[Symbol.asyncIterator]();
  const hash = createHash('sha256');
  let bytes = 0;
  let reported = 0;
  let limit = { bytes: MAX_CSV_BYTES, problem: '' };
  const take = (chunk: Uint8Array): Uint8Array => {
    bytes += chunk.byteLength;
    if (bytes > limit.bytes) throw new InputError({ file }, limit.problem);
    hash.update(chunk);
    if (options.progress && bytes - reported >= PROGRESS_BYTES) {
      reported = bytes;
      options.progress(`${file}: ${(bytes / 1024 / 1024).toFixed(0)} MB read`);
    }
    return chunk;
  };
  try {
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.byteLength;
    }
    const first = head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head);
    const start = first.subarray(0, HEAD_BYTES);
    if (first.byteLength === 0 || decodeText(start).trim() === '') {
      throw new InputError({ file }, 'the file is empty');
    }
    const zip = first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
    const firstCharacter = zip ? '' : decodeText(start).trimStart()[0];
    const json = firstCharacter === '{' || firstCharacter === '[';
    const mb = (n: number) => `${n / 1024 / 1024} MB`;
    limit =
      zip || json
        ? {
            bytes: MAX_WHOLE_FILE_BYTES,
            problem: `the file is over ${mb(MAX_WHOLE_FILE_BYTES)}; ${zip ? 'XLSX workbooks' : 'JSON files'} are read whole and refused above that (save it as CSV, which is streamed, or split it by round)`,
          }
        : {
            bytes: MAX_CSV_BYTES,
            problem: `the file is over ${mb(MAX_CSV_BYTES)}; CSV files over ${mb(MAX_CSV_BYTES)} are refused (split it by round)`,
          };
    const chunks = async function* (): ByteSource {
      yield take(first);
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield take(next.value);
      }
    };
    let content: TableContent;
    if (zip || json) {
      const parts: Uint8Array[] = [];
      for await (const chunk of chunks()) parts.push(chunk);
      const whole = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
      if (zip) {
        const { sheet, records } = await readWorkbook(whole, file);
        const table = new TableReader(`${file} [${sheet}]`, 'xlsx');
        for (const record of records) table.push(record);
        return { ...table.finish(), file: `${file} [${sheet}]`, bytes, sha256: hash.digest('hex') };
      }
      content = readApiJson(decodeText(whole), file);
    } else {
      content = await readCsvStream(chunks(), file);
    }
    return { ...content, file, bytes, sha256: hash.digest('hex') };
  } finally {
    // Stops the file or S3 stream if reading stopped early (a fatal error); harmless once it has ended.
    iterator.return?.()?.catch(() => {});
  }
}

/** Streams a CSV: decodes chunk by chunk (see `StreamTextDecoder`), parses record by record, checks each row. */
async function readCsvStream(chunks: ByteSource, file: string): Promise<TableContent> {
  const decoder = new StreamTextDecoder(
    (from, to) =>
      new InputError(
        { file },
        `bytes ${from}–${to} are not UTF-8 although the text before them is UTF-8 with accented letters: the file mixes encodings (save it again as UTF-8)`,
      ),
  );
  async function* text(): AsyncIterable<string> {
    for await (const chunk of chunks) {
      const decoded = decoder.write(chunk);
      if (decoded) yield decoded;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  const table = new TableReader(file, 'csv');
  const parser = parse({
    columns: false,
    skip_empty_lines: true,
    relax_column_count: false,
    trim: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  try {
    await pipeline(text, parser, async (records: AsyncIterable<string[]>) => {
      for await (const record of records) table.push(record);
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as { lines?: number }).lines;
      throw table.log.fatal(
        new InputError({ file, ...(lines ? { row: lines } : {}) }, `not a readable CSV (${error.message})`),
      );
    }
    throw error;
  }
  return table.finish();
}

/**
 * Reads a table record by record: the header (and the HXL hashtag row when the second row is one) decide
 * the columns and whether it is a site list or figures; then every row is checked as it comes.
 */
class TableReader {
  readonly log = new InputErrorLog();
  private readonly head: string[][] = [];
  private add: ((row: number, cells: string[]) => void) | undefined;
  private result: (() => TableContent) | undefined;
  private nextRow = 0;

  constructor(
    private readonly file: string,
    private readonly container: 'csv' | 'xlsx',
  ) {}

  push(cells: string[]): void {
    if (this.add) {
      this.add(this.nextRow++, cells);
      return;
    }
    this.head.push(cells);
    if (this.head.length === 2) this.start();
  }

  finish(): TableContent {
    if (!this.add) this.start();
    const result = (this.result as () => TableContent)();
    this.log.throwIfAny();
    return result;
  }

  /** Decides the layout from the first two records. */
  private start(): void {
    const { file, head, log } = this;
    const [header = [], second] = head;
    const hxl = second !== undefined && isHashtagRow(second);
    this.nextRow = hxl ? 3 : 2;
    if (isSiteList(head)) {
      const sites = new SiteListReader(head, file, log);
      this.add = (row, cells) => sites.add(row, cells);
      this.result = () => ({
        format: 'site-list',
        levels: [],
        rounds: [],
        duplicates: [],
        duplicateCount: 0,
        sites: sites.finish(),
      });
    } else {
      const names = hxl ? (second as string[]) : header;
      const columns = new Map<Field, number>();
      names.forEach((name, index) => {
        const field = hxl ? fieldForHashtag(name) : fieldForHeader(name);
        if (field && !columns.has(field)) columns.set(field, index);
      });
      const columnName = (field: Field) => header[columns.get(field) ?? -1] ?? field;
      requireColumns(columns, file, hxl ? 2 : 1, hxl);
      const format: SourceFormat =
        this.container === 'xlsx'
          ? 'dtm-xlsx'
          : hxl
            ? 'hxl-csv'
            : columns.has('month')
              ? 'monthly-series-csv'
              : header.includes('admin3Pcode_dtm') || header.includes('admin1Pcode_dtm')
                ? 'dtm-baseline-csv'
                : 'csv';
      const levels = LEVELS.filter((level) => columns.has(`adm${level}_code`));
      const rounds = new RoundCollector(file, levels, columnName, false, log);
      const fields = [...columns];
      this.add = (row, cells) => {
        const values: Partial<Record<Field, unknown>> = {};
        for (const [field, index] of fields) values[field] = cells[index] ?? '';
        rounds.add(row, values);
      };
      this.result = () => {
        if (rounds.rows === 0) throw new InputError({ file }, 'the file has a header but no data rows');
        return { format, ...rounds.finish() };
      };
    }
    if (second !== undefined && !hxl) this.add(this.nextRow++, second);
  }
}

function readApiJson(text: string, file: string): TableContent {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError({ file }, `not valid JSON (${(error as Error).message})`);
  }
  const result = (document as { result?: unknown })?.result;
  if (!Array.isArray(result)) {
    throw new InputError(
      { file, field: 'result' },
      'unknown JSON format: expected a DTM API response with a "result" array',
    );
  }
  if (result.length === 0)
    throw new InputError({ file, field: 'result' }, 'the DTM API response has no records');
  const log = new InputErrorLog();
  const raw = result.map((record, i) =>
    log.check(() => {
      if (typeof record !== 'object' || record === null)
        throw new InputError({ file, row: i + 1 }, 'record is not an object');
      const values: Partial<Record<Field, unknown>> = {};
      for (const [key, value] of Object.entries(record)) {
        const field = fieldForHeader(key);
        if (field && !(field in values)) values[field] = value;
      }
      return values;
    }),
  );
  // Not one record is an object: that is the problem to report, not the columns they lack.
  if (raw.every((values) => values === undefined)) log.throwIfAny();
  const columns = new Map<Field, number>();
  for (const values of raw) for (const field of Object.keys(values ?? {}) as Field[]) columns.set(field, 0);
  requireColumns(columns, file, 1, false);
  const levels = LEVELS.filter((level) => raw.some((values) => values?.[`adm${level}_code`] !== undefined));
  const rounds = new RoundCollector(file, levels, (field) => field, true, log);
  raw.forEach((values, i) => {
    if (values) rounds.add(i + 1, values);
  });
  const content = { format: 'dtm-api-json' as const, ...rounds.finish() };
  log.throwIfAny();
  return content;
}

function requireColumns(columns: Map<Field, number>, file: string, row: number, hxl: boolean): void {
  if (!LEVELS.some((level) => columns.has(`adm${level}_code`))) {
    throw new InputError(
      { file, row, field: hxl ? '#adm1+code' : 'admin1Pcode' },
      'unknown format: no column gives an administrative P-code (headers such as admin1Pcode, admin2Pcode_dtm, or HXL #adm1+code)',
    );
  }
  if (!FIGURE_KEYS.some((key) => columns.has(key))) {
    throw new InputError(
      { file, row, field: hxl ? '#affected+idps+ind' : 'idp_individuals' },
      'required column is missing: no column gives IDP or returnee counts',
    );
  }
}

interface CheckedRow {
  codes: SourceRow['codes'];
  names: SourceRow['names'];
  figures: Figures;
  date: string | undefined;
  key: string | undefined;
  number: number | undefined;
  /** A round key from a round column (not a month): prefixed by its operation when a file mixes operations. */
  byOperation: boolean;
}

interface RoundGroup extends ParsedRound {
  byOperation: boolean;
  operationSlug: string;
  /** Row of each area's figures, by the area's lowest-level code. */
  seen: Map<string, number>;
  /** For sources whose exact duplicates are reported: each area's codes and figures. */
  signatures?: Map<string, string>;
}

/**
 * Turns checked rows into rows grouped by round, one row at a time. It keeps one row per (round, area) and
 * small bookkeeping per round; bad rows go to the error log, exact duplicates (where the format allows them)
 * are counted with the first few kept as examples.
 */
class RoundCollector {
  private readonly rounds = new Map<string, RoundGroup>();
  /** Distinct operations seen, up to two: all that matters is whether there is more than one. */
  private readonly operations = new Set<string>();
  private readonly lowest: AdminLevel;
  /** One frozen copy of each area's codes and names, shared by its rows in every round. */
  private readonly areas = new Map<string, Pick<SourceRow, 'codes' | 'names'>>();
  private readonly duplicates: DuplicateRow[] = [];
  private duplicateCount = 0;
  private kept = 0;
  /** Data rows read, good or bad. */
  rows = 0;

  constructor(
    private readonly file: string,
    private readonly levels: AdminLevel[],
    private readonly columnName: (field: Field) => string,
    private readonly duplicatesAreReported: boolean,
    private readonly log: InputErrorLog,
  ) {
    this.lowest = levels[levels.length - 1] as AdminLevel;
  }

  add(row: number, values: Partial<Record<Field, unknown>>): void {
    this.rows++;
    const operation = String(values.operation ?? '');
    if (this.operations.size < 2) this.operations.add(operation);
    const checked = this.log.check(() => this.check(row, values));
    if (!checked) return;
    const { codes, names, figures, date, key, number, byOperation } = checked;
    const at = (field: Field) => ({ file: this.file, row, field: this.columnName(field) });
    const operationSlug = byOperation ? slug(operation) : '';
    const roundId = key === undefined ? '' : byOperation ? `${operationSlug}\u0000${key}` : key;
    let round = this.rounds.get(roundId);
    if (!round) {
      if (this.rounds.size >= MAX_ROUNDS_PER_FILE)
        throw this.log.fatal(
          new InputError(at('round'), `more than ${MAX_ROUNDS_PER_FILE} rounds in one file`),
        );
      round = {
        ...(key ? { key } : {}),
        ...(number !== undefined ? { number } : {}),
        rows: [],
        byOperation,
        operationSlug,
        seen: new Map(),
        ...(this.duplicatesAreReported ? { signatures: new Map() } : {}),
      };
      if (values.operation !== undefined) round.operation = String(values.operation);
      this.rounds.set(roundId, round);
    }
    if (date && (!round.date || date > round.date)) round.date = date;

    const areaCode = codes[this.lowest] as string;
    const earlier = round.seen.get(areaCode);
    if (earlier !== undefined) {
      if (round.signatures?.get(areaCode) === JSON.stringify([codes, figures])) {
        this.duplicateCount++;
        if (this.duplicates.length < MAX_LISTED)
          this.duplicates.push({ row, duplicateOf: earlier, code: areaCode });
        return;
      }
      this.log.add(
        new InputError(
          at(`adm${this.lowest}_code`),
          `duplicate row for ${areaCode} (first on row ${earlier})`,
        ),
      );
      return;
    }
    if (this.kept >= MAX_ROWS_PER_FILE) {
      throw this.log.fatal(
        new InputError(
          { file: this.file, row },
          `more than ${MAX_ROWS_PER_FILE.toLocaleString('en-GB')} rows of figures (one per round and area) in one file; split it by round`,
        ),
      );
    }
    this.kept++;
    const area = this.area(codes, names);
    round.seen.set(area.codes[this.lowest] as string, row);
    round.signatures?.set(areaCode, JSON.stringify([codes, figures]));
    // `codes` is the same frozen object as `sourceCodes`: normalisation replaces it before anything could
    // change it (and a change would throw rather than reach another round's row).
    round.rows.push({ row, codes: area.codes, sourceCodes: area.codes, names: area.names, ...figures });
  }

  finish(): Omit<TableContent, 'format'> {
    const prefixed = this.operations.size > 1;
    return {
      levels: this.levels,
      rounds: [...this.rounds.values()].map(
        ({ seen: _seen, signatures: _signatures, byOperation, operationSlug, ...round }) =>
          byOperation && prefixed && round.key ? { ...round, key: `${operationSlug}-${round.key}` } : round,
      ),
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
    };
  }

  /** The shared codes and names of an area: a file of many rounds repeats them in every round. */
  private area(codes: SourceRow['codes'], names: SourceRow['names']): Pick<SourceRow, 'codes' | 'names'> {
    const key = this.levels.map((level) => `${codes[level]}\u0000${names[level] ?? ''}`).join('\u0001');
    let area = this.areas.get(key);
    if (!area) {
      area = { codes: Object.freeze(codes), names: Object.freeze(names) };
      this.areas.set(key, area);
    }
    return area;
  }

  /** Every value of a row checked: the first problem is thrown as an `InputError` naming row and column. */
  private check(row: number, values: Partial<Record<Field, unknown>>): CheckedRow {
    const at = (field: Field) => ({ file: this.file, row, field: this.columnName(field) });
    const figures: Figures = {};
    for (const key of FIGURE_KEYS) {
      const count = readCount(values[key], at(key));
      if (count !== undefined) figures[key] = count;
    }
    checkHouseholds(figures.idps_hh, figures.idps_ind, at('idps_hh'));
    checkHouseholds(figures.returnees_hh, figures.returnees_ind, at('returnees_hh'));
    const codes: SourceRow['codes'] = {};
    const names: SourceRow['names'] = {};
    for (const level of this.levels) {
      const code = String(values[`adm${level}_code`] ?? '').trim();
      if (code === '' || code.toLowerCase() === 'not available')
        throw new InputError(at(`adm${level}_code`), 'missing P-code');
      if (!/^[A-Za-z0-9_-]{2,20}$/.test(code))
        throw new InputError(at(`adm${level}_code`), `"${code}" is not a P-code`);
      codes[level] = code;
      const name = values[`adm${level}_name`];
      if (typeof name === 'string' && name.trim() !== '') names[level] = name.trim().normalize('NFC');
    }
    const date =
      values.month !== undefined ? readDate(values.month, at('month')) : readDate(values.date, at('date'));
    let key: string | undefined;
    let number: number | undefined;
    let byOperation = false;
    if (values.month !== undefined) {
      key = String(values.month).trim();
    } else if (values.round !== undefined && String(values.round).trim() !== '') {
      const roundText = String(values.round).trim();
      if (!/^[A-Za-z0-9._-]{1,32}$/.test(roundText))
        throw new InputError(at('round'), `"${roundText}" is not a round key`);
      key = roundText.toLowerCase();
      if (/^\d+$/.test(roundText)) number = Number(roundText);
      byOperation = true;
    }
    return { codes, names, figures, date, key, number, byOperation };
  }
}

function checkHouseholds(
  households: number | undefined,
  individuals: number | undefined,
  location: { file: string; row: number; field: string },
) {
  if (households !== undefined && individuals !== undefined && households > individuals) {
    throw new InputError(location, `${households} households is more than ${individuals} individuals`);
  }
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'operation'
  );
}
