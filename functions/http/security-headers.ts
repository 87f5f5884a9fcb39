import type { MiddlewareHandler } from 'hono';

/**
 * The page's Content Security Policy: everything from this origin, no inline script, no eval. MapLibre draws
 * with workers (blob: in some browsers) and images from data:/blob: URLs; it sets styles through the CSSOM,
 * which `style-src 'self'` allows. The same policy is set by CloudFront on AWS (infra/lib/cdn.ts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Security headers for a response at `path`. Only `/embed/` may be framed by other sites; everything else
 * only by this origin. No cookies are ever set.
 */
export function securityHeadersFor(path: string): Record<string, string> {
  const embed = path === '/embed' || path.startsWith('/embed/');
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors ${embed ? '*' : "'self'"}`,
  };
  if (!embed) headers['x-frame-options'] = 'SAMEORIGIN';
  return headers;
}

/** Sets `securityHeadersFor` on every response. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeadersFor(c.req.path))) c.header(name, value);
  };
}
