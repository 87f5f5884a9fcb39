import ExcelJS from 'exceljs';
import { InputError } from '../core/errors.ts';
import { fieldForHashtag, fieldForHeader, isHashtagRow } from './columns.ts';
import { InputErrorLog } from './input-log.ts';
import { checkZipSizes } from './zip-guard.ts';

/** Refuse workbooks whose sheets claim more cells than any DTM file has (a guard against decompression bombs). */
const MAX_CELLS = 2_000_000;

/**
 * Reads the data sheet of a DTM workbook (the baseline-assessment XLSX: a header row, then often an HXL
 * hashtag row). Workbooks carry extra sheets (read-me, methodology, charts): the data sheet is the first whose
 * header or hashtag row names an admin P-code column. Cells come back as text: dates as YYYY-MM-DD, numbers as
 * written, so the same checks as for CSV apply.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  file: string,
): Promise<{ sheet: string; records: string[][] }> {
  checkZipSizes(bytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError({ file }, `not a readable XLSX workbook (${(error as Error).message})`);
  }
  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount * sheet.columnCount > MAX_CELLS) {
      throw new InputError(
        { file },
        `sheet "${sheet.name}" claims ${sheet.rowCount}×${sheet.columnCount} cells; refusing to read it`,
      );
    }
    const records: string[][] = [];
    const broken: BrokenCell[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        const problem = brokenValue(cell.value);
        if (problem) broken.push({ address: cell.address, row: row.number, column: c - 1, problem });
        cells.push(cellText(cell.value));
      }
      records.push(cells);
    });
    const [header = [], second = []] = records;
    const names = isHashtagRow(second) ? second.map(fieldForHashtag) : header.map(fieldForHeader);
    if (names.some((field) => field?.endsWith('_code') && field !== 'country_code')) {
      refuseBrokenCells(broken, names, header, file, sheet.name);
      return { sheet: sheet.name, records };
    }
  }
  throw new InputError(
    { file },
    `no sheet of the workbook (${workbook.worksheets.map((s) => s.name).join(', ')}) has an admin P-code column`,
  );
}

/** A cell of the data sheet holding an error (`#N/A`, `#REF!`) or a formula whose result was never saved. */
interface BrokenCell {
  address: string;
  row: number;
  column: number;
  problem: string;
}

/**
 * Refuses the data sheet's broken cells in the columns that are read (a broken comment column does not
 * matter), each named by sheet, cell and value: such a cell would otherwise read as unknown, silently.
 */
function refuseBrokenCells(
  broken: readonly BrokenCell[],
  names: ReadonlyArray<string | undefined>,
  header: readonly string[],
  file: string,
  sheet: string,
): void {
  const log = new InputErrorLog();
  for (const cell of broken) {
    if (names[cell.column] === undefined) continue;
    log.add(
      new InputError(
        { file: `${file} [${sheet}]`, row: cell.row, field: header[cell.column] || cell.address },
        `sheet "${sheet}" cell ${cell.address} holds ${cell.problem}, not a value; fix it in the workbook`,
      ),
    );
  }
  log.throwIfAny();
}

/** What is wrong with a cell's value, if anything: an error value, or a formula without a saved result. */
function brokenValue(value: ExcelJS.CellValue): string | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  if ('error' in value) return `the error ${value.error}`;
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) return `the formula =${formula} with no saved result`;
    const inner = brokenValue(result);
    return inner ? `${inner} (from =${formula})` : undefined;
  }
  return undefined;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}
