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
import { CONTENT_SECURITY_POLICY } from '../../functions/http/security-headers.ts';
import type { StageSettings } from './stage.ts';

/**
 * The Content-Security-Policy CloudFront sets, replacing the origin's: the app's policy (one source of truth,
 * functions/http/security-headers.ts) plus who may frame the answer, exactly as the app's middleware adds it.
 */
export const CSP = {
  /** Everything but the embed: framed by this origin only (with `X-Frame-Options: SAMEORIGIN`). */
  site: `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`,
  /** The embed page (`/embed`, `/embed/*`): any site may frame it (and no X-Frame-Options). */
  embed: `${CONTENT_SECURITY_POLICY}; frame-ancestors *`,
} as const;

/**
 * The request header that carries the viewer's host to the functions. CloudFront cannot forward `Host` to a
 * function URL signed with origin access control (the signature covers the function URL's own host name), so
 * a viewer-request CloudFront Function copies it here; the functions read it (PUBLIC_HOST_HEADER) to write
 * absolute URLs into TileJSON, styles, the catalog, the QGIS file and the API.
 */
export const FORWARDED_HOST_HEADER = 'x-forwarded-host';

/**
 * The viewer-request function (cloudfront-js-2.0) on every behaviour that reaches a function URL: it sets
 * `x-forwarded-host` to the viewer's Host, replacing whatever the viewer sent under that name, so the header
 * the functions trust is always CloudFront's. CloudFront picks the distribution by that Host, so the value is
 * one of this distribution's names (its cloudfront.net name, or the custom domain).
 */
export const FORWARD_HOST_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var host = request.headers.host;
  if (host && host.value) {
    request.headers['${FORWARDED_HOST_HEADER}'] = { value: host.value };
  } else {
    delete request.headers['${FORWARDED_HOST_HEADER}'];
  }
  return request;
}
`;

/** The web bucket's object for the embed page (Vite writes web/dist/embed/index.html). */
export const EMBED_INDEX = '/embed/index.html';

/**
 * The viewer-request function (cloudfront-js-2.0) on every behaviour that reaches the web bucket. S3 serves an
 * index.html only for `/` (the distribution's default root object), not for sub-folders, so `/embed` and
 * `/embed/` become `/embed/index.html`. The query string is a separate field of the event, left as it is; any
 * other URI passes unchanged. The rewrite happens before the cache lookup, so all three URLs share one copy.
 */
export const WEB_REWRITE_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  if (request.uri === '${ROUTES.embed}' || request.uri === '${EMBED_PATH}') {
    request.uri = '${EMBED_INDEX}';
  }
  return request;
}
`;

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

    // Both policies: CORS for any origin, HSTS, nosniff, a referrer policy, and the CSP replacing the origin's
    // (the functions send the same one; S3 sends none). They differ only in who may frame the answer.
    const headersPolicy = (
      policyId: string,
      comment: string,
      contentSecurityPolicy: string,
      frameOptions?: cloudfront.ResponseSecurityHeadersBehavior['frameOptions'],
    ) =>
      new cloudfront.ResponseHeadersPolicy(this, policyId, {
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
    this.responseHeaders = headersPolicy(
      'Headers',
      "DTM Atlas: CORS for any origin (GET/HEAD/OPTIONS, the app's headers exposed), security headers, CSP; framed by 'self' only",
      CSP.site,
      { frameOption: cloudfront.HeadersFrameOption.SAMEORIGIN, override: true },
    );
    // No X-Frame-Options here: it has no value meaning "any site", and browsers that do not know CSP
    // frame-ancestors would still obey it.
    this.embedResponseHeaders = headersPolicy(
      'EmbedHeaders',
      'DTM Atlas embed page: CORS for any origin, security headers, CSP; any site may frame it',
      CSP.embed,
    );

    // Tile bodies: the key is the path and the data version (`v`, which decides between a year and a minute of
    // Cache-Control, so it must be in the key; any other query string cannot split the cache) plus the
    // normalised Accept-Encoding. No header: a tile does not depend on the host it was asked through. TTLs come
    // from the origin's Cache-Control; without one, nothing is cached.
    this.tileCache = new cloudfront.CachePolicy(this, 'TileCache', {
      comment: 'DTM Atlas tiles: origin Cache-Control, path + v key, gzip/br',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList('v'),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
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
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList(FORWARDED_HOST_HEADER),
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
    const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(props.webBucket);
    const readOnly = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      responseHeadersPolicy: this.responseHeaders,
    };
    this.forwardHost = new cloudfront.Function(this, 'ForwardHost', {
      comment: `DTM Atlas: copy the viewer Host into ${FORWARDED_HOST_HEADER} for the function URLs`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(FORWARD_HOST_FUNCTION_CODE),
    });
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
    this.webRewrite = new cloudfront.Function(this, 'WebRewrite', {
      comment: `DTM Atlas: serve ${EMBED_INDEX} for ${ROUTES.embed} and ${EMBED_PATH} from the web bucket`,
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(WEB_REWRITE_FUNCTION_CODE),
    });
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
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `DTM Atlas (${props.settings.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: toWeb,
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
