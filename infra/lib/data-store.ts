import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/store/table.ts';
import { privateBucket } from './private-bucket.ts';
import type { StageSettings } from './stage.ts';

/**
 * Key prefixes in the data bucket; the functions' grants are scoped to these. They repeat the functions' own
 * constants (S3Boundaries, functions/ingest/incoming.ts) so that synth does not load the runtime code; a test
 * checks that they agree.
 */
export const DATA_PREFIXES = {
  /** Prepared boundary sets: `boundaries/<set>/manifest.json`, `boundaries/<set>/<version>/topology.json`. */
  boundaries: 'boundaries/',
  /**
   * Uploads that trigger the ingest function: `incoming/<dataset>/[<round>/]<file>`, and dataset manifests
   * with their boundary files, `incoming/datasets/<id>/manifest.json` (functions/ingest/dataset-upload.ts).
   */
  incoming: 'incoming/',
  /** The manifests of datasets an operator added: `datasets/<id>.json` (functions/store/s3-registry.ts). */
  datasets: 'datasets/',
  /** Offline packs the tiles function builds on demand: `packs/<dataset>/<round>/<dataVersion>.<format>`. */
  packs: 'packs/',
} as const;

/**
 * The only upload keys the ingest function writes: its report next to each upload, `<upload key>.report.json`
 * (functions/ingest/incoming.ts). It cannot overwrite an upload. Beside these it writes what adding a dataset
 * stores: boundary sets (`boundaries/`) and the dataset's manifest (`datasets/`).
 */
export const INGEST_REPORT_KEYS = `${DATA_PREFIXES.incoming}*.report.json`;

export interface DataStoreProps {
  settings: StageSettings;
  /** Destination of the data bucket's S3 server access logs. */
  accessLogs: s3.IBucket;
}

/**
 * The service's state: one DynamoDB table (datasets, rounds, figures, reports; the same keys and `gsi1` index
 * as the local stand-in's `tableDefinition()`), and one private, versioned bucket for boundaries and uploads.
 */
export class DataStore extends Construct {
  readonly table: dynamodb.TableV2;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const { settings } = props;
    const text = dynamodb.AttributeType.STRING;

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partition, type: text },
      sortKey: { name: TABLE_KEYS.sort, type: text },
      globalSecondaryIndexes: [
        {
          indexName: TABLE_KEYS.seriesIndex,
          partitionKey: { name: TABLE_KEYS.seriesPartition, type: text },
          sortKey: { name: TABLE_KEYS.seriesSort, type: text },
          projectionType: dynamodb.ProjectionType.ALL,
        },
      ],
      // On-demand: traffic is bursty (a new round, a partner's crawl) and small on average; no capacity to plan.
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
    });

    this.bucket = privateBucket(this, 'Bucket', {
      settings,
      // Versioning: an overwritten boundary set or upload can be restored; old versions expire below.
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(settings.noncurrentVersionDays) },
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
  }
}

/** The bucket that receives S3 server access logs and CloudFront standard logs; entries expire per stage. */
export function accessLogsBucket(scope: Construct, settings: StageSettings): s3.Bucket {
  const bucket = privateBucket(scope, 'AccessLogs', {
    settings,
    // CloudFront standard logging writes with ACLs, so this bucket (only this one) keeps them enabled.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(settings.accessLogDays) }],
  });
  NagSuppressions.addResourceSuppressions(bucket, [
    {
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log destination itself; logging it into itself would loop, and a further bucket would only move the finding.',
    },
  ]);
  return bucket;
}
