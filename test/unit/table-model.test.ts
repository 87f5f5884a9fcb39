import { describe, expect, it } from 'vitest';
import {
  type AreaFigures,
  filterRows,
  nextOrder,
  rowTotals,
  sortRows,
  tableRows,
} from '../../web/src/table-model.ts';

/** A made-up country: two provinces, three districts, five villages (one province's chain is broken). */
const ALL = new Map<string, { name: string; parent?: string }>([
  ['XA', { name: 'Alpha' }],
  ['XB', { name: 'Beta' }],
  ['XA01', { name: 'Écluse', parent: 'XA' }],
  ['XA02', { name: 'Zorn', parent: 'XA' }],
  ['XB01', { name: 'Delta', parent: 'XB' }],
]);

const VILLAGES: AreaFigures[] = [
  { pcode: 'XA0101', name: 'ebro', parent: 'XA01', status: 'reported', idps_ind: 900, idps_hh: 150 },
  { pcode: 'XA0102', name: 'Élan', parent: 'XA01', status: 'reported', idps_ind: 40, returnees_ind: 7 },
  { pcode: 'XA0201', name: 'Zed', parent: 'XA02', status: 'no_data' },
  { pcode: 'XB0101', name: 'Apex', parent: 'XB01', status: 'reported', idps_ind: 40, idps_ind_change: -5 },
  { pcode: 'XB0102', name: 'Achille', parent: 'XB01', status: 'no_data' },
];

const rows = tableRows(VILLAGES, ALL);
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const pcodes = (list: { pcode: string }[]) => list.map((row) => row.pcode);

describe('the data table’s rows', () => {
  it('names every area a row is part of, coarsest first', () => {
    expect(rows[0]).toMatchObject({ ancestors: ['XA', 'XA01'], parents: ['Alpha', 'Écluse'] });
    expect(rows[3]).toMatchObject({ ancestors: ['XB', 'XB01'], parents: ['Beta', 'Delta'] });
  });

  it('keeps a P-code where the boundaries lack the parent, and stops at a loop', () => {
    const looped = new Map([
      ['P1', { name: 'One', parent: 'P2' }],
      ['P2', { name: 'Two', parent: 'P1' }],
    ]);
    const [orphan, loop] = tableRows(
      [
        { pcode: 'Q', name: 'Q', parent: 'MISSING', status: 'no_data' },
        { pcode: 'R', name: 'R', parent: 'P1', status: 'no_data' },
      ],
      looped,
    );
    expect(orphan?.parents).toEqual(['MISSING']);
    expect(loop?.parents.length).toBe(8);
  });

  it('filters to the areas inside the selected one, at any depth', () => {
    expect(pcodes(filterRows(rows, { within: 'XA', noDataOnly: false }))).toEqual([
      'XA0101',
      'XA0102',
      'XA0201',
    ]);
    expect(pcodes(filterRows(rows, { within: 'XB01', noDataOnly: false }))).toEqual(['XB0101', 'XB0102']);
  });

  it('"no data only" keeps the areas without a figure, with or without the area filter', () => {
    expect(pcodes(filterRows(rows, { noDataOnly: true }))).toEqual(['XA0201', 'XB0102']);
    expect(pcodes(filterRows(rows, { within: 'XB', noDataOnly: true }))).toEqual(['XB0102']);
  });
});

describe('the data table’s order', () => {
  it('sorts figures numerically, largest first, ties by name, areas without the figure last', () => {
    const sorted = sortRows(rows, { key: 'idps_ind', direction: 'descending' }, collator);
    expect(pcodes(sorted)).toEqual(['XA0101', 'XB0101', 'XA0102', 'XB0102', 'XA0201']);
  });

  it('keeps the areas without the figure last when ascending too', () => {
    const sorted = sortRows(rows, { key: 'idps_ind', direction: 'ascending' }, collator);
    expect(pcodes(sorted)).toEqual(['XB0101', 'XA0102', 'XA0101', 'XB0102', 'XA0201']);
  });

  it('sorts names by the language’s collation (accents and case do not push a name to the end)', () => {
    const sorted = sortRows(rows, { key: 'name', direction: 'ascending' }, collator);
    expect(sorted.map((row) => row.name)).toEqual(['Achille', 'Apex', 'ebro', 'Élan', 'Zed']);
    const byParent = sortRows(rows, { key: 'parent1', direction: 'descending' }, collator);
    expect(byParent.map((row) => row.parents[1])).toEqual(['Zorn', 'Écluse', 'Écluse', 'Delta', 'Delta']);
  });

  it('a first click on a figure sorts largest first, on a name A to Z; a second click turns it round', () => {
    const byName = { key: 'name', direction: 'ascending' } as const;
    expect(nextOrder(byName, 'idps_hh')).toEqual({ key: 'idps_hh', direction: 'descending' });
    expect(nextOrder({ key: 'idps_hh', direction: 'descending' }, 'pcode')).toEqual({
      key: 'pcode',
      direction: 'ascending',
    });
    expect(nextOrder(byName, 'name')).toEqual({ key: 'name', direction: 'descending' });
  });
});

describe('the data table’s totals', () => {
  it('sums each figure over the rows shown and counts those reported', () => {
    const shown = filterRows(rows, { within: 'XA', noDataOnly: false });
    expect(rowTotals(shown)).toEqual({
      sums: { idps_ind: 940, idps_hh: 150, returnees_ind: 7 },
      reported: 2,
      shown: 3,
    });
  });

  it('has no sum, not zero, when no row shown has the figure', () => {
    expect(rowTotals(filterRows(rows, { noDataOnly: true }))).toEqual({ sums: {}, reported: 0, shown: 2 });
  });
});
