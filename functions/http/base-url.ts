import type { Context } from 'hono';

/**
 * The public origin clients should use in URLs we hand out (TileJSON, styles). A configured value wins (set it
 * behind CloudFront); otherwise the request's own origin.
 */
export function publicBaseUrl(c: Context, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  return new URL(c.req.url).origin;
}
