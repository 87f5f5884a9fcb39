/**
 * The ingest Lambda's entry (functions/entry/ingest-lambda.ts) on the stand-ins, with real S3 keys and S3
 * put events: boundary files and `manifest.json` uploaded under `incoming/datasets/<id>/` add a dataset
 * (boundary set in S3, manifest at `datasets/<id>.json`, dataset in DynamoDB), then a round file uploaded
 * under `incoming/<id>/` is imported into it, found through the registry. Made-up fixtures only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { S3Registry } from '../../functions/store/s3-registry.ts';

let standIns: StandIns;
const fixture = (file: string) => readFile(path.join(REPO_ROOT, 'test/fixtures', file), 'utf8');

beforeAll(async () => {
  standIns = await startStandIns();
  // The Lambda entry reads its configuration from the environment at cold start, as on AWS.
  Object.assign(process.env, {
    TABLE_NAME: standIns.tableName,
    BUCKET_NAME: standIns.bucketName,
    DYNAMODB_ENDPOINT: standIns.aws.dynamoEndpoint,
    S3_ENDPOINT: standIns.aws.s3Endpoint,
    AWS_REGION: 'us-east-1',
  });
});
afterAll(() => standIns.close());

async function upload(key: string, body: string) {
  await createS3Client(standIns.aws).send(
    new PutObjectCommand({ Bucket: standIns.bucketName, Key: key, Body: body }),
  );
}

async function text(key: string): Promise<string | undefined> {
  const object = await createS3Client(standIns.aws).send(
    new GetObjectCommand({ Bucket: standIns.bucketName, Key: key }),
  );
  return object.Body?.transformToString();
}

/** Invokes the Lambda handler with an S3 put event for `key` (URL-encoded as S3 sends it). */
async function putEvent(key: string) {
  const { handler } = await import('../../functions/entry/ingest-lambda.ts');
  const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
  const record = {
    eventName: 'ObjectCreated:Put',
    s3: { bucket: { name: standIns.bucketName }, object: { key: encoded } },
  };
  return handler({ Records: [record] } as never);
}

describe('the ingest Lambda adds a dataset from the ingest bucket', () => {
  it('adds xxt from a manifest and a TopoJSON, then imports a round uploaded for it', async () => {
    const adm1 = JSON.parse(await fixture('codab/xx_adm1.geojson'));
    await upload('incoming/datasets/xxt/xx adm1.topojson.json', JSON.stringify(topology({ adm1 })));
    const manifestKey = 'incoming/datasets/xxt/manifest.json';
    await upload(
      manifestKey,
      JSON.stringify({
        country: 'XXX',
        name: 'Testland',
        operation: 'Test operation',
        boundaries: ['xx adm1.topojson.json'],
        levelNames: { adm1: 'Province' },
      }),
    );
    const added = await putEvent(manifestKey);
    expect(added.outcomes).toEqual([
      { key: manifestKey, reportKey: `${manifestKey}.report.json`, status: 'imported' },
    ]);
    expect(JSON.parse((await text(`${manifestKey}.report.json`)) ?? '{}')).toMatchObject({
      status: 'added',
      boundarySet: { id: 'xxt-boundaries', levels: [{ level: 1, count: 2 }] },
    });
    const registry = new S3Registry(createS3Client(standIns.aws), standIns.bucketName);
    expect((await registry.getManifest('xxt'))?.operation).toBe('Test operation');
    const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
    expect(await catalog.getDataset('xxt')).toMatchObject({
      name: 'Testland',
      levelNames: { adm1: 'Province' },
    });

    await upload('incoming/xxt/api.json', await fixture('ingest/api-json/api.json'));
    const imported = await putEvent('incoming/xxt/api.json');
    expect(imported.outcomes[0]).toMatchObject({ status: 'imported' });
    expect((await catalog.listRounds('xxt')).map((round) => [round.key, round.totals.idps_ind])).toEqual([
      ['9', 40],
    ]);
  });

  it('answers a manifest whose boundary file is bad in its report, and stores nothing', async () => {
    const adm1 = JSON.parse(await fixture('codab/xx_adm1.geojson'));
    adm1.features[0].geometry.coordinates = [
      [
        [500000, 2000000],
        [510000, 2000000],
        [510000, 2010000],
        [500000, 2000000],
      ],
    ];
    await upload('incoming/datasets/xbad/adm1.geojson', JSON.stringify(adm1));
    const manifestKey = 'incoming/datasets/xbad/manifest.json';
    await upload(manifestKey, JSON.stringify({ country: 'XXX', name: 'Bad', boundaries: ['adm1.geojson'] }));
    expect((await putEvent(manifestKey)).outcomes[0]).toMatchObject({ status: 'rejected' });
    const report = JSON.parse((await text(`${manifestKey}.report.json`)) ?? '{}');
    expect(report.error).toMatch(/^adm1\.geojson, row 1, column "geometry": .*looks projected/);
    expect(report.changed).toBe('nothing');
    const registry = new S3Registry(createS3Client(standIns.aws), standIns.bucketName);
    expect(await registry.getManifest('xbad')).toBeUndefined();
    const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
    expect(await catalog.getDataset('xbad')).toBeUndefined();
  });
});
