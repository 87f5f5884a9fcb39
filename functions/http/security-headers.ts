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
 * Security headers on every response. Only `/embed/` may be framed by other sites; everything else only by
 * this origin. No cookies are ever set.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const embed = c.req.path === '/embed' || c.req.path.startsWith('/embed/');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header(
      'Content-Security-Policy',
      `${CONTENT_SECURITY_POLICY}; frame-ancestors ${embed ? '*' : "'self'"}`,
    );
    if (!embed) c.header('X-Frame-Options', 'SAMEORIGIN');
  };
}
