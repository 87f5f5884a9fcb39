/**
 * The catalog grouped by country (`/api/v1/datasets`, `/tiles`) with each operation's status from a made-up
 * operation list, and the admin 0 check in the round summary of a made-up DTM API feed: Testland seeded
 * three times, through the seeding code, into the in-memory ports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetManifest, SourceFile } from '../../functions/core/dataset-manifest.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { createApp } from '../../functions/http/app.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { TINY_DIR, tinyManifest } from '../helpers/tiny.ts';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const record = (fields: Record<string, unknown>) => ({
  operation: 'Flood response',
  admin0Pcode: 'XXX',
  roundNumber: 2,
  reportingDate: '2024-06-30T00:00:00',
  displacementReason: 'Flood',
  assessmentType: 'BA',
  ...fields,
});
// Made-up files beside Testland's own: an operation list and a DTM API feed whose admin 1 records sum to
// 10 fewer IDPs than its national record.
const FILES: Record<string, Uint8Array> = {
  'ops.json': json({
    isSuccess: true,
    result: [
      {
        operation: 'Testland monitoring',
        operationStatus: 'Active',
        admin0Name: 'Testland',
        admin0Pcode: 'XXX',
      },
      {
        operation: 'Flood response',
        operationStatus: 'Inactive',
        admin0Name: 'Testland',
        admin0Pcode: 'XXX',
      },
    ],
  }),
  'feed/admin0.json': json({ result: [record({ numPresentIdpInd: 300 })] }),
  'feed/admin1.json': json({
    result: [
      record({ admin1Pcode: 'XX01', admin1Name: 'Northvale', numPresentIdpInd: 200 }),
      record({ admin1Pcode: 'XX02', admin1Name: 'Southmere', numPresentIdpInd: 90 }),
    ],
  }),
};

let app: ReturnType<typeof createApp>;
const log: string[] = [];

beforeAll(async () => {
  const base = tinyManifest();
  const operationList = { file: 'ops.json', url: 'https://example.test/operation-list', asOf: '2024-07-01' };
  const feed = (file: string): SourceFile => ({
    file,
    feed: 'xy',
    boundarySet: 'xx-2024',
    title: 'Testland floods (invented)',
    organisation: 'Nobody',
  });
  const manifests: DatasetManifest[] = [
    { ...base, operation: 'Testland monitoring', operationList },
    {
      ...base,
      id: 'xy',
      name: 'Testland floods',
      operation: 'Flood response',
      operationList,
      sources: [feed('feed/admin0.json'), feed('feed/admin1.json')],
      rounds: {},
    },
    { ...base, id: 'zz', name: 'Zedland', country: 'ZZZ', operation: 'Zed monitoring', operationList },
  ];
  const folder = dataFolder(TINY_DIR);
  const files = {
    ...folder,
    readRoundFile: async (file: string) => FILES[file] ?? folder.readRoundFile(file),
  };
  const catalog = new MemoryCatalog();
  const boundaries = new MemoryBoundaries();
  await seed(manifests, files, catalog, boundaries, (line) => log.push(line));
  app = createApp({ catalog, boundaries });
});

const get = async (path: string) => {
  const response = await app.request(`http://atlas.test${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};

describe('the catalog by country', () => {
  const TESTLAND = {
    country: 'XXX',
    name: 'Testland',
    datasets: [
      { id: 'xx', name: 'Testland', operation: 'Testland monitoring', operationStatus: 'Active' },
      { id: 'xy', name: 'Testland floods', operation: 'Flood response', operationStatus: 'Inactive' },
    ],
  };
  // Zedland's operation is not in the list: its status is unknown and its country is named by its code.
  const ZEDLAND = {
    country: 'ZZZ',
    name: 'ZZZ',
    datasets: [{ id: 'zz', name: 'Zedland', operation: 'Zed monitoring', operationStatus: 'unknown' }],
  };

  it('groups /api/v1/datasets by country, each operation Active, Inactive or unknown', async () => {
    const body = await get('/api/v1/datasets');
    expect(body.countries).toEqual([TESTLAND, ZEDLAND]);
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['xx', 'xy', 'zz']);
    expect(body.datasets[0]).toMatchObject({
      countryName: 'Testland',
      operationStatus: 'Active',
      operationStatusSource: {
        title: 'DTM API v3 operation list',
        url: 'https://example.test/operation-list',
        asOf: '2024-07-01',
      },
    });
    expect(body.datasets[2]).not.toHaveProperty('operationStatus');
    expect(log).toContain(
      'zz: operation "Zed monitoring" in ZZZ: not in the operation list (ops.json); status unknown',
    );
  });

  it('groups the /tiles catalog the same way, each entry with its status', async () => {
    const body = await get('/tiles');
    expect(body.countries).toEqual([TESTLAND, ZEDLAND]);
    expect(body.datasets.find((d: { id: string }) => d.id === 'xy')).toMatchObject({
      country: 'XXX',
      operation: 'Flood response',
      operationStatus: 'Inactive',
    });
  });
});

describe('the admin 0 check in the round summary', () => {
  it('says by how much the admin 1 records differ from the national figure', async () => {
    const check = {
      against: 'national',
      levels: [
        { level: 0, sum: { idps_ind: 300 } },
        { level: 1, sum: { idps_ind: 290 }, difference: { idps_ind: -10 } },
      ],
      matches: false,
    };
    const { rounds } = await get('/api/v1/datasets/xy/rounds');
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ key: '2', levelCheck: check });
    expect((await get('/api/v1/datasets/xy/rounds/2')).levelCheck).toEqual(check);
  });

  it('has none for a source of one level', async () => {
    expect(await get('/api/v1/datasets/xx/rounds/1')).not.toHaveProperty('levelCheck');
  });
});
