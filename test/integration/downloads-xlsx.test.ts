/**
 * The XLSX and the data package on the real data, through the real app on the stand-ins: Mali's Round 72 by
 * commune and Haiti's Round 10 by commune (adm2). The workbook opens with exceljs; its Metadata sheet carries
 * the hash of the very source file (computed here from the shared data folder) and its Data sheet adds up to
 * what the figures API says the level holds.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashVersion } from '../../functions/core/version.ts';
import { DATA_DIR, startSeededService, type TestService } from '../helpers/service.ts';

let service: TestService;
const get = (url: string) => service.app.request(`http://atlas.test${url}`);

beforeAll(async () => {
  service = await startSeededService();
}, 240_000);
afterAll(() => service.close());

const sha256Of = async (file: string) =>
  createHash('sha256')
    .update(await readFile(path.join(DATA_DIR, file)))
    .digest('hex');

/** The XLSX of a round and level, read back: Data as rows of cells, Metadata as field → value. */
async function workbook(dataset: string, round: string, level: string) {
  const response = await get(`/api/v1/datasets/${dataset}/rounds/${round}/figures.xlsx?level=${level}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Disposition')).toBe(
    `attachment; filename="dtm-${dataset}-${round}-${level}.xlsx"`,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  const rows = (name: string) => {
    const out: unknown[][] = [];
    book.getWorksheet(name)?.eachRow((row) => {
      out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };
  const [header = [], hxl = [], ...data] = rows('Data');
  return { header, hxl, data, metadata: new Map(rows('Metadata').map(([k, v]) => [k, String(v ?? '')])) };
}

/** The sum of one figure column over the Data sheet, every cell a number or empty. */
function columnSum(header: unknown[], data: unknown[][], column: string): number {
  const at = header.indexOf(column);
  expect(at).toBeGreaterThan(-1);
  let sum = 0;
  for (const row of data) {
    const cell = row[at];
    if (cell === undefined || cell === null) continue;
    expect(typeof cell).toBe('number');
    sum += cell as number;
  }
  return sum;
}

const placed = async (dataset: string, round: string, level: string) => {
  const response = await get(`/api/v1/datasets/${dataset}/rounds/${round}/figures?level=${level}`);
  return ((await response.json()) as { placed: Record<string, number> }).placed;
};

describe('the XLSX of Mali Round 72 by commune', () => {
  it('names the source file by its SHA-256, the corrections and the caveat, and adds up to the API', async () => {
    const { header, hxl, data, metadata } = await workbook('mli', '72', 'adm3');
    expect(header.slice(0, 6)).toEqual(['pcode', 'name', 'parent_pcode', 'adm1_name', 'adm2_name', 'status']);
    expect(hxl.slice(0, 3)).toEqual(['#adm3+code', '#adm3+name', '#adm2+code']);
    expect(metadata.get('source file sha256')).toBe(
      await sha256Of('mali/dtm/dtm_mali_baseline_round72_2021-09-30_by_commune.csv'),
    );
    expect(metadata.get('source file name')).toMatch(/round72/);
    expect(metadata.get('round date')).toBe('2021-09-30');
    expect(metadata.get('caveat')).toMatch(/chef-lieu/);
    expect(metadata.get('credit line')).toContain('Displacement Tracking Matrix (DTM)');
    expect(metadata.get('credit line')).toContain('COD-AB');
    expect([...metadata.keys()].some((k) => String(k).startsWith('correction '))).toBe(true);
    expect(metadata.get('view URL')).toBe('http://atlas.test/#round=72&level=adm3&dataset=mli');
    const totals = await placed('mli', '72', 'adm3');
    expect(columnSum(header, data, 'idps_ind')).toBe(totals.idps_ind);
    expect(columnSum(header, data, 'idps_hh')).toBe(totals.idps_hh);
    // Round 72 is meant for cercles: communes without a row are "not reported", not "no data".
    const statuses = new Set(data.map((row) => row[5]));
    expect(statuses).toEqual(new Set(['reported', 'not reported']));
    // Every commune names its cercle and région.
    expect(data.every((row) => typeof row[3] === 'string' && typeof row[4] === 'string')).toBe(true);
  });
});

describe('the XLSX of Haiti Round 10 by commune', () => {
  it('carries the feed hash of the three API files, the breakdown columns, and adds up to the API', async () => {
    const { header, data, metadata } = await workbook('hti', '10', 'adm2');
    const files = ['admin0', 'admin1', 'admin2'].map(
      (level) => `haiti/dtm/dtm_api_v3_displacement_${level}_hti.json`,
    );
    const hashes = await Promise.all(files.map(sha256Of));
    expect(metadata.get('source file sha256')).toBe(hashVersion(hashes));
    expect(metadata.get('source file sha256 note')).toMatch(/feed of several files/);
    expect(metadata.get('operation')).toBe('Countrywide monitoring');
    expect(metadata.get('change counted from round')).toMatch(/^9 /);
    expect(header).toContain('idps_ind_change');
    expect(header.some((h) => String(h).startsWith('idps_ind_reason_'))).toBe(true);
    expect(header).toContain('adm1_name');
    const totals = await placed('hti', '10', 'adm2');
    expect(columnSum(header, data, 'idps_ind')).toBe(totals.idps_ind);
  });
});

describe('the data package of a round', () => {
  it('describes each download with fields that match the CSV header and the XLSX Data sheet', async () => {
    const pkg = (await (await get('/api/v1/datasets/mli/rounds/72/datapackage.json')).json()) as any;
    expect(pkg.sources[0].sha256).toBe(
      await sha256Of('mali/dtm/dtm_mali_baseline_round72_2021-09-30_by_commune.csv'),
    );
    const csvResource = pkg.resources.find((r: any) => r.name === 'figures-adm2-csv');
    const csv = await (
      await get(new URL(csvResource.path).pathname + new URL(csvResource.path).search)
    ).text();
    const [header, hxl] = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(csvResource.schema.fields.map((f: any) => f.name).join(',')).toBe(header);
    expect(csvResource.schema.fields.map((f: any) => f.hxl).join(',')).toBe(hxl);
    const xlsxResource = pkg.resources.find((r: any) => r.name === 'figures-adm3-xlsx');
    const { header: sheetHeader } = await workbook('mli', '72', 'adm3');
    expect(xlsxResource.schema.fields.map((f: any) => f.name)).toEqual(sheetHeader);
    expect(pkg.resources.map((r: any) => r.format)).toEqual(
      expect.arrayContaining(['csv', 'xlsx', 'geojson']),
    );
  });
});

describe('the downloads through the API Lambda', () => {
  it('keep their bytes: the CSV its byte order mark, the XLSX its zip', async () => {
    // The Lambda entry reads its configuration from the environment at cold start, as on AWS.
    Object.assign(process.env, {
      TABLE_NAME: service.standIns.tableName,
      BUCKET_NAME: service.standIns.bucketName,
      DYNAMODB_ENDPOINT: service.standIns.aws.dynamoEndpoint,
      S3_ENDPOINT: service.standIns.aws.s3Endpoint,
      AWS_REGION: 'us-east-1',
    });
    const { handler } = (await import('../../functions/entry/api-lambda.ts')) as {
      handler: (event: unknown, context: unknown) => Promise<any>;
    };
    const fixture = new URL('../fixtures/apigw-v2-tile-event.json', import.meta.url);
    const event = JSON.parse(await readFile(fixture, 'utf8'));
    const invoke = (file: string) => {
      const rawPath = `/api/v1/datasets/mli/rounds/72/${file}`;
      const http = { ...event.requestContext.http, path: rawPath };
      const request = {
        ...event,
        rawPath,
        rawQueryString: 'level=adm2',
        requestContext: { ...event.requestContext, http },
      };
      return handler(request, {
        awsRequestId: 'test',
        functionName: 'api',
        getRemainingTimeInMillis: () => 10_000,
      });
    };
    const csv = await invoke('figures.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.isBase64Encoded).toBe(true);
    const csvBytes = Buffer.from(csv.body, 'base64');
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.subarray(3, 9).toString()).toBe('pcode,');
    const xlsx = await invoke('figures.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.isBase64Encoded).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(Buffer.from(xlsx.body, 'base64')).buffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Data', 'Metadata']);
  });
});
