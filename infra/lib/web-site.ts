import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { privateBucket } from './private-bucket.ts';
import type { StageSettings } from './stage.ts';

/** Annotation id when web/dist is missing at synth time. */
export const WEB_DIST_MISSING = 'DtmAtlas:WebDistMissing';

/**
 * How web/dist is uploaded, by key pattern (AWS CLI filters, where `*` also matches `/`): each part has its own
 * upload because each needs its own object metadata.
 */
export const WEB_UPLOADS = {
  /** Vite's hashed bundles: a new build never rewrites a name, so they are immutable. */
  assets: 'assets/*',
  /** Glyph PBFs (`fonts/{fontstack}/{range}.pbf`, the style's `glyphs`): same names in every build. */
  fonts: 'fonts/*',
} as const;

/**
 * Content type of the glyph PBFs. The upload (the AWS CLI in CDK's BucketDeployment handler) types files with
 * Python's mimetypes, which does not know `.pbf`: S3 would store `binary/octet-stream`. So it is set here, to a
 * type on CloudFront's list of types it compresses (`application/protobuf`; `application/x-protobuf` is not
 * on it): 81 KB of glyphs go out as about 40 KB. MapLibre reads them whatever the type.
 */
export const GLYPH_CONTENT_TYPE = 'application/protobuf';

/** The paths whose cached copies each deployment invalidates: the two HTML entry points (`/`, the embed). */
export const INVALIDATED_PATHS = ['/', '/index.html', '/embed/index.html'];

export interface WebSiteProps {
  settings: StageSettings;
  accessLogs: s3.IBucket;
}

/** The private bucket the map page is served from (through CloudFront only), and its upload from web/dist. */
export class WebSite extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    this.bucket = privateBucket(this, 'Bucket', {
      settings: props.settings,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web-bucket/',
    });
  }

  /**
   * Uploads the Vite build when `distDir` holds one; otherwise the stack still synthesizes, without the page,
   * and says so. Hashed files under assets/ are immutable and never pruned (a page cached for a minute may
   * still ask for the previous build's files). Glyph PBFs under fonts/ keep their names from build to build,
   * so they are short-lived like the pages, typed `application/protobuf` (compressed by CloudFront). The pages
   * (index.html, embed/index.html) and the rest are short-lived, and the two pages are invalidated on each deployment.
   * Returns whether the build was deployed.
   */
  deploy(distribution: cloudfront.IDistribution, distDir: string, settings: StageSettings): boolean {
    if (!existsSync(path.join(distDir, 'index.html'))) {
      Annotations.of(this).addWarningV2(
        WEB_DIST_MISSING,
        `${distDir}/index.html not found: the web app is not deployed with this synth. Run \`npm run build:web\`, then deploy again.`,
      );
      return false;
    }
    const { role, logGroup } = deployRole(this, settings);
    const common = {
      sources: [s3deploy.Source.asset(distDir)],
      destinationBucket: this.bucket,
      role,
      logGroup,
      memoryLimit: 512,
    };
    uploadBuild(this, common, distribution);
    suppressDeployRoleFindings(role);
    return true;
  }
}

/** The BucketDeployment handler's role and log group (retention and removal as the stage says). */
function deployRole(scope: Construct, settings: StageSettings): { role: iam.Role; logGroup: logs.LogGroup } {
  const logGroup = new logs.LogGroup(scope, 'DeployLogs', {
    retention: settings.logRetention,
    removalPolicy: settings.removalPolicy,
  });
  const role = new iam.Role(scope, 'DeployRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'DTM Atlas web build upload (CDK BucketDeployment handler)',
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return { role, logGroup };
}

/** The three uploads (hashed assets, glyphs, the pages and the rest), each with its own object metadata. */
function uploadBuild(
  scope: Construct,
  common: Pick<
    s3deploy.BucketDeploymentProps,
    'sources' | 'destinationBucket' | 'role' | 'logGroup' | 'memoryLimit'
  >,
  distribution: cloudfront.IDistribution,
): void {
  const immutable = [
    s3deploy.CacheControl.setPublic(),
    s3deploy.CacheControl.maxAge(Duration.days(365)),
    s3deploy.CacheControl.immutable(),
  ];
  const shortLived = [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.minutes(1))];

  // The CLI in the handler types files with Python's mimetypes: .js and .mjs (the MapLibre module worker)
  // become JavaScript, which module workers require.
  const assets = new s3deploy.BucketDeployment(scope, 'Assets', {
    ...common,
    exclude: ['*'],
    include: [WEB_UPLOADS.assets],
    prune: false,
    cacheControl: immutable,
  });
  // Not versioned, so not immutable: a minute, like the pages (then a conditional request, answered 304 while
  // unchanged). Pruned within fonts/ only: a range or font the build dropped goes.
  const fonts = new s3deploy.BucketDeployment(scope, 'Fonts', {
    ...common,
    exclude: ['*'],
    include: [WEB_UPLOADS.fonts],
    contentType: GLYPH_CONTENT_TYPE,
    cacheControl: shortLived,
  });
  const pages = new s3deploy.BucketDeployment(scope, 'Pages', {
    ...common,
    exclude: [WEB_UPLOADS.assets, WEB_UPLOADS.fonts],
    cacheControl: shortLived,
    distribution,
    distributionPaths: INVALIDATED_PATHS,
  });
  // The pages go last: what they load is in place when they change.
  pages.node.addDependency(assets, fonts);
}

/** The grants CDK's BucketDeployment gives its handler itself, accepted with the reason. */
function suppressDeployRoleFindings(role: iam.Role): void {
  NagSuppressions.addResourceSuppressions(
    role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "CDK's BucketDeployment grants its handler these itself: read on the CDK asset bucket, read/write on the web bucket's objects, and CloudFront invalidation (granted on *). The role serves only that deploy-time handler.",
        appliesTo: [
          { regex: '/^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\\*$/' },
          { regex: '/^Resource::<WebBucket[0-9A-F]+\\.Arn>\\/\\*$/' },
          { regex: '/^Resource::arn:(?:[a-z-]+|<AWS::Partition>):s3:::cdk-[a-z0-9]+-assets-.+\\/\\*$/' },
          'Resource::*',
        ],
      },
    ],
    true,
  );
}
