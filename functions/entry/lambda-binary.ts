import { defaultIsContentTypeBinary } from 'hono/aws-lambda';

/**
 * Which answers the Lambda adapter sends base64-encoded: hono's rule, plus CSV. The adapter's text path reads the
 * body with `Response.text()`, which drops a leading UTF-8 byte order mark, and the CSV download starts with one
 * so that Excel reads accented names (docs/downloads.md).
 */
export function isBinaryBody(contentType: string): boolean {
  return /^text\/csv\s*(?:;|$)/i.test(contentType) || defaultIsContentTypeBinary(contentType);
}
