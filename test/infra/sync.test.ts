/**
 * The scheduled DTM API sync on AWS (infra/lib/sync-function.ts): present only with a key parameter, daily by
 * default, an alarm on its errors, a role that writes only the table and its reports and reads only its key's
 * parameter, cdk-nag clean; and its bundle, built as deployed, run in-process against the stand-ins, a
 * stand-in DTM API and a stand-in SSM: the key read at run time, kept, and read again once rotated.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '../../functions/store/clients.ts';
import { SYNC_REPORT_KEYS } from '../../infra/lib/sync-function.ts';
import { startDtmApiStandIn } from '../helpers/dtm-api-standin.ts';
import { DATA_DIR, startSeededService } from '../helpers/service.ts';
import { startSsmStandIn } from '../helpers/ssm-standin.ts';
import { flat, logicalId, roleStatements, synth } from './synth.ts';

const PARAMETER = '/dtm-atlas/dtm-api-key';
const SYNC = { stage: 'prod', dtmApiKeyParameter: PARAMETER };
const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const WRITE_ACTION = /^(dynamodb:(Put|Update|Delete|BatchWrite)|s3:(Put|Delete))/;

describe('the sync function in the stack', () => {
  // The file's first synth loads aws-cdk-lib and cdk-nag: minutes on two shared cores, not seconds.
  it('is absent without a key parameter', () => {
    const { stack, template } = synth({ stage: 'prod' });
    expect(stack.sync).toBeUndefined();
    template.resourceCountIs('AWS::Events::Rule', 0);
  }, 300_000);

  it('runs daily, alarms on errors, reads its key from one SSM parameter, and writes only the table and its reports', () => {
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
    // The parameter's name, never its value: nothing resolves the key into the template or the configuration.
    const fn = template.toJSON().Resources[logicalId(stack, sync.fn.fn)];
    expect(fn.Properties.Environment.Variables).toMatchObject({ DTM_API_KEY_PARAMETER: PARAMETER });
    expect(fn.Properties.Environment.Variables.DTM_API_KEY).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toMatch(/resolve:(secretsmanager|ssm)/);
    const statements = roleStatements(template, logicalId(stack, sync.fn.role));
    const keyReads = statements.filter((s) => s.Action.some((a) => /^(ssm|kms|secretsmanager):/.test(a)));
    expect(keyReads.map((s) => [s.Action, s.Resource.map(flat), s.Condition])).toEqual([
      [
        ['ssm:GetParameter'],
        ['arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/dtm-atlas/dtm-api-key'],
        undefined,
      ],
    ]);
    const writes = statements.filter((s) => s.Action.some((a) => WRITE_ACTION.test(a)));
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

  it('decrypts with a named customer KMS key only through SSM, still cdk-nag clean', () => {
    const { stack, template, annotations } = synth({ ...SYNC, dtmApiKeyKmsKey: KMS_KEY });
    const statements = roleStatements(template, logicalId(stack, stack.sync?.fn.role as never));
    const kms = statements.filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(kms.map((s) => [s.Action, s.Resource, s.Condition])).toEqual([
      [
        ['kms:Decrypt'],
        [KMS_KEY],
        {
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          },
        },
      ],
    ]);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('refuses the old Secrets Manager setting, a parameter ARN and a key without a parameter, saying what to do', () => {
    expect(() => synth({ stage: 'prod', dtmApiKeySecret: 'dtm-atlas/dtm-api-key' })).toThrow(
      /dtmApiKeySecret" is no longer read.*-c dtmApiKeyParameter=/,
    );
    expect(() =>
      synth({ stage: 'prod', dtmApiKeyParameter: 'arn:aws:ssm:eu-west-1:111122223333:parameter/x' }),
    ).toThrow(/dtmApiKeyParameter" must be an SSM parameter name/);
    expect(() => synth({ stage: 'prod', dtmApiKeyKmsKey: KMS_KEY })).toThrow(
      /goes with "dtmApiKeyParameter"/,
    );
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

  it('reads its key from SSM at run time, keeps it, reads it again once rotated; never overwrites the seeded rounds', async () => {
    const { stack, template } = synth({ ...SYNC, stage: 'dev' }, { bundle: true, outdir });
    const assets = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8'));
    const fn = template.toJSON().Resources[logicalId(stack, stack.sync?.fn.fn as never)];
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const bundle = path.join(outdir, assets.files[hash].source.path, 'index.mjs');

    const service = await startSeededService();
    const [key, rotated] = ['bundle-test-key-1d3e', 'bundle-test-key-rotated-77a0'];
    const api = await startDtmApiStandIn(DATA_DIR, key);
    const ssm = await startSsmStandIn({ [PARAMETER]: key });
    const logs = vi.spyOn(console, 'log');
    try {
      const before = await service.catalog.listRounds('hti');
      Object.assign(process.env, {
        TABLE_NAME: service.standIns.tableName,
        BUCKET_NAME: service.standIns.bucketName,
        DYNAMODB_ENDPOINT: service.standIns.aws.dynamoEndpoint,
        S3_ENDPOINT: service.standIns.aws.s3Endpoint,
        AWS_REGION: 'us-east-1',
        DTM_API_URL: api.origin,
        // As the stack sets it: the parameter's name (and here, where SSM is).
        DTM_API_KEY_PARAMETER: fn.Properties.Environment.Variables.DTM_API_KEY_PARAMETER,
        SSM_ENDPOINT: ssm.endpoint,
      });
      const { handler } = await import(pathToFileURL(bundle).href);
      const result = await handler({}, { getRemainingTimeInMillis: () => 120_000 });
      expect(result.ok).toBe(true);
      expect(ssm.reads).toEqual([{ name: PARAMETER, withDecryption: true }]);
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

      // The key is rotated (SSM and the API), no redeploy: the same container's next run is refused once with
      // the key it kept, reads the parameter again, and goes on with the new key.
      ssm.put(PARAMETER, rotated);
      api.setKey(rotated);
      const seen = api.requests.length;
      const again = await handler({}, { getRemainingTimeInMillis: () => 120_000 });
      expect(again.ok).toBe(true);
      expect(ssm.reads).toHaveLength(2);
      expect(api.requests.slice(seen, seen + 2).map((r) => r.key)).toEqual([key, rotated]);
      expect(api.requests.slice(seen + 2).every((r) => r.key === rotated)).toBe(true);
      const logged = logs.mock.calls.map((call) => call.join(' ')).join('\n');
      expect(logged).toContain('the key was refused');
      expect(logged).not.toContain(key);
      expect(logged).not.toContain(rotated);
      const after = await service.catalog.listRounds('hti');
      expect(after.map((r) => r.version)).toEqual(before.map((r) => r.version));
    } finally {
      logs.mockRestore();
      await ssm.close();
      await api.close();
      await service.close();
      for (const name of ['DTM_API_URL', 'DTM_API_KEY_PARAMETER', 'SSM_ENDPOINT']) delete process.env[name];
    }
  }, 300_000);
});
