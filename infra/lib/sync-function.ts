import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { AtlasFunction } from './atlas-function.ts';
import { DATA_PREFIXES } from './data-store.ts';
import type { StageSettings } from './stage.ts';

/** Where the sync function writes its reports (functions/entry/sync-lambda.ts `SYNC_REPORT_PREFIX`). */
export const SYNC_REPORT_KEYS = 'sync/reports/*';

export const DEFAULT_SYNC_SCHEDULE = 'rate(1 day)';

export interface SyncFunctionProps {
  settings: StageSettings;
  table: dynamodb.TableV2;
  bucket: s3.IBucket;
  entry: string;
  /** Name of the SSM Parameter Store SecureString holding the DTM API subscription key (e.g. `/dtm-atlas/dtm-api-key`). */
  keyParameterName: string;
  /** ARN of the customer KMS key encrypting the parameter; omit for the default `aws/ssm` key. */
  keyKmsKeyArn?: string;
  /** EventBridge schedule expression; default `rate(1 day)`. */
  schedule?: string;
  /** DTM_API_URL; default the sync code's own (https://dtmapi.iom.int). */
  apiUrl?: string;
}

/**
 * The scheduled sync from the DTM API: a function running `syncDatasets` (functions/entry/sync-lambda.ts), an
 * EventBridge rule invoking it (daily by default), and an alarm on its Errors metric. Its role writes only the
 * data table and the data bucket's `sync/reports/*`, and reads the boundary sets and the key's parameter.
 *
 * The key: the function gets the parameter's name (DTM_API_KEY_PARAMETER), never its value, and reads it at
 * run time (functions/entry/ssm-key.ts): the value is in no template and no function configuration, and a
 * rotated key is picked up without a redeploy. The stack does not create the parameter: CloudFormation cannot
 * create a SecureString, and the key should not pass through a template anyway (docs/sync.md).
 */
export class SyncFunction extends Construct {
  readonly fn: AtlasFunction;
  readonly rule: events.Rule;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SyncFunctionProps) {
    super(scope, id);
    const { table, bucket, settings } = props;
    this.fn = new AtlasFunction(this, 'Sync', {
      entry: props.entry,
      description: 'DTM Atlas sync of new and changed rounds from the DTM API',
      // Three whole-country answers (a few MB of JSON), parsed, joined and planned per round.
      memorySize: 1024,
      timeout: Duration.minutes(10),
      environment: {
        TABLE_NAME: table.tableName,
        BUCKET_NAME: bucket.bucketName,
        // The run stops itself before the function's timeout, so its report is still written.
        DTM_SYNC_TIMEOUT_MS: String(9 * 60_000),
        ...(props.apiUrl ? { DTM_API_URL: props.apiUrl } : {}),
        DTM_API_KEY_PARAMETER: props.keyParameterName,
      },
      settings,
    });
    // The client retries within a run; a failed run is for the alarm and the next day, not an immediate rerun.
    this.fn.fn.configureAsyncInvoke({ retryAttempts: 0 });
    grantSyncAccess(this.fn.role, table, bucket);
    grantKeyRead(this.fn.role, props.keyParameterName, props.keyKmsKeyArn);
    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Runs the DTM API sync',
      schedule: events.Schedule.expression(props.schedule ?? DEFAULT_SYNC_SCHEDULE),
      targets: [new targets.LambdaFunction(this.fn.fn, { retryAttempts: 0 })],
    });
    this.alarm = new cloudwatch.Alarm(this, 'Failures', {
      alarmDescription:
        'The DTM API sync failed (a dataset failed or a round was refused); its report is under sync/reports/ in the data bucket',
      metric: this.fn.fn.metricErrors({ period: Duration.hours(1), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    suppressNagFindings(this.fn);
  }
}

/** Writes the table, reads the boundary sets and added datasets' manifests, writes its reports: nothing else. */
function grantSyncAccess(role: iam.Role, table: dynamodb.TableV2, bucket: s3.IBucket): void {
  table.grantReadWriteData(role);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      // The boundary sets, and the manifests of datasets an operator added (functions/store/s3-registry.ts).
      resources: [
        bucket.arnForObjects(`${DATA_PREFIXES.boundaries}*`),
        bucket.arnForObjects(`${DATA_PREFIXES.datasets}*`),
      ],
    }),
  );
  // Without ListBucket a missing boundary set reads as 403, not "not loaded".
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteSyncReports',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(SYNC_REPORT_KEYS)],
    }),
  );
}

/**
 * `ssm:GetParameter` on the one parameter; `kms:Decrypt` only for a named customer key and only through SSM.
 * The default `aws/ssm` key needs no grant: its key policy lets the account's principals use it via SSM.
 */
function grantKeyRead(role: iam.Role, parameterName: string, kmsKeyArn: string | undefined): void {
  const stack = Stack.of(role);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadDtmApiKey',
      actions: ['ssm:GetParameter'],
      // A name with a path (`/a/b`) has the ARN `…:parameter/a/b`, without a doubled slash.
      resources: [
        stack.formatArn({
          service: 'ssm',
          resource: 'parameter',
          resourceName: parameterName.replace(/^\//, ''),
        }),
      ],
    }),
  );
  if (!kmsKeyArn) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'DecryptDtmApiKey',
      actions: ['kms:Decrypt'],
      resources: [kmsKeyArn],
      conditions: { StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` } },
    }),
  );
}

function suppressNagFindings(fn: AtlasFunction): void {
  NagSuppressions.addResourceSuppressions(
    fn.role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Object grants are scoped to key prefixes (boundaries/* and datasets/* to read, sync/reports/* to write) and DynamoDB grants include the table's own indexes (index/*); no action is a wildcard.",
        appliesTo: [
          {
            regex:
              '/^Resource::<DataStoreBucket[0-9A-F]+\\.Arn>\\/(boundaries|datasets|sync\\/reports)\\/\\*$/',
          },
          { regex: '/^Resource::<DataStoreTable[0-9A-F]+\\.Arn>\\/index\\/\\*$/' },
        ],
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(fn.fn, [
    {
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 on purpose, as every function of the stack: the pinned AWS SDK line needs Node >= 22 from 2027; move all functions to Node 24 together.',
    },
  ]);
}
