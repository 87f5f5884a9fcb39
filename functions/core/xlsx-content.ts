import type { AreaRow, DownloadColumn } from './download-columns.ts';
import { breakdownColumns, xlsxAreaColumns } from './download-columns.ts';
import { licenceText, provenanceMember, type ShownRound } from './exports.ts';
import { INDICATORS, type Indicator } from './indicators.ts';
import type { AdminLevel, AppliedCorrection, DatasetMeta, RoundMeta } from './types.ts';

/** Everything the XLSX download of one round and level says. */
export interface XlsxInput {
  dataset: Pick<DatasetMeta, 'id' | 'name' | 'country' | 'attribution' | 'levelNames'> &
    Partial<Pick<DatasetMeta, 'operation' | 'countryName'>>;
  round: ShownRound;
  level: AdminLevel;
  rows: readonly AreaRow[];
  /** The round the change is counted from, when the round has one. */
  previous?: Pick<RoundMeta, 'key' | 'date'>;
  /** Whether the level is finer than the round's figures are meant for: areas without a row are "not reported". */
  finerThanReported: boolean;
  /** Reviewed corrections applied to the round's rows (the join report's). */
  corrections: readonly AppliedCorrection[];
  /** ISO date and time of the export. */
  exportedAt: string;
  /** The view of this round and level on `/`, and the file's own address. */
  viewUrl: string;
  fileUrl: string;
}

export type Cell = string | number | null;

/** The two sheets: "Data" (header row, HXL row, one row per area) and "Metadata" (field and value rows). */
export interface XlsxContent {
  columns: DownloadColumn[];
  data: Cell[][];
  metadata: Array<[field: string, value: string]>;
}

const STATUS_WORDS: Record<string, string> = { reported: 'reported', no_data: 'no data' };

/**
 * The content of the XLSX download: figures as numbers (an empty cell where the source gives none, never 0),
 * status in words, parents' names, the change where the round has a previous one and the breakdown columns
 * the level's figures split into; and the round's provenance, terms and caveat as field/value rows.
 */
export function xlsxContent(input: XlsxInput): XlsxContent {
  const breakdown = breakdownColumns(input.rows.map((row) => row.figure ?? {}));
  const columns = xlsxAreaColumns(input.level, input.previous !== undefined, breakdown);
  const data: Cell[][] = [columns.map((c) => c.header), columns.map((c) => c.hxl)];
  for (const row of input.rows) {
    const status = String(row.area.status);
    const words = status === 'no_data' && input.finerThanReported ? 'not reported' : STATUS_WORDS[status];
    data.push(
      columns.map((column) => {
        if (column.header === 'status') return words ?? status;
        const value = column.value(row);
        if (value === undefined || value === '') return null;
        return column.type === 'integer' ? Number(value) : String(value);
      }),
    );
  }
  return {
    columns,
    data,
    metadata: metadataRows(input, columns),
  };
}

/** The Metadata sheet: who, what, when and on what terms, one field per row. */
function metadataRows(input: XlsxInput, columns: DownloadColumn[]): Array<[string, string]> {
  const { dataset, round, level } = input;
  const provenance = provenanceMember(dataset, round);
  const levelName = dataset.levelNames[`adm${level}`];
  const rows: Array<[string, string]> = [
    ['dataset', `${dataset.name} (${dataset.id})`],
    ['country', `${dataset.countryName ?? dataset.name} (${dataset.country})`],
    ['operation', dataset.operation ?? ''],
    ['level', levelName ? `adm${level} (${levelName})` : `adm${level}`],
    ['round key', round.key],
    ['round number', round.number === undefined ? '' : String(round.number)],
    ['round date', round.date],
    ['change counted from round', input.previous ? `${input.previous.key} (${input.previous.date})` : ''],
    ['data version', round.version],
    ...indicatorRows(columns),
    ['source title', round.source.title],
    ['source organisation', round.source.organisation],
    ['source file name', round.source.file],
    ['source file sha256', round.source.sha256],
    ...feedNote(round.source.sha256),
    ['licence', licenceText(provenance)],
    ['licence URL', provenance.licenceUrl ?? ''],
    ['credit (figures)', provenance.credit ?? dataset.attribution],
    ['credit (boundaries)', provenance.boundaries?.attribution ?? ''],
    ['boundaries', provenance.boundaries?.title ?? ''],
    ['credit line', provenance.attribution],
    ...correctionRows(input.corrections),
    ['totals override', provenance.totalsOverride?.reason ?? ''],
    ['caveat', round.caveat?.en ?? ''],
    ...(round.caveat?.fr ? [['caveat (fr)', round.caveat.fr] as [string, string]] : []),
    [
      'status words',
      'reported: figures given; no data: no row for the area; not reported: no figures at this level',
    ],
    ['exported at', input.exportedAt],
    ['view URL', input.viewUrl],
    ['file URL', input.fileUrl],
  ];
  return rows;
}

/**
 * A feed of several files (the DTM API's admin 0, 1 and 2 responses) has no single file hash: its round
 * carries a hash over the files' hashes (`hashVersion` in core/version.ts), which the sheet says it is.
 */
function feedNote(sha256: string): Array<[string, string]> {
  if (/^[0-9a-f]{64}$/.test(sha256)) return [];
  return [
    [
      'source file sha256 note',
      "The source is a feed of several files: this is the first 16 hex digits of the SHA-256 of the JSON list of the files' SHA-256s, in order.",
    ],
  ];
}

/** One row per figure column: its header, what it counts and its hashtag. */
function indicatorRows(columns: DownloadColumn[]): Array<[string, string]> {
  return columns
    .filter((column) => column.type === 'integer')
    .map((column) => {
      const label = INDICATORS[column.header as Indicator]?.en ?? column.description;
      return [`indicator ${column.header}`, `${label} (${column.hxl})`];
    });
}

/** One row per reviewed correction applied to the round's rows, or one saying there was none. */
function correctionRows(corrections: readonly AppliedCorrection[]): Array<[string, string]> {
  if (corrections.length === 0) return [['corrections applied', 'none']];
  return corrections.map((c, i) => [
    `correction ${i + 1}`,
    `row ${c.row}, adm${c.level}: ${c.sourceCode} "${c.sourceName}" read as ${c.correctedCode} (${c.reason})`,
  ]);
}
