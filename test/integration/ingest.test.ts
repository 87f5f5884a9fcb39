import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreparedBoundarySet } from '../../functions/core/boundary-set.ts';
import { handleIncomingObject } from '../../functions/ingest/incoming.ts';
import { type IngestOptions, ingestFile } from '../../functions/ingest/ingest.ts';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import type { CatalogWriter } from '../../functions/store/ports.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';
import { S3Objects } from '../../functions/store/s3-objects.ts';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { baselineCsv, KAYES, MOPTI, SEGOU } from '../helpers/fixtures.ts';
import { DATA_DIR } from '../helpers/service.ts';

const mali = findDatasetManifest('mli');
if (!mali) throw new Error('mli manifest missing');
let standIns: StandIns;
let catalog: DynamoCatalog;
let boundaries: S3Boundaries;
const sets = new Map<string, PreparedBoundarySet>();

const enc = (text: string) => new TextEncoder().encode(text);
const deps = (store: CatalogWriter = catalog) => ({
  catalog: store,
  boundarySet: async (id: string) => sets.get(id) as PreparedBoundarySet,
});
const ingest = (
  file: string,
  text: string | Uint8Array,
  options: IngestOptions = {},
  store?: CatalogWriter,
) => ingestFile(mali, file, typeof text === 'string' ? enc(text) : text, deps(store), options);

/** Expects an import to fail with an error naming file, row and column, and to leave the catalog as it was. */
async function expectRejected(
  file: string,
  text: string | Uint8Array,
  message: RegExp,
  options: IngestOptions = {},
) {
  const before = JSON.stringify(await catalog.listRounds('mli'));
  const error = await ingest(file, text, { round: 'bad', date: '2021-01-31', ...options }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, `${file} should be rejected`).toBeDefined();
  expect(error?.message).toMatch(message);
  expect(error?.message.startsWith(file)).toBe(true);
  expect(JSON.stringify(await catalog.listRounds('mli'))).toBe(before);
}

beforeAll(async () => {
  standIns = await startStandIns();
  catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
  for (const source of mali.boundarySets) {
    const prepared = await prepareBoundarySet(source, DATA_DIR);
    sets.set(source.id, prepared);
    await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
  }
});
afterAll(() => standIns.close());

describe('formats, detected from the content', () => {
  it('reads the DTM baseline CSV and says so when the same file comes again', async () => {
    const csv = baselineCsv([SEGOU, MOPTI]);
    const first = await ingest('r1.csv', csv, { round: 'r1', date: '2021-01-31' });
    expect(first.format).toBe('dtm-baseline-csv');
    expect(first.rounds[0]).toMatchObject({
      outcome: 'published',
      round: { totals: { idps_ind: 150, idps_hh: 30 } },
    });
    const again = await ingest('r1.csv', csv, { round: 'r1', date: '2021-01-31' });
    expect(again.rounds[0]?.outcome).toBe('unchanged');
  });

  it('maps any CSV by its HXL hashtags, whatever the headers', async () => {
    const csv = [
      'Région,Code région,Personnes déplacées,Ménages déplacés,Date',
      '#adm1+name,#adm1+code,#affected+idps+ind,#affected+hh+idps,#date+reported',
      'Ségou,MLI04,1200,240,2022-03-31',
      'Mopti,MLI05,800,160,2022-03-31',
    ].join('\n');
    const result = await ingest('hxl.csv', csv, { round: 'hxl-1' });
    expect(result.format).toBe('hxl-csv');
    expect(result.rounds[0]?.round).toMatchObject({
      date: '2022-03-31',
      totals: { idps_ind: 2000, idps_hh: 400 },
    });
    const figures = await catalog.getFigures('mli', 'hxl-1', result.rounds[0]?.round.version as string);
    expect(figures.find((f) => f.pcode === 'ML04')).toMatchObject({
      level: 1,
      idps_ind: 1200,
      sourceRows: [3],
    });
  });

  it('reads DTM API v3 JSON: rounds from roundNumber, unknowns stay unknown, duplicates reported once', async () => {
    const record = (
      admin1Pcode: string,
      admin1Name: string,
      roundNumber: number,
      idps: number | string | null,
    ) => ({
      operation: 'Mali Conflict', // mli's operation (geodata/datasets/mli.json)
      admin0Name: 'Mali',
      admin0Pcode: 'MLI',
      admin1Name,
      admin1Pcode,
      numPresentIdpInd: idps,
      reportingDate: roundNumber === 70 ? '2021-05-31T00:00:00' : '2021-07-31T00:00:00',
      yearReportingDate: 2021,
      monthReportingDate: roundNumber === 70 ? 5 : 7,
      roundNumber,
      assessmentType: 'BA',
      displacementReason: 'Conflict',
      numberMales: 'Not available',
      numberFemales: null,
    });
    const json = JSON.stringify({
      isSuccess: true,
      result: [
        record('MLI04', 'Segou', 70, 900),
        record('MLI05', 'Mopti', 70, 'Not available'),
        record('MLI04', 'Segou', 71, 1000),
        record('MLI04', 'Segou', 71, 1000),
        record('MLI05', 'Mopti', 71, null),
      ],
    });
    const result = await ingest('dtm-api.json', json);
    expect(result.format).toBe('dtm-api-json');
    expect(result.rounds.map((r) => [r.round.key, r.round.date, r.round.totals.idps_ind])).toEqual([
      ['70', '2021-05-31', 900],
      ['71', '2021-07-31', 1000],
    ]);
    expect(result.duplicates).toEqual([{ row: 4, duplicateOf: 3, code: 'MLI04' }]);
    const r71 = result.rounds[1]?.round;
    const figures = await catalog.getFigures('mli', '71', r71?.version as string);
    // Mopti has a row but no figure in it (issue 12: blank figures are no data): the area gets no figure
    // entry, so it stays "no data", and the join report lists the row.
    expect(figures.find((f) => f.pcode === 'ML05')).toBeUndefined();
    expect(result.rounds[1]?.report.blankRows).toEqual([
      { row: 5, level: 1, code: 'ML05', sourceCode: 'MLI05' },
    ]);
    expect(r71?.totals).not.toHaveProperty('idps_hh');
  });

  it('reads the DTM workbook: finds the data sheet among others and maps its columns by the HXL row', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Read me').addRow(['DTM Mali baseline assessment, see methodology']);
    const data = workbook.addWorksheet('Baseline Assessment');
    data.addRow([
      'Snapshot Date',
      'Admin 1',
      'Admin 1 P-Code',
      'Admin 2',
      'Admin 2 P-Code',
      'Admin 3',
      'Admin 3 P-Code',
      'Total No# of IDPs HH#',
      'Total No# of IDPs Ind#',
    ]);
    data.addRow([
      '#date+reported',
      '#adm1+name',
      '#adm1+code',
      '#adm2+name',
      '#adm2+code',
      '#adm3+name',
      '#adm3+code',
      '#affected+hh+idps',
      '#affected+idps+ind',
    ]);
    data.addRow([
      new Date(Date.UTC(2021, 8, 30)),
      'Ségou',
      'MLI04',
      'Ségou',
      'MLI0406',
      'Ségou',
      'MLI040626',
      12,
      60,
    ]);
    data.addRow([
      new Date(Date.UTC(2021, 8, 30)),
      'Mopti',
      'MLI05',
      'Mopti',
      'MLI0506',
      'Mopti Commune',
      'MLI050609',
      30,
      140,
    ]);
    workbook.addWorksheet('Charts').addRow(['IDPs by region']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await ingest('round.xlsx', bytes, { round: 'xlsx-1' });
    expect(result.format).toBe('dtm-xlsx');
    expect(result.rounds[0]?.round).toMatchObject({
      date: '2021-09-30',
      totals: { idps_ind: 200, idps_hh: 42 },
    });
    expect(result.rounds[0]?.report.nameDisagreements).toEqual([]);
    const negative = workbook.getWorksheet('Baseline Assessment');
    if (negative) negative.getRow(4).getCell(9).value = -140;
    const bad = await ingest('bad.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()), {
      round: 'xlsx-2',
    }).catch((e: Error) => e);
    expect((bad as Error).message).toMatch(
      /bad.xlsx \[Baseline Assessment\], row 4, column "Total No# of IDPs Ind#"/,
    );
  });

  it('refuses a workbook that would unpack to hundreds of megabytes (a zip bomb) before unpacking it', async () => {
    const { zipSync } = await import('fflate');
    const bomb = zipSync(
      {
        '[Content_Types].xml': new Uint8Array(1000),
        'xl/worksheets/sheet1.xml': new Uint8Array(300 * 1024 * 1024),
      },
      { level: 9 },
    );
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const error = await ingest('bomb.xlsx', bomb, { round: 'bomb' }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /bomb.xlsx: the workbook would unpack to \d+ bytes .*decompression bomb/,
    );
  });

  it('reads Latin-1 and UTF-8 with BOM, keeping French names right', async () => {
    const csv = baselineCsv([SEGOU, MOPTI]);
    const latin1 = Uint8Array.from(Buffer.from(csv, 'latin1'));
    const fromLatin1 = await ingest('latin1.csv', latin1, { dryRun: true, round: 'x', date: '2021-01-31' });
    expect(fromLatin1.rounds[0]?.report.nameDisagreements).toEqual([]);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(csv, 'utf8')]);
    const fromBom = await ingest('bom.csv', bom, { dryRun: true, round: 'x', date: '2021-01-31' });
    expect(fromBom.rounds[0]?.report.nameDisagreements).toEqual([]);
    expect(fromBom.format).toBe('dtm-baseline-csv');
  });

  it('puts the monthly series on the 9-région layer by its codes, 23 rounds keyed by month', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(
      `${DATA_DIR}/mali/dtm/dtm_cmp_mali_idps_by_region_monthly_2012-09_2014-07.csv`,
    );
    const result = await ingest('series.csv', bytes, { dryRun: true });
    expect(result.format).toBe('monthly-series-csv');
    expect(result.boundarySet).toBe('mli-legacy-2012');
    expect(result.rounds).toHaveLength(23);
    const june = result.rounds.find((r) => r.round.key === '2014-06');
    expect(june?.round.totals.idps_ind).toBe(128_866);
    expect(june?.report.unmatchedCodes).toEqual([]);
  });
});

describe('bad input: a clear error naming file, row and column, and nothing stored changes', () => {
  const good = () => baselineCsv([SEGOU, MOPTI]);
  it.each([
    ['unknown.csv', 'name,value\nfoo,1\n', /unknown format/],
    ['nofigures.csv', 'admin1Pcode,admin1Name\nMLI04,Ségou\n', /required column is missing/],
    [
      'negative.csv',
      baselineCsv([{ ...SEGOU, idps: [1, -5] }]),
      /row 2, column "idp_individuals".*not a count/,
    ],
    [
      'fraction.csv',
      baselineCsv([{ ...SEGOU, idps: [1, '2.5'] }]),
      /row 2, column "idp_individuals".*not a count/,
    ],
    [
      'text.csv',
      baselineCsv([SEGOU, { ...MOPTI, idps: ['many', 10] }]),
      /row 3, column "idp_households".*not a count/,
    ],
    [
      'households.csv',
      baselineCsv([{ ...SEGOU, idps: [60, 50] }]),
      /row 2, column "idp_households".*more than 50 individuals/,
    ],
    [
      'date.csv',
      baselineCsv([{ ...SEGOU, date: '31/09/2021' }]),
      /row 2, column "snapshot_date".*not a date/,
    ],
    [
      'dupes.csv',
      baselineCsv([SEGOU, MOPTI, SEGOU]),
      /row 4, column "admin3Pcode_dtm".*duplicate row for MLI040626 \(first on row 2\)/,
    ],
    ['empty.csv', '', /the file is empty/],
    ['header-only.csv', `${good().split('\n')[0]}\n`, /no data rows/],
    [
      'niger.csv',
      baselineCsv([
        { ...SEGOU, adm1: ['NER04', 'Maradi'], adm2: ['NER0406', 'x'], adm3: ['NER040626', 'y'] },
      ]),
      /P-codes .* belong to none/,
    ],
    [
      'mixed.csv',
      baselineCsv([
        SEGOU,
        MOPTI,
        KAYES,
        { ...KAYES, adm1: ['NER01', 'x'], adm2: ['NER0103', 'x'], adm3: ['NER010312', 'x'] },
      ]),
      /row 5, column "adm1 code".*not a P-code of boundary set/,
    ],
    ['broken.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), /not a readable XLSX workbook/],
    ['api.json', '{"result": "nope"}', /"result" array/],
  ])('%s', async (file, text, message) => {
    await expectRejected(file, text, message);
  });

  it('refuses a file over the size limit before parsing it, with nothing stored changed', async () => {
    const header = good().split('\n')[0];
    const big = new Uint8Array(51 * 1024 * 1024).fill(0x20);
    big.set(new TextEncoder().encode(`${header}\n`));
    await expectRejected('huge.csv', big, /huge.csv: the file is 51 MB; files over 50 MB are refused/);
  });

  it('refuses to overwrite a published round with other content unless told to replace it', async () => {
    await ingest('base.csv', good(), { round: 'keep', date: '2021-02-28' });
    const published = await catalog.getRound('mli', 'keep');
    await expectRejected(
      'other.csv',
      baselineCsv([SEGOU, MOPTI, KAYES]),
      /already published with other content; import with --replace/,
      {
        round: 'keep',
        date: '2021-02-28',
      },
    );
    expect(await catalog.getRound('mli', 'keep')).toEqual(published);
    const replaced = await ingest('other.csv', baselineCsv([SEGOU, MOPTI, KAYES]), {
      round: 'keep',
      date: '2021-02-28',
      replace: true,
    });
    expect(replaced.rounds[0]?.round.totals.idps_ind).toBe(159);
  });

  it('fails when the rows do not add up to the totals the source states', async () => {
    const source = {
      ...(mali.sources[0] as (typeof mali.sources)[number]),
      round: { key: 'stated', date: '2021-09-30' },
    };
    const stated = { ...mali, rounds: { stated: { statedTotals: { idps_ind: 151, statedIn: 'test' } } } };
    const error = await ingestFile(stated, 'stated.csv', enc(good()), deps(), {}, source).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toMatch(/rows sum to 150 but the source states 151/);
    expect(await catalog.getRound('mli', 'stated')).toBeUndefined();
  });
});

describe('site lists', () => {
  const sitesCsv = (rows: string[]) =>
    ['site_id,site_name,latitude,longitude,pcode,households,individuals,site_type', ...rows].join('\n');

  it('derives assessed locations from commune rows, then replaces them with an imported site list', async () => {
    const round = await ingest('communes.csv', baselineCsv([SEGOU, MOPTI]), {
      round: 'sites-1',
      date: '2021-05-31',
    });
    const first = round.rounds[0]?.round;
    const derived = await catalog.getSites('mli', 'sites-1', first?.version as string);
    expect(derived.map((s) => [s.pcode, s.precision, s.idps_ind])).toEqual([
      ['ML040626', 'admin3', 50],
      ['ML050609', 'admin3', 100],
    ]);
    const list = sitesCsv([
      'S-001,Camp Sévaré,14.53,-4.10,MLI050609,40,180,camp',
      'S-002,Ségou gare,13.44,-6.26,MLI040626,,25,collective centre',
    ]);
    const result = await ingest('sites.csv', list, { round: 'sites-1' });
    expect(result.format).toBe('site-list');
    const updated = result.rounds[0]?.round;
    expect(updated?.version).not.toBe(first?.version);
    expect(updated?.totals).toEqual(first?.totals);
    const sites = await catalog.getSites('mli', 'sites-1', updated?.version as string);
    expect(sites.map((s) => [s.id, s.precision, s.pcode, s.idps_ind, s.idps_hh])).toEqual([
      ['S-001', 'gps', 'ML050609', 180, 40],
      ['S-002', 'gps', 'ML040626', 25, undefined],
    ]);
    expect(await catalog.getFigures('mli', 'sites-1', updated?.version as string)).toHaveLength(6);
    expect((await ingest('sites.csv', list, { round: 'sites-1' })).rounds[0]?.outcome).toBe('unchanged');
    // Re-importing the figures keeps the surveyed sites.
    const again = await ingest('communes.csv', baselineCsv([SEGOU, MOPTI, KAYES]), {
      round: 'sites-1',
      date: '2021-05-31',
      replace: true,
    });
    const kept = await catalog.getSites('mli', 'sites-1', again.rounds[0]?.round.version as string);
    expect(kept.map((s) => s.id)).toEqual(['S-001', 'S-002']);
  });

  it.each([
    [
      'no round',
      ['S-1,A,14,-4,MLI050609,1,2,camp'],
      { round: 'nope' },
      /does not exist; import its figures first/,
    ],
    [
      'latitude',
      ['S-1,A,140,-4,MLI050609,1,2,camp'],
      { round: 'sites-1' },
      /row 2, column "latitude".*not a coordinate/,
    ],
    [
      'duplicate',
      ['S-1,A,14,-4,MLI050609,1,2,camp', 'S-1,B,14,-4,MLI050609,1,2,camp'],
      { round: 'sites-1' },
      /row 3, column "site_id".*duplicate site S-1/,
    ],
    ['pcode', ['S-1,A,14,-4,MLI999999,1,2,camp'], { round: 'sites-1' }, /row 2, column "pcode".*not an area/],
  ])('refuses a bad site list (%s) and changes nothing', async (_name, rows, options, message) => {
    const before = await catalog.getRound('mli', 'sites-1');
    const error = await ingest('bad-sites.csv', sitesCsv(rows), options).catch((e: Error) => e);
    expect((error as Error).message).toMatch(message);
    expect(await catalog.getRound('mli', 'sites-1')).toEqual(before);
  });
});

describe('writing rounds safely', () => {
  it('an import interrupted after its draft leaves the published round untouched, and the next run completes', async () => {
    await ingest('v1.csv', baselineCsv([SEGOU]), { round: 'safe', date: '2021-03-31' });
    const before = await catalog.getRound('mli', 'safe');
    const crashing: CatalogWriter = Object.create(catalog, {
      publish: { value: async () => Promise.reject(new Error('process killed')) },
    });
    await expect(
      ingest(
        'v2.csv',
        baselineCsv([SEGOU, MOPTI]),
        { round: 'safe', date: '2021-03-31', replace: true },
        crashing,
      ),
    ).rejects.toThrow('process killed');
    expect(await catalog.getRound('mli', 'safe')).toEqual(before);
    const figures = await catalog.getFigures('mli', 'safe', before?.version as string);
    expect(figures.filter((f) => f.level === 1).map((f) => f.pcode)).toEqual(['ML04']);
    const retry = await ingest('v2.csv', baselineCsv([SEGOU, MOPTI]), {
      round: 'safe',
      date: '2021-03-31',
      replace: true,
    });
    expect(retry.rounds[0]?.outcome).toBe('published');
  });

  it('two imports of one round at once: exactly one wins, the other fails clearly, no mixture', async () => {
    await ingest('start.csv', baselineCsv([KAYES]), { round: 'race', date: '2021-04-30' });
    // Both imports read the published round, then neither publishes before both have drafted: the race
    // window is held open, so both try to replace the same version and exactly one can.
    let drafted = 0;
    let bothDrafted: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothDrafted = resolve;
    });
    const racing: CatalogWriter = Object.create(catalog, {
      writeDraft: {
        value: async (...args: Parameters<CatalogWriter['writeDraft']>) => {
          await catalog.writeDraft(...args);
          if (++drafted === 2) bothDrafted();
          await barrier;
        },
      },
    });
    const attempts = await Promise.allSettled([
      ingest('a.csv', baselineCsv([SEGOU]), { round: 'race', date: '2021-04-30', replace: true }, racing),
      ingest('b.csv', baselineCsv([MOPTI]), { round: 'race', date: '2021-04-30', replace: true }, racing),
    ]);
    expect(attempts.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(String(failure.reason.message)).toBe(
      'round mli/race was changed by another import; nothing was published',
    );
    const winner = attempts.findIndex((a) => a.status === 'fulfilled');
    const round = await catalog.getRound('mli', 'race');
    const figures = await catalog.getFigures('mli', 'race', round?.version as string);
    const regions = figures.filter((f) => f.level === 1).map((f) => f.pcode);
    // What is published is the winner's file whole: Ségou (50) for a.csv, Mopti (100) for b.csv.
    expect(regions).toEqual([winner === 0 ? 'ML04' : 'ML05']);
    expect(round?.totals.idps_ind).toBe(winner === 0 ? 50 : 100);
    expect(round?.source.file).toBe(winner === 0 ? 'a.csv' : 'b.csv');
  });
});

describe('uploads under incoming/ (the ingest Lambda path)', () => {
  const s3 = () => createS3Client(standIns.aws);
  const put = (key: string, body: string) =>
    s3().send(new PutObjectCommand({ Bucket: standIns.bucketName, Key: key, Body: body }));
  const report = async (key: string) =>
    JSON.parse(
      (await (
        await s3().send(new GetObjectCommand({ Bucket: standIns.bucketName, Key: key }))
      ).Body?.transformToString()) as string,
    );
  const incomingDeps = () => ({
    objects: new S3Objects(s3(), standIns.bucketName),
    catalog,
    boundaries,
    findDataset: findDatasetManifest,
  });

  it('imports an upload and writes its report next to it', async () => {
    await put('incoming/mli/up1/upload.csv', baselineCsv([SEGOU, KAYES]));
    const outcome = await handleIncomingObject(incomingDeps(), 'incoming/mli/up1/upload.csv');
    expect(outcome).toEqual({
      key: 'incoming/mli/up1/upload.csv',
      reportKey: 'incoming/mli/up1/upload.csv.report.json',
      status: 'imported',
    });
    const written = await report('incoming/mli/up1/upload.csv.report.json');
    expect(written.rounds[0]).toMatchObject({ key: 'up1', outcome: 'published', totals: { idps_ind: 59 } });
    expect((await catalog.getRound('mli', 'up1'))?.status).toBe('published');
  });

  it('answers a bad upload in its report and ignores its own reports', async () => {
    await put('incoming/mli/up2/bad.csv', baselineCsv([{ ...SEGOU, idps: [1, -1] }]));
    expect((await handleIncomingObject(incomingDeps(), 'incoming/mli/up2/bad.csv')).status).toBe('rejected');
    const written = await report('incoming/mli/up2/bad.csv.report.json');
    expect(written).toMatchObject({ status: 'rejected', changed: 'nothing' });
    expect(written.error).toMatch(/row 2, column "idp_individuals"/);
    expect(await catalog.getRound('mli', 'up2')).toBeUndefined();
    expect((await handleIncomingObject(incomingDeps(), 'incoming/mli/up2/bad.csv.report.json')).status).toBe(
      'ignored',
    );
  });
});
