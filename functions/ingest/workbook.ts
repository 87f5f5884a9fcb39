import ExcelJS from 'exceljs';
import { InputError } from '../core/errors.ts';
import { fieldForHashtag, fieldForHeader, isHashtagRow } from './columns.ts';
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
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      records.push(cells);
    });
    const [header = [], second = []] = records;
    const names = isHashtagRow(second) ? second.map(fieldForHashtag) : header.map(fieldForHeader);
    if (names.some((field) => field?.endsWith('_code') && field !== 'country_code'))
      return { sheet: sheet.name, records };
  }
  throw new InputError(
    { file },
    `no sheet of the workbook (${workbook.worksheets.map((s) => s.name).join(', ')}) has an admin P-code column`,
  );
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
