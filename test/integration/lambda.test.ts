import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededService, type TestService } from '../helpers/service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let service: TestService;

beforeAll(async () => {
  service = await startSeededService();
  // The Lambda entry reads its configuration from the environment at cold start, as on AWS.
  Object.assign(process.env, {
    TABLE_NAME: service.standIns.tableName,
    BUCKET_NAME: service.standIns.bucketName,
    DYNAMODB_ENDPOINT: service.standIns.aws.dynamoEndpoint,
    S3_ENDPOINT: service.standIns.aws.s3Endpoint,
    AWS_REGION: 'us-east-1',
  });
});
afterAll(() => service.close());

async function invoke(module: string, event: unknown) {
  const { handler } = (await import(module)) as {
    handler: (event: unknown, context: unknown) => Promise<any>;
  };
  return handler(event, {
    awsRequestId: 'test',
    functionName: 'tiles',
    getRemainingTimeInMillis: () => 10_000,
  });
}

describe('Lambda entries', () => {
  it('the ingest function imports an object uploaded under incoming/ from a real S3 put event', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { createS3Client } = await import('../../functions/store/clients.ts');
    const { baselineCsv, SEGOU, MOPTI } = await import('../helpers/fixtures.ts');
    await createS3Client(service.standIns.aws).send(
      new PutObjectCommand({
        Bucket: service.standIns.bucketName,
        Key: 'incoming/mli/lambda-1/Round upload.csv',
        Body: baselineCsv([SEGOU, MOPTI]),
      }),
    );
    const event = JSON.parse(await readFile(path.join(here, '../fixtures/s3-put-event.json'), 'utf8'));
    const result = await invoke('../../functions/entry/ingest-lambda.ts', event);
    expect(result.outcomes).toEqual([
      {
        key: 'incoming/mli/lambda-1/Round upload.csv',
        reportKey: 'incoming/mli/lambda-1/Round upload.csv.report.json',
        status: 'imported',
      },
    ]);
    const response = await service.app.request('http://127.0.0.1/api/v1/datasets/mli/rounds');
    const rounds = await response.json();
    expect(rounds.rounds.find((r: { key: string }) => r.key === 'lambda-1')).toMatchObject({
      totals: { idps_ind: 150 },
    });
  });

  it('the tiles function answers an API Gateway HTTP API (v2) event with the same tile as the local server', async () => {
    const event = JSON.parse(await readFile(path.join(here, '../fixtures/apigw-v2-tile-event.json'), 'utf8'));
    const result = await invoke('../../functions/entry/tiles-lambda.ts', event);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(result.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(result.headers['content-encoding']).toBe('gzip');
    const local = await service.app.request('http://127.0.0.1:8080/tiles/mli/72/6/30/29.mvt', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(Buffer.from(result.body, 'base64')).toEqual(Buffer.from(await local.arrayBuffer()));
    expect(result.headers.etag).toBe(local.headers.get('ETag'));
  });

  it('the api function answers with the same JSON, and unknown paths with a JSON 404', async () => {
    const event = JSON.parse(await readFile(path.join(here, '../fixtures/apigw-v2-tile-event.json'), 'utf8'));
    const figures = {
      ...event,
      rawPath: '/api/v1/datasets/mli/rounds/72/figures',
      rawQueryString: 'level=adm1',
      requestContext: {
        ...event.requestContext,
        http: { ...event.requestContext.http, path: '/api/v1/datasets/mli/rounds/72/figures' },
      },
    };
    const result = await invoke('../../functions/entry/api-lambda.ts', figures);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).totals.idps_ind).toBe(401_736);
    const missing = await invoke('../../functions/entry/api-lambda.ts', {
      ...figures,
      rawPath: '/nope',
      rawQueryString: '',
    });
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).error.status).toBe(404);
  });
});
