import { readFigureTable } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

/**
 * Any other CSV of figures, its columns recognised by header (`admin1Pcode`, `idp_individuals`, `round`…).
 * Asked last among the text readers: it takes every CSV the others did not, and refuses one without a P-code
 * column or figures.
 */
export const plainCsvReader: SourceReader = {
  format: 'csv',
  detect: ({ container }) => container === 'text',
  read: (input) => readFigureTable(input, 'csv'),
};
