import { hasHashtagRow, readFigureTable } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

/** Any CSV tagged with HXL hashtags (a second row of `#adm1+code`, `#affected+idps+ind`…), whatever its headers. */
export const hxlCsvReader: SourceReader = {
  format: 'hxl-csv',
  detect: ({ container, records }) => container === 'text' && hasHashtagRow(records),
  read: (input) => readFigureTable(input, 'hxl-csv'),
};
