import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TileProperties } from '../../functions/core/area-properties.ts';
import { dataPackage, MEDIA_TYPES } from '../../functions/core/datapackage.ts';
import { figuresCsv, type ShownRound } from '../../functions/core/exports.ts';
import { areaRows, parentNames } from '../../functions/core/parent-names.ts';
import type { AreaFigures } from '../../functions/core/types.ts';
import { xlsxContent } from '../../functions/core/xlsx-content.ts';
import { xlsxFile } from '../../functions/http/api/xlsx-file.ts';
import { tinyService } from '../helpers/tiny.ts';

// A made-up round of Testland at commune level (3): one commune reported with a breakdown of its IDPs by reason
// and sex, one moved there by a reviewed correction, one without a row.

const DATASET = {
  id: 'xx',
  name: 'Testland',
  country: 'XXX',
  attribution: 'Made-up figures',
  levelNames: { adm1: 'Province', adm2: 'District', adm3: 'Commune' },
  operation: 'Made-up monitoring',
};
const SHA = 'ab'.repeat(32);
const ROUND: ShownRound = {
  key: '7',
  number: 7,
  date: '2024-03-31',
  version: 'v7',
  source: { title: 'Made-up round 7', organisation: 'Nobody', file: 'round-7.csv', sha256: SHA },
  provenance: {
    credit: 'Source: nobody (invented)',
    organisations: 'Nobody',
    licence: 'Invented terms.',
    boundaries: {
      title: 'Invented boundaries',
      attribution: 'Invented boundary credit',
      licence: 'No terms',
    },
  },
  caveat: { en: 'Invented caveat.' },
};
const CORRECTION = {
  row: 4,
  level: 3 as const,
  sourceCode: 'XX999',
  sourceName: 'Birch',
  correctedCode: 'XX010102',
  reason: 'invented review',
};
const ABOVE = [
  { pcode: 'XX01', name: 'Northvale', level: 1 as const },
  { pcode: 'XX0101', name: 'Amber District', level: 2 as const, parent: 'XX01' },
];
const area = (pcode: string, name: string, extra: TileProperties): TileProperties => ({
  pcode,
  name,
  parent: 'XX0101',
  level: 'adm3',
  round: '7',
  date: '2024-03-31',
  ...extra,
});
const AREAS = [
  area('XX010101', 'Amber', { status: 'reported', idps_ind: 1200, idps_hh: 300, idps_ind_change: -15 }),
  area('XX010102', 'Birch', { status: 'reported', idps_ind: 50 }),
  area('XX010103', 'Cedar', { status: 'no_data' }),
];
const FIGURES = new Map<string, AreaFigures>([
  [
    'XX010101',
    {
      pcode: 'XX010101',
      level: 3,
      sourceRows: [2, 3],
      idps_ind: 1200,
      breakdown: {
        reason: [
          { label: 'Conflict', idps_ind: 1000 },
          { label: 'Natural disaster', idps_ind: 200 },
        ],
        sex: { males: 500, females: 700 },
      },
    },
  ],
  ['XX010102', { pcode: 'XX010102', level: 3, sourceRows: [4], idps_ind: 50, corrections: [CORRECTION] }],
]);
const rows = () => areaRows(AREAS, FIGURES, parentNames(ABOVE));

const content = (finerThanReported = false) =>
  xlsxContent({
    dataset: DATASET,
    round: ROUND,
    level: 3,
    rows: rows(),
    previous: { key: '6', date: '2023-12-31' },
    finerThanReported,
    corrections: [CORRECTION],
    exportedAt: '2026-11-30T12:00:00.000Z',
    viewUrl: 'https://atlas.test/#round=7&level=adm3&dataset=xx',
    fileUrl: 'https://atlas.test/api/v1/datasets/xx/rounds/7/figures.xlsx?level=adm3',
  });

/** The sheets of the written workbook as arrays of cell values (row 1 first). */
async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  const values = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const out: unknown[][] = [];
    sheet.eachRow((row) => {
      out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };
  return { data: values('Data'), metadata: new Map(values('Metadata').map(([k, v]) => [k, v])) };
}

describe('the XLSX download', () => {
  it('has a header row, the HXL row, parents named at every level, figures as numbers and the breakdown', async () => {
    const { data } = await readBack(await xlsxFile(content(), new Date('2026-11-30T12:00:00Z')));
    const [header = [], hxl = [], ...areas] = data;
    expect(header.slice(0, 6)).toEqual(['pcode', 'name', 'parent_pcode', 'adm1_name', 'adm2_name', 'status']);
    expect(hxl.slice(0, 6)).toEqual([
      '#adm3+code',
      '#adm3+name',
      '#adm2+code',
      '#adm1+name',
      '#adm2+name',
      '#status',
    ]);
    const col = (name: string) => header.indexOf(name);
    expect(hxl[col('idps_ind')]).toBe('#affected+idps+ind');
    expect(hxl[col('idps_ind_change')]).toBe('#affected+idps+ind+change');
    expect(hxl[col('idps_ind_reason_conflict')]).toBe('#affected+idps+ind+reason_conflict');
    expect(hxl[col('idps_ind_females')]).toBe('#affected+idps+ind+f');
    const byCode = new Map(areas.map((row) => [row[0], row]));
    const amber = byCode.get('XX010101') ?? [];
    expect(amber.slice(1, 6)).toEqual(['Amber', 'XX0101', 'Northvale', 'Amber District', 'reported']);
    expect(amber[col('idps_ind')]).toBe(1200);
    expect(typeof amber[col('idps_hh')]).toBe('number');
    expect(amber[col('idps_ind_change')]).toBe(-15);
    expect(amber[col('idps_ind_reason_natural_disaster')]).toBe(200);
    expect([amber[col('idps_ind_males')], amber[col('idps_ind_females')]]).toEqual([500, 700]);
    const birch = byCode.get('XX010102') ?? [];
    // Birch gives IDPs only: its households and its breakdown are empty cells, never 0.
    expect(birch[col('idps_ind')]).toBe(50);
    expect(birch[col('idps_hh')]).toBeUndefined();
    expect(birch[col('idps_ind_reason_conflict')]).toBeUndefined();
    expect(birch[col('correction')]).toMatch(/XX999 "Birch" read as XX010102/);
    expect((byCode.get('XX010103') ?? [])[col('status')]).toBe('no data');
  });

  it('says "not reported" for an area without a row at a level finer than the round reports', () => {
    const cedar = content(true).data.find((row) => row[0] === 'XX010103');
    expect(cedar?.[5]).toBe('not reported');
  });

  it('leaves the change out when the round has no previous one', () => {
    expect(content().columns.map((c) => c.header)).toContain('idps_ind_change');
    const first = xlsxContent({
      dataset: DATASET,
      round: ROUND,
      level: 3,
      rows: rows(),
      finerThanReported: false,
      corrections: [],
      exportedAt: '2026-11-30T12:00:00.000Z',
      viewUrl: 'v',
      fileUrl: 'f',
    });
    expect(first.columns.map((c) => c.header)).not.toContain('idps_ind_change');
    expect(new Map(first.metadata).get('corrections applied')).toBe('none');
  });

  it('holds the provenance in its Metadata sheet', async () => {
    const { metadata } = await readBack(await xlsxFile(content(), new Date()));
    expect(Object.fromEntries(metadata)).toMatchObject({
      dataset: 'Testland (xx)',
      operation: 'Made-up monitoring',
      'round key': '7',
      'round number': '7',
      'round date': '2024-03-31',
      'source title': 'Made-up round 7',
      'source file name': 'round-7.csv',
      'source file sha256': SHA,
      licence: 'Figures: Invented terms. Boundaries: No terms',
      'credit (figures)': 'Source: nobody (invented)',
      'credit (boundaries)': 'Invented boundary credit',
      caveat: 'Invented caveat.',
      'exported at': '2026-11-30T12:00:00.000Z',
      'view URL': 'https://atlas.test/#round=7&level=adm3&dataset=xx',
    });
    expect(metadata.get('correction 1')).toBe(
      'row 4, adm3: XX999 "Birch" read as XX010102 (invented review)',
    );
    expect(metadata.get('indicator idps_ind')).toBe('IDPs (individuals) (#affected+idps+ind)');
  });
});

describe('the CSV download', () => {
  it('starts with a UTF-8 byte order mark, keeps the HXL row second and names the parents', () => {
    const csv = figuresCsv(3, rows(), DATASET, ROUND);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, hxl, amber] = csv.slice(1).split('\r\n');
    expect(header).toMatch(/^pcode,name,parent_pcode,adm1_name,adm2_name,status,idps_ind,/);
    expect(hxl).toMatch(/^#adm3\+code,#adm3\+name,#adm2\+code,#adm1\+name,#adm2\+name,#status,/);
    expect(amber).toMatch(/^XX010101,Amber,XX0101,Northvale,Amber District,reported,1200,300,,,-15,7,/);
  });
});

describe('the data package', () => {
  const pkg = dataPackage({
    dataset: DATASET,
    round: ROUND,
    levels: [
      { level: 1, figures: [] },
      { level: 3, figures: FIGURES.values() },
    ],
    hasPrevious: true,
    corrections: [CORRECTION],
    fileUrl: (format, level) => `https://atlas.test/x/adm${level}.${format}`,
    viewUrl: 'https://atlas.test/#round=7&dataset=xx',
    created: '2026-11-30T12:00:00.000Z',
  }) as any;

  it('has the members a Data Package requires, its licences, sources and contributors', () => {
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg).toMatchObject({ name: 'dtm-xx-7', created: '2026-11-30T12:00:00.000Z' });
    expect(pkg.licenses[0].title).toContain('Invented terms.');
    for (const licence of pkg.licenses) expect(licence.path ?? licence.name).toBeTruthy();
    expect(pkg.sources[0]).toMatchObject({ path: 'round-7.csv', sha256: SHA });
    expect(pkg.contributors.map((c: any) => c.title)).toContain('Invented boundary credit');
    expect(pkg['dtm-atlas:provenance'].corrections).toEqual([CORRECTION]);
    const names = pkg.resources.map((r: any) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const resource of pkg.resources) {
      expect(resource.path).toMatch(/^https:\/\/atlas\.test\//);
      expect(resource).toHaveProperty('format');
      expect(resource).toHaveProperty('mediatype');
    }
  });

  it('describes the CSV with exactly its header, typed, with the hashtag of each field', () => {
    const resource = pkg.resources.find((r: any) => r.name === 'figures-adm3-csv');
    const csv = figuresCsv(3, rows(), DATASET, ROUND).slice(1).split('\r\n');
    const fields = resource.schema.fields;
    expect(fields.map((f: any) => f.name).join(',')).toBe(csv[0]);
    expect(fields.map((f: any) => f.hxl).join(',')).toBe(csv[1]);
    expect(fields.find((f: any) => f.name === 'idps_ind')).toMatchObject({ type: 'integer' });
    for (const field of fields) expect(['string', 'integer', 'date']).toContain(field.type);
    expect(resource).toMatchObject({ encoding: 'utf-8', mediatype: 'text/csv' });
  });

  it('describes the XLSX with exactly its Data sheet header', () => {
    const resource = pkg.resources.find((r: any) => r.name === 'figures-adm3-xlsx');
    const [header, hxl] = content().data;
    expect(resource.schema.fields.map((f: any) => f.name)).toEqual(header);
    expect(resource.schema.fields.map((f: any) => f.hxl)).toEqual(hxl);
    expect(resource.dialect).toMatchObject({ sheetName: 'Data', headerRows: [1], commentRows: [2] });
    const status = resource.schema.fields.find((f: any) => f.name === 'status');
    expect(status.constraints.enum).toEqual(['reported', 'no data', 'not reported']);
    // Every status the sheet writes is one the package allows.
    for (const row of content(true).data.slice(2)) expect(status.constraints.enum).toContain(row[5]);
  });
});

describe('the download routes on Testland', () => {
  it('serve the XLSX as an attachment, the data package as JSON, and refuse a bad level', async () => {
    const { app } = await tinyService();
    const base = 'http://atlas.test/api/v1/datasets/xx/rounds/1';
    const xlsx = await app.request(`${base}/figures.xlsx?level=adm2`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('Content-Type')).toBe(MEDIA_TYPES.xlsx);
    expect(xlsx.headers.get('Content-Disposition')).toBe('attachment; filename="dtm-xx-1-adm2.xlsx"');
    const { data, metadata } = await readBack(new Uint8Array(await xlsx.arrayBuffer()));
    expect(data[1]?.[0]).toBe('#adm2+code');
    expect(metadata.get('view URL')).toBe('http://atlas.test/#round=1&level=adm2&dataset=xx');
    const pkg = await app.request(`${base}/datapackage.json`);
    expect(pkg.status).toBe(200);
    const body = (await pkg.json()) as any;
    expect(body.resources.map((r: any) => r.name)).toContain('figures-adm2-xlsx');
    expect((await app.request(`${base}/figures.xlsx?level=adm9`)).status).toBe(400);
    // A level the boundary set does not have: a workbook without areas, as the CSV is, not an error.
    const none = await app.request(`${base}/figures.xlsx?level=adm3`);
    expect(none.status).toBe(200);
    expect((await readBack(new Uint8Array(await none.arrayBuffer()))).data).toHaveLength(2);
    expect(
      (await app.request('http://atlas.test/api/v1/datasets/xx/rounds/latest/datapackage.json')).status,
    ).toBe(200);
    expect((await app.request('http://atlas.test/api/v1/datasets/xx/rounds/99/figures.xlsx')).status).toBe(
      404,
    );
  });
});
