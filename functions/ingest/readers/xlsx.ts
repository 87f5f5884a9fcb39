import { readFigureTable } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

/**
 * The DTM workbook (XLSX): its data sheet, found among the others by its P-code column (`workbook.ts`), read
 * as a table by header or HXL hashtag row. A workbook holding a site list goes to the site-list reader.
 */
export const workbookReader: SourceReader = {
  format: 'dtm-xlsx',
  detect: ({ container }) => container === 'zip',
  read: (input) => readFigureTable(input, 'dtm-xlsx'),
};
