import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StageSettings } from './stage.ts';

/**
 * The map page's policy: scripts, styles, workers and data only from this origin (MapLibre starts its worker
 * from a blob: URL and draws with data:/blob: images); any site may frame it (the embed).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors *";

/** URL path patterns and the origin that serves each; everything else is the static web app. */
export const PATHS = {
  tiles: '/tiles/*',
  styles: '/styles/*',
  api: '/api/*',
  health: '/healthz',
} as const;

export interface CdnProps {
  settings: StageSettings;
  tilesUrl: lambda.IFunctionUrl;
  apiUrl: lambda.IFunctionUrl;
  webBucket: s3.IBucket;
  /** Destination of CloudFront standard logs (needs ACLs enabled). */
  logBucket: s3.IBucket;
  domainName?: string;
  certificateArn?: string;
}

/**
 * CloudFront in front of everything: the two function URLs (signed with SigV4 through origin access control,
 * so nobody reaches them directly) and the private web bucket (S3 origin access control). Only GET, HEAD and
 * OPTIONS pass. Caching follows the origin's Cache-Control (today 1 h for a round key's tiles, 60 s for `latest`
 * and for metadata; the tile policy allows up to a year, for when versioned tile URLs say so).
 */
export class Cdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly responseHeaders: cloudfront.ResponseHeadersPolicy;
  readonly tileCache: cloudfront.CachePolicy;
  readonly queryCache: cloudfront.CachePolicy;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);

    this.responseHeaders = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'DTM Atlas: CORS for any origin (GET/HEAD/OPTIONS, ETag exposed), security headers, CSP',
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
        accessControlAllowHeaders: ['*'],
        accessControlExposeHeaders: ['ETag'],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.days(1),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        // No X-Frame-Options: the map is meant to be embedded; CSP frame-ancestors says so.
      },
    });

    // Tiles and TileJSON: the key is the path alone (a stray query string cannot split the cache) plus the
    // normalised Accept-Encoding. TTLs come from the origin's Cache-Control; without one, nothing is cached.
    this.tileCache = new cloudfront.CachePolicy(this, 'TileCache', {
      comment: 'DTM Atlas tiles: origin Cache-Control, path-only key, gzip/br',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Styles and the API: the query string selects the answer (indicator, lang, level), so all of it is key.
    this.queryCache = new cloudfront.CachePolicy(this, 'QueryCache', {
      comment: 'DTM Atlas styles and API: origin Cache-Control, path + query string key, gzip/br',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const signing = new cloudfront.FunctionUrlOriginAccessControl(this, 'FunctionUrlAccess', {
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });
    const tilesOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(props.tilesUrl, {
      originAccessControl: signing,
    });
    const apiOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(props.apiUrl, {
      originAccessControl: signing,
    });
    const readOnly = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      responseHeadersPolicy: this.responseHeaders,
    };
    // The function URL checks the SigV4 signature against its own host name, so the viewer's Host header
    // must not be forwarded; everything else (query string, Accept-Encoding, If-None-Match) is.
    const toFunction = {
      ...readOnly,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `DTM Atlas (${props.settings.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        ...readOnly,
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.webBucket),
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        [PATHS.tiles]: { ...toFunction, origin: tilesOrigin, cachePolicy: this.tileCache },
        [PATHS.styles]: { ...toFunction, origin: tilesOrigin, cachePolicy: this.queryCache },
        [PATHS.api]: { ...toFunction, origin: apiOrigin, cachePolicy: this.queryCache },
        [PATHS.health]: {
          ...toFunction,
          origin: apiOrigin,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        },
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // Price class 200 includes the edges in Nigeria, Kenya, South Africa and the Middle East, where most users
      // of West and East African figures are; it leaves out South America and Oceania, the dearest and least used.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.domainName && certificate
        ? {
            domainNames: [props.domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    const suppressions = [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Public humanitarian data for a worldwide audience (field teams, partners, researchers); there is no country to block.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Read-only, GET/HEAD/OPTIONS only, cached, origins reachable only through CloudFront (IAM-signed); WAF (about $6/month + $0.60 per million requests) is the planned step at 100x traffic, see docs/deploy.md.',
      },
    ];
    if (!certificate) {
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes (TLSv1); with -c domainName/certificateArn the policy is TLSv1.2_2021.',
      });
    }
    NagSuppressions.addResourceSuppressions(this.distribution, suppressions);
  }
}
