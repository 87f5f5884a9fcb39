import { describe, expect, it } from 'vitest';
import { FIGURE_HXL } from '../../functions/core/exports.ts';
import { csvFileName, tableCsv } from '../../web/src/table-csv.ts';
import { tableRows } from '../../web/src/table-model.ts';

const ALL = new Map([['XA', { name: 'Alpha, North' }]]);
const ROWS = tableRows(
  [
    {
      pcode: 'XA02',
      name: 'Zed "Z"',
      parent: 'XA',
      status: 'reported',
      idps_ind: 12345,
      idps_ind_change: -5,
    },
    { pcode: 'XA01', name: 'Écluse', parent: 'XA', status: 'no_data' },
  ],
  ALL,
);

describe('the table’s CSV', () => {
  const csv = tableCsv(
    [
      { key: 'name', header: 'Area' },
      { key: 'pcode', header: 'P-code' },
      { key: 'parent0', header: 'Région' },
      { key: 'idps_ind', header: 'IDPs' },
      { key: 'idps_ind_change', header: 'Change' },
    ],
    ROWS,
    2,
  );

  it('starts with a byte order mark and the headers as shown, then the HXL row of the service’s CSV', () => {
    expect(csv.startsWith('\uFEFFArea,P-code,Région,IDPs,Change\r\n')).toBe(true);
    const hxl = csv.split('\r\n')[1];
    expect(hxl).toBe(`#adm2+name,#adm2+code,#adm1+name,${FIGURE_HXL.idps_ind},${FIGURE_HXL.idps_ind_change}`);
  });

  it('writes the rows in the order given, figures as plain numbers, no figure as an empty cell', () => {
    expect(csv.split('\r\n').slice(2)).toEqual([
      '"Zed ""Z""",XA02,"Alpha, North",12345,-5',
      'Écluse,XA01,"Alpha, North",,',
      '',
    ]);
  });

  it('ends every row with the round’s source and credit, as the service’s CSV does', () => {
    const notes = [
      { header: 'Source', hxl: '#meta+source', value: 'Made-up survey (IOM), a.csv' },
      { header: 'Crédit', hxl: '#meta+credit', value: 'IOM DTM; Limites : X' },
    ];
    const lines = tableCsv([{ key: 'pcode', header: 'P-code' }], ROWS, 2, notes).split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      '\uFEFFP-code,Source,Crédit',
      '#adm2+code,#meta+source,#meta+credit',
      'XA02,"Made-up survey (IOM), a.csv",IOM DTM; Limites : X',
      'XA01,"Made-up survey (IOM), a.csv",IOM DTM; Limites : X',
    ]);
  });

  it('names the file after the dataset, round, level and filters', () => {
    expect(csvFileName({ dataset: 'mli', round: '72', level: 'adm2', noDataOnly: false })).toBe(
      'dtm-mli-72-adm2.csv',
    );
    expect(
      csvFileName({ dataset: 'mli', round: '2013-06', level: 'adm3', within: 'ML05', noDataOnly: true }),
    ).toBe('dtm-mli-2013-06-adm3-in-ML05-no-data.csv');
  });
});
