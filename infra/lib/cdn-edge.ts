import { EMBED_PATH, ROUTES } from '../../functions/core/routes.ts';
import { CONTENT_SECURITY_POLICY } from '../../functions/http/security-headers.ts';

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
 * The two values `Accept` has past the edge. The functions answer a small HTML page instead of JSON (the tile
 * catalog, errors) when the client prefers HTML (`prefersHtml`, functions/http/html-pages.ts); the cache
 * must then keep the two apart, but the raw header (every browser writes its own) would split the cache into
 * as many copies as there are browsers. So the edge folds it into one of these, and the key holds that.
 */
export const NORMALISED_ACCEPT = { html: 'text/html', json: 'application/json' } as const;

/**
 * The viewer-request function (cloudfront-js-2.0) on every behaviour that reaches a function URL: it sets
 * `x-forwarded-host` to the viewer's Host, replacing whatever the viewer sent under that name, so the header
 * the functions trust is always CloudFront's. CloudFront picks the distribution by that Host, so the value is
 * one of this distribution's names (its cloudfront.net name, or the custom domain). It also folds `Accept`
 * into `NORMALISED_ACCEPT` by the same rule as the app's `prefersHtml` (CloudFront Functions cannot import
 * it; test/infra/stack.test.ts runs both on the same headers and expects the same answers).
 */
export const FORWARD_HOST_FUNCTION_CODE = `function prefersHtml(accept) {
  if (!accept) return false;
  var ranges = accept.split(',').map(function (part, order) {
    var pieces = part.split(';').map(function (piece) { return piece.trim().toLowerCase(); });
    var q = pieces.slice(1).filter(function (p) { return p.indexOf('q=') === 0; })[0];
    var weight = q ? Number(q.slice(2)) : 1;
    return { type: pieces[0] || '', q: isFinite(weight) ? weight : 0, order: order };
  });
  var find = function (test) { return ranges.filter(test)[0]; };
  var html = find(function (r) { return r.type === 'text/html' || r.type === 'application/xhtml+xml'; });
  if (!html || html.q <= 0) return false;
  var json = find(function (r) { return r.type === 'application/json'; }) ||
    find(function (r) { return r.type === 'application/*'; }) ||
    find(function (r) { return r.type === '*/*'; });
  if (!json || json.q < html.q) return true;
  return json.q === html.q && html.order < json.order;
}
function handler(event) {
  var request = event.request;
  var accept = request.headers.accept;
  request.headers.accept = {
    value: prefersHtml(accept && accept.value) ? '${NORMALISED_ACCEPT.html}' : '${NORMALISED_ACCEPT.json}',
  };
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
