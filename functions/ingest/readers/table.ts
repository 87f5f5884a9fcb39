import { hasHashtagRow, readFigureTable } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

/** The DTM baseline-assessment CSV export (the Round 72 layout): headers `admin1Pcode_dtm`… `idp_individuals`…. */
export const baselineCsvReader: SourceReader = {
  format: 'dtm-baseline-csv',
  detect: ({ container, records }) => {
    const header = records[0] ?? [];
    return (
      container === 'text' &&
      !hasHashtagRow(records) &&
      (header.includes('admin3Pcode_dtm') || header.includes('admin1Pcode_dtm'))
    );
  },
  read: (input) => readFigureTable(input, 'dtm-baseline-csv'),
};
