import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Cdn } from './cdn.ts';
import { accessLogsBucket, DATA_PREFIXES, DataStore } from './data-store.ts';
import { LAMBDA_ENTRIES, WEB_DIST } from './paths.ts';
import { ServiceFunctions } from './service-functions.ts';
import { type AtlasContext, stageSettings } from './stage.ts';
import { SyncFunction } from './sync-function.ts';
import { WebSite } from './web-site.ts';

export interface AtlasStackProps extends StackProps {
  context: AtlasContext;
  /** The web build to upload; defaults to web/dist. Skipped, with a warning, when it has no index.html. */
  webDistDir?: string;
  /** Lambda entry overrides (tests). */
  entries?: Partial<typeof LAMBDA_ENTRIES>;
}

/**
 * DTM Atlas on AWS, one stack per stage: the table and data bucket, the tiles/api/ingest functions, the web
 * bucket, and one CloudFront distribution in front of the functions and the web app.
 */
export class AtlasStack extends Stack {
  readonly data: DataStore;
  readonly functions: ServiceFunctions;
  readonly web: WebSite;
  readonly cdn: Cdn;
  /** The scheduled DTM API sync, when the context names the key's SSM parameter (`dtmApiKeyParameter`). */
  readonly sync: SyncFunction | undefined;
  /** Whether the web build was found and is deployed by this stack. */
  readonly webDeployed: boolean;

  constructor(scope: Construct, id: string, props: AtlasStackProps) {
    const settings = stageSettings(props.context.stage);
    super(scope, id, {
      description: `DTM Atlas (${settings.stage}): displacement figures as vector tiles, API and web map`,
      terminationProtection: settings.terminationProtection,
      ...props,
    });
    Tags.of(this).add('project', 'dtm-atlas');
    Tags.of(this).add('stage', settings.stage);

    const accessLogs = accessLogsBucket(this, settings);
    this.data = new DataStore(this, 'DataStore', { settings, accessLogs });
    this.functions = new ServiceFunctions(this, 'Functions', {
      settings,
      table: this.data.table,
      bucket: this.data.bucket,
      ...(props.context.publicBaseUrl ? { publicBaseUrl: props.context.publicBaseUrl } : {}),
      ...(props.entries ? { entries: props.entries } : {}),
    });
    this.sync = props.context.dtmApiKeyParameter
      ? new SyncFunction(this, 'DtmSync', {
          settings,
          table: this.data.table,
          bucket: this.data.bucket,
          entry: props.entries?.sync ?? LAMBDA_ENTRIES.sync,
          keyParameterName: props.context.dtmApiKeyParameter,
          ...(props.context.dtmApiKeyKmsKey ? { keyKmsKeyArn: props.context.dtmApiKeyKmsKey } : {}),
          ...(props.context.syncSchedule ? { schedule: props.context.syncSchedule } : {}),
          ...(props.context.dtmApiUrl ? { apiUrl: props.context.dtmApiUrl } : {}),
        })
      : undefined;
    this.web = new WebSite(this, 'Web', { settings, accessLogs });
    this.cdn = new Cdn(this, 'Cdn', {
      settings,
      tilesUrl: this.functions.tilesUrl,
      apiUrl: this.functions.apiUrl,
      webBucket: this.web.bucket,
      logBucket: accessLogs,
      ...(props.context.domainName ? { domainName: props.context.domainName } : {}),
      ...(props.context.certificateArn ? { certificateArn: props.context.certificateArn } : {}),
    });
    this.webDeployed = this.web.deploy(this.cdn.distribution, props.webDistDir ?? WEB_DIST, settings);

    const origin = props.context.domainName ?? this.cdn.distribution.distributionDomainName;
    new CfnOutput(this, 'SiteUrl', { description: 'The web map', value: `https://${origin}/` });
    new CfnOutput(this, 'TileUrlTemplate', {
      description: 'XYZ vector tiles for QGIS, MapLibre and partners ({round} is a round key or latest)',
      value: `https://${origin}/tiles/{dataset}/{round}/{z}/{x}/{y}.mvt`,
    });
    new CfnOutput(this, 'UploadPrefix', {
      description: 'Upload DTM round files under incoming/<dataset>/; the ingest function runs on each',
      value: `s3://${this.data.bucket.bucketName}/${DATA_PREFIXES.incoming}`,
    });
    new CfnOutput(this, 'DistributionDomainName', { value: this.cdn.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: this.cdn.distribution.distributionId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'DataBucketName', { value: this.data.bucket.bucketName });

    suppressCdkHelperFindings(this);
  }
}

/**
 * CDK adds small singleton Lambda functions of its own (S3 bucket notifications, bucket deployment, and in dev
 * emptying buckets on delete). They run only during deployments; their code, runtime and basic role are CDK's,
 * not ours. The findings are suppressed on those helpers only, never stack-wide.
 */
function suppressCdkHelperFindings(stack: Stack): void {
  const helpers = stack.node.children.filter((child) =>
    /^(BucketNotificationsHandler|Custom::CDKBucketDeployment|Custom::S3AutoDeleteObjects)/.test(
      child.node.id,
    ),
  );
  NagSuppressions.addResourceSuppressions(
    helpers,
    [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          'CDK-provided deployment helper: its role uses AWSLambdaBasicExecutionRole (write its own logs), as CDK defines it.',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'CDK-provided deployment helper: CDK chooses and updates its runtime with each aws-cdk-lib release.',
      },
    ],
    true,
  );
}
