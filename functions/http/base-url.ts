import type { Context } from 'hono';

/** How the app learns its public origin, for URLs it hands out (TileJSON, styles, catalog, QGIS file). */
export interface BaseUrlConfig {
  /** A fixed public origin (a custom domain). Wins over everything. */
  publicBaseUrl?: string;
  /**
   * A request header carrying the viewer's host, set by the CDN in front (CloudFront cannot forward `Host`
   * to a Function URL signed with origin access control, so a viewer-request function copies it into
   * `x-forwarded-host`). Only trusted when configured: the origin is then reachable only through the CDN.
   */
  publicHostHeader?: string;
}

export type BaseUrlResolver = (c: Context) => string;

const HOST = /^[a-z0-9.-]{1,253}(:[0-9]{1,5})?$/i;

/** Resolves the public origin per request: configured URL, else the trusted host header, else the request's origin. */
export function baseUrlResolver(config: BaseUrlConfig): BaseUrlResolver {
  const fixed = config.publicBaseUrl?.replace(/\/+$/, '');
  return (c) => {
    if (fixed) return fixed;
    const host = config.publicHostHeader ? c.req.header(config.publicHostHeader) : undefined;
    if (host && HOST.test(host)) return `https://${host}`;
    return new URL(c.req.url).origin;
  };
}
