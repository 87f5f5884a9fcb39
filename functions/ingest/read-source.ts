import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.ts';
import type { SourceRow } from '../core/join.ts';
import { type AdminLevel, FIGURE_KEYS, type Figures } from '../core/types.ts';
import { type Field, fieldForHashtag, fieldForHeader, isHashtagRow } from './columns.ts';
import { decodeText } from './decode-text.ts';
import { isSiteList, type ParsedSite, readSiteList } from './read-sites.ts';
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
  duplicates: DuplicateRow[];
}

interface RawRecord {
  row: number;
  values: Partial<Record<Field, unknown>>;
}

const LEVELS: AdminLevel[] = [1, 2, 3];
const MAX_ROUNDS_PER_FILE = 1000;

/**
 * Reads a DTM source, its format detected from the content (no flags): the baseline-assessment CSV export,
 * any CSV tagged with HXL hashtags (columns mapped by hashtag whatever their headers), the long monthly
 * series, the DTM workbook (XLSX, its data sheet found among others), and DTM API v3 JSON (`{result: [...]}`). Every value is checked; errors name file, row and column.
 */
export async function readSource(bytes: Uint8Array, file: string): Promise<ParsedSource> {
  if (bytes.byteLength === 0 || decodeText(bytes.subarray(0, 4096)).trim() === '') {
    throw new InputError({ file }, 'the file is empty');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const { sheet, records } = await readWorkbook(bytes, file);
    return readTable(records, `${file} [${sheet}]`, 'xlsx');
  }
  const text = decodeText(bytes);
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return readApiJson(text, file);
  return readCsv(text, file);
}

function readCsv(text: string, file: string): ParsedSource {
  let records: string[][];
  try {
    records = parse(text, {
      columns: false,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    }) as string[][];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new InputError(
      { file, ...(lines ? { row: lines } : {}) },
      `not a readable CSV (${(error as Error).message})`,
    );
  }
  return readTable(records, file, 'csv');
}

/** Finds the columns of a table (by HXL hashtag row when there is one, else by header) and reads its rows. */
function readTable(records: string[][], file: string, container: 'csv' | 'xlsx'): ParsedSource {
  if (isSiteList(records)) {
    return {
      file,
      format: 'site-list',
      levels: [],
      rounds: [],
      duplicates: [],
      sites: readSiteList(records, file),
    };
  }
  const [header = [], second] = records;
  const hxl = second !== undefined && isHashtagRow(second);
  const names = hxl ? (second as string[]) : header;
  const columns = new Map<Field, number>();
  names.forEach((name, index) => {
    const field = hxl ? fieldForHashtag(name) : fieldForHeader(name);
    if (field && !columns.has(field)) columns.set(field, index);
  });
  const columnName = (field: Field) => header[columns.get(field) ?? -1] ?? field;
  requireColumns(columns, file, hxl ? 2 : 1, hxl);
  const body = records.slice(hxl ? 2 : 1);
  if (body.length === 0) throw new InputError({ file }, 'the file has a header but no data rows');
  const firstRow = hxl ? 3 : 2;
  const raw: RawRecord[] = body.map((cells, i) => ({
    row: firstRow + i,
    values: Object.fromEntries([...columns].map(([field, index]) => [field, cells[index] ?? ''])),
  }));
  const format: SourceFormat =
    container === 'xlsx'
      ? 'dtm-xlsx'
      : hxl
        ? 'hxl-csv'
        : columns.has('month')
          ? 'monthly-series-csv'
          : header.includes('admin3Pcode_dtm') || header.includes('admin1Pcode_dtm')
            ? 'dtm-baseline-csv'
            : 'csv';
  return toRounds(raw, file, format, (field) => columnName(field), false);
}

function readApiJson(text: string, file: string): ParsedSource {
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
  const raw: RawRecord[] = result.map((record, i) => {
    if (typeof record !== 'object' || record === null)
      throw new InputError({ file, row: i + 1 }, 'record is not an object');
    const values: Partial<Record<Field, unknown>> = {};
    for (const [key, value] of Object.entries(record)) {
      const field = fieldForHeader(key);
      if (field && !(field in values)) values[field] = value;
    }
    return { row: i + 1, values };
  });
  const columns = new Map<Field, number>();
  for (const record of raw) for (const field of Object.keys(record.values) as Field[]) columns.set(field, 0);
  requireColumns(columns, file, 1, false);
  return toRounds(raw, file, 'dtm-api-json', (field) => field, true);
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

/** Turns checked records into rows grouped by round. */
function toRounds(
  raw: RawRecord[],
  file: string,
  format: SourceFormat,
  columnName: (field: Field) => string,
  duplicatesAreReported: boolean,
): ParsedSource {
  const levels = LEVELS.filter((level) => raw.some((r) => r.values[`adm${level}_code`] !== undefined));
  const lowest = levels[levels.length - 1] as AdminLevel;
  const rounds = new Map<string, ParsedRound & { seen: Map<string, { row: number; signature: string }> }>();
  const duplicates: DuplicateRow[] = [];
  const operations = new Set(raw.map((r) => String(r.values.operation ?? '')));

  for (const { row, values } of raw) {
    const at = (field: Field) => ({ file, row, field: columnName(field) });
    const figures: Figures = {};
    for (const key of FIGURE_KEYS) {
      const count = readCount(values[key], at(key));
      if (count !== undefined) figures[key] = count;
    }
    checkHouseholds(figures.idps_hh, figures.idps_ind, at('idps_hh'));
    checkHouseholds(figures.returnees_hh, figures.returnees_ind, at('returnees_hh'));
    const codes: SourceRow['codes'] = {};
    const names: SourceRow['names'] = {};
    for (const level of levels) {
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
    if (values.month !== undefined) {
      key = String(values.month).trim();
    } else if (values.round !== undefined && String(values.round).trim() !== '') {
      const roundText = String(values.round).trim();
      if (!/^[A-Za-z0-9._-]{1,32}$/.test(roundText))
        throw new InputError(at('round'), `"${roundText}" is not a round key`);
      key = roundText.toLowerCase();
      if (/^\d+$/.test(roundText)) number = Number(roundText);
      if (operations.size > 1) key = `${slug(String(values.operation ?? ''))}-${key}`;
    }
    const roundId = key ?? '';
    let round = rounds.get(roundId);
    if (!round) {
      if (rounds.size >= MAX_ROUNDS_PER_FILE)
        throw new InputError(at('round'), `more than ${MAX_ROUNDS_PER_FILE} rounds in one file`);
      round = {
        ...(key ? { key } : {}),
        ...(number !== undefined ? { number } : {}),
        rows: [],
        seen: new Map(),
      };
      if (values.operation !== undefined) round.operation = String(values.operation);
      rounds.set(roundId, round);
    }
    if (date && (!round.date || date > round.date)) round.date = date;

    const areaCode = codes[lowest] as string;
    const signature = JSON.stringify([codes, figures]);
    const earlier = round.seen.get(areaCode);
    if (earlier) {
      if (duplicatesAreReported && earlier.signature === signature) {
        duplicates.push({ row, duplicateOf: earlier.row, code: areaCode });
        continue;
      }
      throw new InputError(
        at(`adm${lowest}_code`),
        `duplicate row for ${areaCode} (first on row ${earlier.row})`,
      );
    }
    round.seen.set(areaCode, { row, signature });
    round.rows.push({ row, codes: { ...codes }, sourceCodes: codes, names, ...figures });
  }
  return {
    file,
    format,
    levels,
    rounds: [...rounds.values()].map(({ seen: _seen, ...round }) => round),
    duplicates,
  };
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
