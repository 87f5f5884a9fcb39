import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { AtlasFunction } from './atlas-function.ts';
import { FORWARDED_HOST_HEADER } from './cdn-edge.ts';
import { DATA_PREFIXES, INGEST_REPORT_KEYS } from './data-store.ts';
import { LAMBDA_ENTRIES, SQL_WASM, THUMBNAIL_ASSETS } from './paths.ts';
import type { StageSettings } from './stage.ts';

export interface ServiceFunctionsProps {
  settings: StageSettings;
  table: dynamodb.TableV2;
  bucket: s3.Bucket;
  /**
   * PUBLIC_BASE_URL for the HTTP functions, when it is fixed (a custom domain, or `-c publicBaseUrl`). Without
   * it they get PUBLIC_HOST_HEADER instead and take the public origin from the host CloudFront forwards.
   */
  publicBaseUrl?: string;
  /** Entry overrides (tests); defaults to LAMBDA_ENTRIES. */
  entries?: Partial<typeof LAMBDA_ENTRIES>;
}

/**
 * The three functions and exactly what each may touch. tiles and api only read (the table, and the boundary
 * sets in the bucket); ingest alone writes (the table, and its report next to each upload). Tiles and api are reached only through
 * IAM-authenticated function URLs, which CloudFront signs (origin access control).
 */
export class ServiceFunctions extends Construct {
  readonly tiles: AtlasFunction;
  readonly api: AtlasFunction;
  readonly ingest: AtlasFunction;
  readonly tilesUrl: lambda.FunctionUrl;
  readonly apiUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const { settings, table, bucket } = props;
    const entries = { ...LAMBDA_ENTRIES, ...props.entries };
    const storage = { TABLE_NAME: table.tableName, BUCKET_NAME: bucket.bucketName };
    // The public origin for the URLs the HTTP functions hand out: fixed when known, else the viewer's host as
    // CloudFront's viewer-request function sets it (cdn.ts). The function URLs answer only CloudFront (signed
    // requests), so nobody else can set that header.
    const http = {
      ...storage,
      ...(props.publicBaseUrl
        ? { PUBLIC_BASE_URL: props.publicBaseUrl }
        : { PUBLIC_HOST_HEADER: FORWARDED_HOST_HEADER }),
    };

    const functions = createFunctions(this, entries, { storage, http }, settings);
    this.tiles = functions.tiles;
    this.api = functions.api;
    this.ingest = functions.ingest;
    grantDataAccess(table, bucket, functions);
    // Uploads trigger ingest; an import is idempotent (same content publishes nothing), so S3's async retries
    // are harmless. The report ingest writes next to an upload triggers one more invocation, which the
    // handler ignores (`*.report.json`): S3 filters cannot exclude a suffix.
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.ingest.fn), {
      prefix: DATA_PREFIXES.incoming,
    });

    this.tilesUrl = this.tiles.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    this.apiUrl = this.api.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    for (const fn of [this.tiles, this.api, this.ingest]) suppressNagFindings(fn);
  }
}

interface Functions {
  tiles: AtlasFunction;
  api: AtlasFunction;
  ingest: AtlasFunction;
}

/** The three functions, each sized for its work; `http` is the environment of the two behind CloudFront. */
function createFunctions(
  scope: Construct,
  entries: typeof LAMBDA_ENTRIES,
  environment: { storage: Record<string, string>; http: Record<string, string> },
  settings: StageSettings,
): Functions {
  const tiles = new AtlasFunction(scope, 'Tiles', {
    entry: entries.tiles,
    description: 'DTM Atlas tiles, TileJSON and styles',
    // Cutting, MVT-encoding and gzipping tiles is CPU-bound and Lambda's CPU share grows with memory; the
    // geometry indexes (per boundary-set version, level, zoom) and the tile LRU also live in this memory.
    // An offline pack of a round (a few thousand tiles, up to ~2 MB for Mali) is built in memory once per data
    // version, then read from S3: 1024 MB holds it beside the indexes.
    memorySize: 1024,
    // A cold start reads the topology from S3 and builds the indexes for the zoom (seconds); a warm tile takes
    // milliseconds; an offline pack takes ~12 s for Mali round 72 on a shared 2-core machine. 28 s stays under
    // CloudFront's 30 s origin read timeout.
    timeout: Duration.seconds(28),
    environment: environment.http,
    settings,
    // sql.js loads its WebAssembly next to the bundle (functions/entry/sql-wasm.ts); so do resvg and the
    // thumbnails' fonts (functions/entry/thumbnail-assets.ts): /thumbnails/* is served here.
    assets: [SQL_WASM, ...THUMBNAIL_ASSETS],
  });
  const api = new AtlasFunction(scope, 'Api', {
    entry: entries.api,
    description: 'DTM Atlas JSON API and health check',
    // DynamoDB queries and JSON of at most a few thousand areas: I/O-bound, little CPU or memory.
    memorySize: 512,
    // The largest answer (every commune of a round, with source rows) is one paginated query.
    timeout: Duration.seconds(10),
    environment: environment.http,
    settings,
    // oEmbed (served here) gives a thumbnail_url only where thumbnails can be drawn: it loads the same assets.
    assets: THUMBNAIL_ASSETS,
  });
  const ingest = new AtlasFunction(scope, 'Ingest', {
    entry: entries.ingest,
    description: 'DTM Atlas ingest of files uploaded under incoming/<dataset>/ and incoming/datasets/<id>/',
    // Holds the uploaded file, the parsed rows and the boundary topology at once, and joins them.
    memorySize: 1024,
    // Thousands of batched writes with back-off on throttling; far above what Round 72 needs, far below 15 min.
    timeout: Duration.minutes(5),
    environment: environment.storage,
    settings,
  });
  return { tiles, api, ingest };
}

/** tiles and api read the table and the boundary sets; ingest alone writes (the table, and its reports). */
function grantDataAccess(
  table: dynamodb.TableV2,
  bucket: s3.Bucket,
  { tiles, api, ingest }: Functions,
): void {
  for (const reader of [tiles, api]) {
    table.grantReadData(reader.role);
    reader.role.addToPrincipalPolicy(readObjects(bucket, [DATA_PREFIXES.boundaries]));
    reader.role.addToPrincipalPolicy(listBucket(bucket));
  }
  // Beside the boundary sets, the tiles function reads and writes the offline packs it builds (packs/ only).
  tiles.role.addToPrincipalPolicy(readObjects(bucket, [DATA_PREFIXES.packs]));
  tiles.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteOfflinePacks',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${DATA_PREFIXES.packs}*`)],
    }),
  );
  table.grantReadWriteData(ingest.role);
  ingest.role.addToPrincipalPolicy(
    readObjects(bucket, [DATA_PREFIXES.incoming, DATA_PREFIXES.boundaries, DATA_PREFIXES.datasets]),
  );
  ingest.role.addToPrincipalPolicy(listBucket(bucket));
  ingest.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteIngestReports',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(INGEST_REPORT_KEYS)],
    }),
  );
  // A dataset manifest uploaded under incoming/datasets/ adds a dataset: its prepared boundary set and its
  // manifest are written (functions/ingest/dataset-admin.ts). Never deleted by the function.
  ingest.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'WriteAddedDatasets',
      actions: ['s3:PutObject'],
      resources: [DATA_PREFIXES.boundaries, DATA_PREFIXES.datasets].map((p) => bucket.arnForObjects(`${p}*`)),
    }),
  );
}

/** The cdk-nag findings each function accepts on purpose, with the reason. */
function suppressNagFindings(fn: AtlasFunction): void {
  NagSuppressions.addResourceSuppressions(
    fn.role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Object-level grants are scoped to key prefixes (boundaries/*, datasets/*, incoming/*, incoming/*.report.json, packs/*), and DynamoDB grants include the table's own indexes (index/*); no action is a wildcard.",
        appliesTo: [
          {
            regex:
              '/^Resource::<DataStoreBucket[0-9A-F]+\\.Arn>\\/(boundaries|datasets|incoming|packs)\\/\\*(\\.report\\.json)?$/',
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
        'Node 22 on purpose: the pinned AWS SDK line needs Node >= 22 from 2027 and CI runs 20/22; move to Node 24 once the tests run on it, not silently with a CDK upgrade.',
    },
  ]);
}

/** GetObject on the given key prefixes only. */
function readObjects(bucket: s3.IBucket, prefixes: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['s3:GetObject'],
    resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
  });
}

/**
 * ListBucket on the data bucket. Without it S3 answers GetObject on a missing key with 403 instead of 404,
 * and the app could no longer tell "no such boundary set" (a 404 to the client) from a real failure.
 */
function listBucket(bucket: s3.IBucket): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] });
}
