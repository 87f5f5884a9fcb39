import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  ALLOWED_METHODS,
  CDN_BEHAVIOURS,
  type CdnBehaviour,
  CORS_EXPOSED_HEADERS,
  CORS_MAX_AGE_SECONDS,
  EMBED_PATH,
  ROUTES,
} from '../../functions/core/routes.ts';
import {
  CSP,
  EMBED_INDEX,
  FORWARD_HOST_FUNCTION_CODE,
  FORWARDED_HOST_HEADER,
  WEB_REWRITE_FUNCTION_CODE,
} from './cdn-edge.ts';
import type { StageSettings } from './stage.ts';

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
 * OPTIONS pass. Caching follows the origin's Cache-Control: a year for tile URLs that carry their data version
 * (`?v=`, as TileJSON hands them out), 60 s for other tile URLs and for metadata. Security headers are the
 * app's own (functions/http/security-headers.ts), set at the edge: only the embed page may be framed by other
 * sites.
 */
export class Cdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** Every behaviour but the embed page's: CSP `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`. */
  readonly responseHeaders: cloudfront.ResponseHeadersPolicy;
  /** The embed page's behaviours (`/embed`, `/embed/*`): CSP `frame-ancestors *`, no X-Frame-Options. */
  readonly embedResponseHeaders: cloudfront.ResponseHeadersPolicy;
  readonly tileCache: cloudfront.CachePolicy;
  readonly metadataCache: cloudfront.CachePolicy;
  readonly forwardHost: cloudfront.Function;
  readonly webRewrite: cloudfront.Function;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    this.responseHeaders = this.headersPolicy(
      'Headers',
      "DTM Atlas: CORS for any origin (GET/HEAD/OPTIONS, the app's headers exposed), security headers, CSP; framed by 'self' only",
      CSP.site,
      { frameOption: cloudfront.HeadersFrameOption.SAMEORIGIN, override: true },
    );
    // No X-Frame-Options here: it has no value meaning "any site", and browsers that do not know CSP
    // frame-ancestors would still obey it.
    this.embedResponseHeaders = this.headersPolicy(
      'EmbedHeaders',
      'DTM Atlas embed page: CORS for any origin, security headers, CSP; any site may frame it',
      CSP.embed,
    );
    // Tile bodies: the key is the path and the data version (`v`, which decides between a year and a minute of
    // Cache-Control, so it must be in the key; any other query string cannot split the cache) plus the
    // normalised Accept-Encoding. No host header: a tile does not depend on the host it was asked through. TTLs come
    // from the origin's Cache-Control; without one, nothing is cached.
    this.tileCache = new cloudfront.CachePolicy(this, 'TileCache', {
      comment: 'DTM Atlas tiles: origin Cache-Control, path + v key, gzip/br',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList('v'),
      // Accept as the viewer-request function folded it (JSON or HTML: an error answer is a page for a
      // browser); map clients all fold to JSON, so a tile has one copy in practice.
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('accept'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Everything that names the public origin in its body (catalog, TileJSON, styles, QGIS file, API): the query
    // string selects the answer (indicator, lang, level), so all of it is key, and so is the viewer's host as
    // the function below sets it. With one host name that splits nothing; with a custom domain and the
    // cloudfront.net name both in use, each name gets its own copy instead of URLs naming the other one.
    this.metadataCache = new cloudfront.CachePolicy(this, 'MetadataCache', {
      comment: 'DTM Atlas metadata (catalog, TileJSON, styles, QGIS, API): path + query + forwarded host key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // The forwarded host, and Accept as the viewer-request function folded it (the catalog is a page for a browser).
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList(FORWARDED_HOST_HEADER, 'accept'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.forwardHost = new cloudfront.Function(this, 'ForwardHost', {
      comment: `DTM Atlas: copy the viewer Host into ${FORWARDED_HOST_HEADER} for the function URLs`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(FORWARD_HOST_FUNCTION_CODE),
    });
    this.webRewrite = new cloudfront.Function(this, 'WebRewrite', {
      comment: `DTM Atlas: serve ${EMBED_INDEX} for ${ROUTES.embed} and ${EMBED_PATH} from the web bucket`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(WEB_REWRITE_FUNCTION_CODE),
    });
    this.distribution = this.createDistribution(props);
  }

  // Both policies: CORS for any origin, HSTS, nosniff, a referrer policy, and the CSP replacing the origin's
  // (the functions send the same one; S3 sends none). They differ only in who may frame the answer.
  private headersPolicy(
    policyId: string,
    comment: string,
    contentSecurityPolicy: string,
    frameOptions?: cloudfront.ResponseSecurityHeadersBehavior['frameOptions'],
  ): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, policyId, {
      comment,
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: [...ALLOWED_METHODS],
        accessControlAllowHeaders: ['*'],
        // The headers the app's own CORS exposes (core/routes.ts), so a script reads the same through the CDN.
        accessControlExposeHeaders: [...CORS_EXPOSED_HEADERS],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
        originOverride: true,
      },
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
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
        ...(frameOptions ? { frameOptions } : {}),
      },
    });
  }

  /** The default (web bucket) behaviour, and the options of each route-table behaviour. */
  private behaviours(props: CdnProps) {
    const signing = new cloudfront.FunctionUrlOriginAccessControl(this, 'FunctionUrlAccess', {
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });
    const tilesOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(props.tilesUrl, {
      originAccessControl: signing,
    });
    const apiOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(props.apiUrl, {
      originAccessControl: signing,
    });
    const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(props.webBucket);
    const readOnly = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      responseHeadersPolicy: this.responseHeaders,
    };
    // The function URL checks the SigV4 signature against its own host name, so the viewer's Host header
    // must not be forwarded; every other viewer header is, x-forwarded-host as the viewer-request function set
    // it included (the function runs before the cache key and the origin request are built), and the query
    // string.
    const toFunction = {
      ...readOnly,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations: [
        { function: this.forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    // The web bucket: no origin request policy (S3 gets neither viewer headers nor the query string; the page
    // reads its query string in the browser), CachingOptimized, which keeps the objects' own Cache-Control.
    const toWeb = {
      ...readOnly,
      origin: webOrigin,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      functionAssociations: [
        { function: this.webRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    const toEmbed = { ...toWeb, responseHeadersPolicy: this.embedResponseHeaders };
    const functionOrigins = { tiles: tilesOrigin, api: apiOrigin };
    const cachePolicies = {
      metadata: this.metadataCache,
      tiles: this.tileCache,
      none: cloudfront.CachePolicy.CACHING_DISABLED,
      page: cloudfront.CachePolicy.CACHING_OPTIMIZED,
    };
    const behaviourOptions = ({ origin, cache, framable }: CdnBehaviour): cloudfront.BehaviorOptions => {
      if (origin === 'web') return framable ? toEmbed : toWeb;
      return { ...toFunction, origin: functionOrigins[origin], cachePolicy: cachePolicies[cache] };
    };
    return { defaultBehavior: toWeb, behaviourOptions };
  }

  /**
   * The distribution: the web bucket by default, the route table's behaviours (core/routes.ts
   * `CDN_BEHAVIOURS`) in its order of precedence, each to its origin with its cache policy.
   */
  private createDistribution(props: CdnProps): cloudfront.Distribution {
    const { defaultBehavior, behaviourOptions } = this.behaviours(props);
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `DTM Atlas (${props.settings.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior,
      // The route table's behaviours (core/routes.ts `CDN_BEHAVIOURS`), in its order of precedence.
      additionalBehaviors: Object.fromEntries(
        CDN_BEHAVIOURS.map((behaviour) => [behaviour.pattern, behaviourOptions(behaviour)]),
      ),
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
    this.suppressFindings(distribution, certificate !== undefined);
    return distribution;
  }

  private suppressFindings(distribution: cloudfront.Distribution, hasCertificate: boolean): void {
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
    if (!hasCertificate) {
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes (TLSv1); with -c domainName/certificateArn the policy is TLSv1.2_2021.',
      });
    }
    NagSuppressions.addResourceSuppressions(distribution, suppressions);
  }
}
