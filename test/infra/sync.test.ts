/**
 * The scheduled DTM API sync on AWS (infra/lib/sync-function.ts): present only with a key secret, daily by
 * default, an alarm on its errors, a role that writes only the table and its reports, cdk-nag clean; and its
 * bundle, built as deployed, run in-process against the stand-ins and a stand-in DTM API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../functions/store/clients.ts';
import { SYNC_REPORT_KEYS } from '../../infra/lib/sync-function.ts';
import { startDtmApiStandIn } from '../helpers/dtm-api-standin.ts';
import { DATA_DIR, startSeededService } from '../helpers/service.ts';
import { flat, logicalId, roleStatements, synth } from './synth.ts';

const SYNC = { stage: 'prod', dtmApiKeySecret: 'dtm-atlas/dtm-api-key' };
const WRITE_ACTION = /^(dynamodb:(Put|Update|Delete|BatchWrite)|s3:(Put|Delete))/;

describe('the sync function in the stack', () => {
  it('is absent without a key secret', () => {
    const { stack, template } = synth({ stage: 'prod' });
    expect(stack.sync).toBeUndefined();
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  it('runs daily, alarms on errors, gets its key from Secrets Manager, and writes only the table and its reports', () => {
    const { stack, template, annotations } = synth(SYNC);
    const sync = stack.sync;
    if (!sync) throw new Error('no sync function');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      Targets: Match.arrayWith([Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 0 } })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Threshold: 1,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, sync.fn.fn) } }],
    });
    const fn = template.toJSON().Resources[logicalId(stack, sync.fn.fn)];
    expect(flat(fn.Properties.Environment.Variables.DTM_API_KEY)).toBe(
      '{{resolve:secretsmanager:dtm-atlas/dtm-api-key:SecretString:::}}',
    );
    const writes = roleStatements(template, logicalId(stack, sync.fn.role)).filter((s) =>
      s.Action.some((a) => WRITE_ACTION.test(a)),
    );
    const resources = writes.flatMap((s) => s.Resource.map(flat));
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(resource).toMatch(/^<DataStore(Table|Bucket)[0-9A-F]+\.Arn>/);
    expect(resources.filter((r) => r.includes('Bucket'))).toEqual([
      expect.stringMatching(new RegExp(`/${SYNC_REPORT_KEYS.replace('*', '\\*')}$`)),
    ]);
    const findings = [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map((m) => `${m.id}: ${String(m.entry.data).split('\n')[0]}`);
    expect(findings).toEqual([]);
  });

  it('takes its schedule from the context and refuses one EventBridge would not', () => {
    const { template } = synth({ ...SYNC, syncSchedule: 'cron(0 5 * * ? *)' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 5 * * ? *)' });
    expect(() => synth({ ...SYNC, syncSchedule: 'daily' })).toThrow(/syncSchedule/);
  });
});

describe('the sync bundle', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'atlas-cdk-sync-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("never overwrites the seeded rounds: each is reported as another source's, agreeing with the API", async () => {
    const { stack, template } = synth({ ...SYNC, stage: 'dev' }, { bundle: true, outdir });
    const assets = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8'));
    const fn = template.toJSON().Resources[logicalId(stack, stack.sync?.fn.fn as never)];
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const bundle = path.join(outdir, assets.files[hash].source.path, 'index.mjs');

    const service = await startSeededService();
    const key = 'bundle-test-key-1d3e';
    const api = await startDtmApiStandIn(DATA_DIR, key);
    try {
      const before = await service.catalog.listRounds('hti');
      Object.assign(process.env, {
        TABLE_NAME: service.standIns.tableName,
        BUCKET_NAME: service.standIns.bucketName,
        DYNAMODB_ENDPOINT: service.standIns.aws.dynamoEndpoint,
        S3_ENDPOINT: service.standIns.aws.s3Endpoint,
        AWS_REGION: 'us-east-1',
        DTM_API_URL: api.origin,
        DTM_API_KEY: key,
      });
      const { handler } = await import(pathToFileURL(bundle).href);
      const result = await handler({}, { getRemainingTimeInMillis: () => 120_000 });
      expect(result.ok).toBe(true);
      const hti = result.datasets.find((d: { dataset: string }) => d.dataset === 'hti');
      expect(hti).toMatchObject({ status: 'synced', new: 0, changed: 0, unchanged: 0, refused: 10 });
      expect(result.datasets.find((d: { dataset: string }) => d.dataset === 'mli')).toMatchObject({
        status: 'skipped',
      });
      const s3 = createS3Client(service.standIns.aws);
      const stored = await s3.send(
        new GetObjectCommand({ Bucket: service.standIns.bucketName, Key: result.reportKey }),
      );
      const report = JSON.parse((await stored.Body?.transformToString()) ?? '{}');
      const round10 = report.datasets
        .find((d: { dataset: string }) => d.dataset === 'hti')
        .rounds.find((r: { key: string }) => r.key === '10');
      expect(round10.refusal).toMatchObject({ reason: 'other-source', disagreements: [] });
      expect(JSON.stringify(report)).not.toContain(key);
      const after = await service.catalog.listRounds('hti');
      expect(after.map((r) => r.version)).toEqual(before.map((r) => r.version));
    } finally {
      await api.close();
      await service.close();
      for (const name of ['DTM_API_URL', 'DTM_API_KEY']) delete process.env[name];
    }
  }, 300_000);
});
