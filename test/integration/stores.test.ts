import { GetObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';
import { S3Registry } from '../../functions/store/s3-registry.ts';
import {
  boundaryContract,
  catalogContract,
  draftRound,
  registryContract,
  report,
  someFigures,
} from '../helpers/store-contract.ts';

let standIns: StandIns;
let catalog: DynamoCatalog;
let boundaries: S3Boundaries;
let registry: S3Registry;

beforeAll(async () => {
  standIns = await startStandIns();
  catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
  boundaries = new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName);
  registry = new S3Registry(createS3Client(standIns.aws), standIns.bucketName);
});
afterAll(() => standIns.close());

// The same assertions as the in-memory ports pass (test/unit/memory-stores.test.ts).
catalogContract('DynamoCatalog on dynalite', () => catalog);
boundaryContract('S3Boundaries on s3rver', () => boundaries);
registryContract('S3Registry on s3rver', () => registry);

const round = (version: string, idps: number) => draftRound('xyz', version, idps);
const figures = someFigures;

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
