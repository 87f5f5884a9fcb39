import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/** A deployment of the whole service: `dev` is disposable, `prod` keeps its data through any mistake. */
export type Stage = 'dev' | 'prod';

export const STAGES: readonly Stage[] = ['dev', 'prod'];

/** Everything that differs between stages, in one place. */
export interface StageSettings {
  stage: Stage;
  /** For stateful resources (table, data bucket, log groups, access logs). */
  removalPolicy: RemovalPolicy;
  /** DynamoDB deletion protection: CloudFormation cannot delete the table, nor can anyone in the console. */
  deletionProtection: boolean;
  /** Empty the buckets on `cdk destroy` (dev only; adds a small CDK-provided custom resource). */
  autoDeleteObjects: boolean;
  /** CloudFormation termination protection on the stack. */
  terminationProtection: boolean;
  logRetention: RetentionDays;
  /** Days a replaced or deleted object version is kept in the data bucket (undo for uploads and boundaries). */
  noncurrentVersionDays: number;
  /** Days CloudFront and S3 access logs are kept. */
  accessLogDays: number;
}

export function stageSettings(stage: Stage): StageSettings {
  if (stage === 'prod') {
    return {
      stage,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      autoDeleteObjects: false,
      terminationProtection: true,
      logRetention: RetentionDays.THREE_MONTHS,
      noncurrentVersionDays: 90,
      accessLogDays: 365,
    };
  }
  return {
    stage,
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    autoDeleteObjects: true,
    terminationProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    noncurrentVersionDays: 7,
    accessLogDays: 30,
  };
}

/** Deployment options read from CDK context (`-c key=value` or cdk.json). */
export interface AtlasContext {
  stage: Stage;
  /**
   * A custom domain for the distribution (e.g. `atlas.example.org`); needs `certificateArn`, an ACM certificate
   * in us-east-1 that covers it. Without it the site is served on the `*.cloudfront.net` name.
   */
  domainName?: string;
  certificateArn?: string;
  /**
   * A fixed public origin the functions write into TileJSON, styles, the catalog and the QGIS file
   * (PUBLIC_BASE_URL). Defaults to `https://<domainName>` when a domain is given; otherwise unset, and the
   * functions use the host the viewer reached CloudFront by (PUBLIC_HOST_HEADER, see cdn.ts and docs/deploy.md).
   */
  publicBaseUrl?: string;
  /**
   * The DTM API sync (docs/sync.md): the name of the SSM Parameter Store SecureString holding the subscription
   * key (e.g. `/dtm-atlas/dtm-api-key`), read by the function at run time. Without it the stack has no sync
   * function. `dtmApiKeyKmsKey`: the ARN of the customer KMS key encrypting it, when not the default
   * `aws/ssm` key. `syncSchedule` is an EventBridge expression (default `rate(1 day)`); `dtmApiUrl` overrides
   * the API's address.
   */
  dtmApiKeyParameter?: string;
  dtmApiKeyKmsKey?: string;
  syncSchedule?: string;
  dtmApiUrl?: string;
}

/** Reads and checks the context. Unknown stages and half-configured domains fail synth with a clear message. */
export function readAtlasContext(node: Node): AtlasContext {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string')
      throw new Error(`context "${key}" must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const stage = text('stage') ?? 'dev';
  if (!STAGES.includes(stage as Stage)) {
    throw new Error(
      `context "stage" must be one of ${STAGES.join(', ')}; got "${stage}" (use -c stage=prod)`,
    );
  }
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error(
      'context "domainName" and "certificateArn" go together (the certificate must be in us-east-1)',
    );
  }
  const publicBaseUrl = text('publicBaseUrl') ?? (domainName ? `https://${domainName}` : undefined);
  if (publicBaseUrl && !/^https:\/\/[^/\s]+$/.test(publicBaseUrl)) {
    throw new Error(`context "publicBaseUrl" must be an https origin without a path; got "${publicBaseUrl}"`);
  }
  const sync = readSyncContext(text);
  return {
    ...sync,
    stage: stage as Stage,
    ...(domainName ? { domainName } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
  };
}

/** The sync settings of the context, checked: a schedule is an EventBridge `rate(…)` or `cron(…)`. */
function readSyncContext(text: (key: string) => string | undefined) {
  if (text('dtmApiKeySecret'))
    throw new Error(
      'context "dtmApiKeySecret" is no longer read: put the key in an SSM SecureString and name it with -c dtmApiKeyParameter=/dtm-atlas/dtm-api-key (docs/sync.md)',
    );
  const dtmApiKeyParameter = text('dtmApiKeyParameter');
  const dtmApiKeyKmsKey = text('dtmApiKeyKmsKey');
  const syncSchedule = text('syncSchedule');
  const dtmApiUrl = text('dtmApiUrl');
  // SSM's own rule for names; a name, not an ARN, so the grant is always this account's and region's.
  if (dtmApiKeyParameter && !/^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(dtmApiKeyParameter))
    throw new Error(
      `context "dtmApiKeyParameter" must be an SSM parameter name; got "${dtmApiKeyParameter}"`,
    );
  if (dtmApiKeyKmsKey && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]+$/.test(dtmApiKeyKmsKey))
    throw new Error(`context "dtmApiKeyKmsKey" must be a KMS key ARN; got "${dtmApiKeyKmsKey}"`);
  if (dtmApiKeyKmsKey && !dtmApiKeyParameter)
    throw new Error('context "dtmApiKeyKmsKey" goes with "dtmApiKeyParameter"');
  if (syncSchedule && !/^(rate|cron)\(.+\)$/.test(syncSchedule))
    throw new Error(`context "syncSchedule" must be rate(...) or cron(...); got "${syncSchedule}"`);
  if (dtmApiUrl && !/^https:\/\/[^\s]+$/.test(dtmApiUrl))
    throw new Error(`context "dtmApiUrl" must be an https URL; got "${dtmApiUrl}"`);
  return {
    ...(dtmApiKeyParameter ? { dtmApiKeyParameter } : {}),
    ...(dtmApiKeyKmsKey ? { dtmApiKeyKmsKey } : {}),
    ...(syncSchedule ? { syncSchedule } : {}),
    ...(dtmApiUrl ? { dtmApiUrl } : {}),
  };
}
