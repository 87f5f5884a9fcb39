import ExcelJS from 'exceljs';
import type { XlsxContent } from '../../core/xlsx-content.ts';

/**
 * Writes the XLSX download: sheet "Data" (row 1 the column names, row 2 the HXL hashtags, both bold and frozen,
 * figures as numbers with a thousands separator) and sheet "Metadata" (field, value). Built in memory: a
 * level's areas (Haiti's 570-odd communes, Mali's 700) make a sheet of a few hundred kilobytes.
 */
export async function xlsxFile(content: XlsxContent, created: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DTM Atlas';
  workbook.created = created;
  const sheet = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRows(content.data);
  content.columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = Math.min(40, Math.max(10, column.header.length + 2));
    if (column.type === 'integer') sheetColumn.numFmt = '#,##0';
  });
  for (const row of [1, 2]) sheet.getRow(row).font = { bold: true };
  const metadata = workbook.addWorksheet('Metadata');
  metadata.addRow(['field', 'value']).font = { bold: true };
  metadata.addRows(content.metadata);
  metadata.getColumn(1).width = 28;
  metadata.getColumn(2).width = 100;
  metadata.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
