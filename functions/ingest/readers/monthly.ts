import { fieldForHeader } from '../columns.ts';
import { hasHashtagRow, readFigureTable } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

/** The long monthly series (2012–2014): a `month` column (`YYYY-MM`), one round per month. */
export const monthlySeriesReader: SourceReader = {
  format: 'monthly-series-csv',
  detect: ({ container, records }) =>
    container === 'text' &&
    !hasHashtagRow(records) &&
    (records[0] ?? []).some((name) => fieldForHeader(name) === 'month'),
  read: (input) => readFigureTable(input, 'monthly-series-csv'),
};
