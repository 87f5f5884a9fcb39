import { InputError } from '../../core/errors.ts';
import { ADMIN_LEVELS, FIGURE_KEYS, type FigureKey } from '../../core/types.ts';
import { RoundCollector } from '../collect-rounds.ts';
import { type Field, fieldForHashtag, fieldForHeader, isHashtagRow, PART_FIELDS } from '../columns.ts';
import type { SourceContent, SourceFormat } from '../source.ts';
import type { ReaderInput } from './reader.ts';

/** True when a table's second record is an HXL hashtag row. */
export function hasHashtagRow(records: readonly string[][]): boolean {
  const second = records[1];
  return second !== undefined && isHashtagRow(second);
}

/**
 * Reads a table of figures (the shared body of the CSV, HXL and XLSX readers): the header, or the HXL
 * hashtag row under it, maps columns to fields; then every data row is checked and collected by round.
 */
export async function readFigureTable(input: ReaderInput, format: SourceFormat): Promise<SourceContent> {
  const { file, head, log } = input;
  const hxl = hasHashtagRow(head.records);
  const header = head.records[0] ?? [];
  const columns = tableColumns(head.records, hxl, file);
  requireColumns(columns, file, hxl ? 2 : 1, hxl);
  const levels = ADMIN_LEVELS.filter((level) => columns.has(`adm${level}_code`));
  const columnName = (field: Field) => header[columns.get(field) ?? -1] ?? field;
  const byFact = PART_FIELDS.some((field) => columns.has(field));
  const rounds = new RoundCollector(file, levels, columnName, byFact, log, { operation: input.operation });
  const fields = [...columns];
  const headerRows = hxl ? 2 : 1;
  let row = 0;
  for await (const cells of input.records) {
    if (++row <= headerRows) continue;
    const values: Partial<Record<Field, unknown>> = {};
    for (const [field, index] of fields) values[field] = cells[index] ?? '';
    rounds.add(row, values);
  }
  if (rounds.rows === 0) throw new InputError({ file }, 'the file has a header but no data rows');
  const content = { format, ...rounds.finish() };
  log.throwIfAny();
  return content;
}

/**
 * The column of each field: by hashtag when the table has an HXL row, else by header. For other fields the
 * first column wins; two columns that could both give one figure are refused, naming both, since reading
 * either would be a guess.
 */
export function tableColumns(records: readonly string[][], hxl: boolean, file: string): Map<Field, number> {
  const names = (hxl ? records[1] : records[0]) ?? [];
  const columns = new Map<Field, number>();
  names.forEach((name, index) => {
    const field = hxl ? fieldForHashtag(name) : fieldForHeader(name);
    if (!field) return;
    const earlier = columns.get(field);
    if (earlier === undefined) columns.set(field, index);
    else if (FIGURE_KEYS.includes(field as FigureKey)) {
      const header = records[0] ?? [];
      const label = (i: number) => `"${header[i] ?? ''}"${hxl ? ` (${names[i]})` : ''}`;
      throw new InputError(
        { file, row: hxl ? 2 : 1, field: name },
        `columns ${label(earlier)} and ${label(index)} both give ${field}; keep one`,
      );
    }
  });
  return columns;
}

/**
 * Refuses a source with no P-code column or no column of figures, naming the column it expected.
 * `national`: the source may be national records (the DTM API's admin 0 endpoint), naming no area.
 */
export function requireColumns(
  columns: ReadonlyMap<Field, number>,
  file: string,
  row: number,
  hxl: boolean,
  national = false,
): void {
  if (!national && !ADMIN_LEVELS.some((level) => columns.has(`adm${level}_code`))) {
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
