import { GetObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinReport } from '../../functions/core/join.ts';
import type { RoundMeta } from '../../functions/core/types.ts';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';

let standIns: StandIns;
let catalog: DynamoCatalog;

const report: JoinReport = {
  rows: 1,
  totals: { idps_ind: 5, idps_hh: 1, returnees_ind: 0, returnees_hh: 0 },
  levels: [],
  corrections: [],
  unmatchedCodes: [],
  nameDisagreements: [],
  parentDisagreements: [],
};

function round(version: string, idps: number): RoundMeta {
  return {
    dataset: 'xyz',
    key: '1',
    number: 1,
    date: '2024-01-31',
    source: { title: 'Round 1', organisation: 'IOM DTM', file: 'r1.csv', sha256: version },
    boundarySet: 'xyz-2020',
    totals: { idps_ind: idps, idps_hh: 1, returnees_ind: 0, returnees_hh: 0 },
    status: 'draft',
    version,
  };
}

const figures = (n: number, idps: number) =>
  Array.from({ length: n }, (_, i) => ({
    pcode: `XY${String(i).padStart(4, '0')}`,
    level: 2 as const,
    idps_ind: idps,
    idps_hh: 1,
    returnees_ind: 0,
    returnees_hh: 0,
    sourceRows: [i + 2],
  }));

beforeAll(async () => {
  standIns = await startStandIns();
  catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
});
afterAll(() => standIns.close());

describe('DynamoCatalog on dynalite', () => {
  it('keeps a draft invisible until it is published, then serves all its figures', async () => {
    await catalog.writeDraft(round('v1', 5), figures(60, 5), report);
    expect(await catalog.listRounds('xyz')).toEqual([]);
    expect(await catalog.publish(round('v1', 5), undefined)).toBe('published');
    const [published] = await catalog.listRounds('xyz');
    expect(published).toMatchObject({ key: '1', version: 'v1', status: 'published' });
    const stored = await catalog.getFigures('xyz', '1', 'v1');
    expect(stored).toHaveLength(60);
    expect(stored[0]).toMatchObject({ idps_ind: 5, sourceRows: [2] });
    expect(await catalog.getReport('xyz', '1', 'v1')).toEqual(report);
  });

  it('publishes a new version with one conditional write; a stale writer gets a conflict and changes nothing', async () => {
    await catalog.writeDraft(round('v2', 7), figures(60, 7), report);
    await catalog.writeDraft(round('v3', 9), figures(60, 9), report);
    expect(await catalog.publish(round('v2', 7), 'v1')).toBe('published');
    await expect(catalog.publish(round('v3', 9), 'v1')).rejects.toMatchObject({ kind: 'conflict' });
    expect((await catalog.getRound('xyz', '1'))?.version).toBe('v2');
    expect(await catalog.publish(round('v2', 7), 'v2')).toBe('unchanged');
    expect((await catalog.getFigures('xyz', '1', 'v2')).every((f) => f.idps_ind === 7)).toBe(true);
  });
});

describe('batch writes under throttling', () => {
  it('retries unprocessed items with backoff until every item is stored', async () => {
    const client = createDocumentClient(standIns.aws);
    let throttled = 0;
    // Fault injection: the first two BatchWrite calls store only half their items and hand back the rest.
    const flaky = {
      send: async (command: { constructor: { name: string }; input: any }) => {
        if (command.constructor.name === 'BatchWriteCommand' && throttled < 2) {
          throttled++;
          const requests = command.input.RequestItems[standIns.tableName];
          const half = Math.ceil(requests.length / 2);
          await client.send(
            new BatchWriteCommand({ RequestItems: { [standIns.tableName]: requests.slice(0, half) } }),
          );
          return { UnprocessedItems: { [standIns.tableName]: requests.slice(half) } };
        }
        return client.send(command as never);
      },
    };
    const waits: number[] = [];
    const throttledCatalog = new DynamoCatalog(flaky as never, standIns.tableName, async (ms) => {
      waits.push(ms);
    });
    const draft = { ...round('t1', 3), key: 'throttled' };
    await throttledCatalog.writeDraft(draft, figures(30, 3), report);
    expect(throttled).toBe(2);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(await catalog.getFigures('xyz', 'throttled', 't1')).toHaveLength(30);
  });
});

describe('S3Boundaries on s3rver', () => {
  it('stores topology then manifest and reads them back byte-exact through the SDK', async () => {
    const s3 = createS3Client(standIns.aws);
    const boundaries = new S3Boundaries(s3, standIns.bucketName);
    expect(await boundaries.getManifest('xyz-2020')).toBeUndefined();
    const manifest = {
      id: 'xyz-2020',
      title: 'Testland',
      version: 'abc',
      bbox: [0, 0, 1, 1] as [number, number, number, number],
      levels: [],
      sources: [],
      attribution: 'OCHA',
    };
    const topology = {
      type: 'Topology' as const,
      objects: {},
      arcs: [
        [
          [0, 0, 1],
          [1, 1, 1],
        ],
      ],
    };
    await boundaries.putBoundarySet(manifest, topology as never);
    expect(await boundaries.getManifest('xyz-2020')).toEqual(manifest);
    expect(await boundaries.getTopology(manifest)).toEqual(topology);
    // No aws-chunked framing inside the stored object (the s3rver checksum trap).
    const raw = await s3.send(
      new GetObjectCommand({ Bucket: standIns.bucketName, Key: 'boundaries/xyz-2020/manifest.json' }),
    );
    expect(await raw.Body?.transformToString()).toBe(JSON.stringify(manifest));
  });
});
