import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AtlasError, type ErrorKind } from '../core/errors.ts';
import { errorPage, prefersHtml } from './html-pages.ts';

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_input: 422,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** JSON body of every error response. */
export interface ErrorBody {
  error: { status: number; code: string; message: string; requestId?: string };
}

export function errorBody(status: number, code: string, message: string, requestId?: string): ErrorBody {
  return { error: { status, code, message, ...(requestId ? { requestId } : {}) } };
}

/**
 * An error answer: the JSON body, or the same words as a small HTML page when the client prefers HTML (a
 * browser opening the address). `Vary: Accept` either way, so a cache keeps the two apart.
 */
function errorAnswer(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  const requestId = c.get('requestId') as string | undefined;
  c.header('Vary', 'Accept', { append: true });
  if (prefersHtml(c.req.header('Accept'))) return c.html(errorPage(status, message, requestId), status);
  return c.json(errorBody(status, code, message, requestId), status);
}

/**
 * The one place errors become HTTP responses. Typed errors keep their message; anything else is a 500 whose
 * details go to the log with the request id, never to the client.
 */
export function errorResponse(error: unknown, c: Context): Response {
  const requestId = c.get('requestId') as string | undefined;
  if (error instanceof AtlasError) {
    const status = STATUS[error.kind];
    if (status === 503) c.header('Retry-After', '5');
    return errorAnswer(c, status, error.kind, error.message);
  }
  if (isDependencyFailure(error)) {
    // DynamoDB or S3 throttled, slow or unreachable after the SDK's bounded retries: tell the client to come
    // back, and keep internal names out of the answer.
    console.error(
      JSON.stringify({
        level: 'warn',
        requestId,
        message: 'dependency unavailable',
        error: (error as Error).name,
      }),
    );
    c.header('Retry-After', '5');
    return errorAnswer(c, 503, 'unavailable', 'a storage service is unavailable; try again shortly');
  }
  console.error(
    JSON.stringify({
      level: 'error',
      requestId,
      message: (error as Error)?.message,
      stack: (error as Error)?.stack,
    }),
  );
  return errorAnswer(c, 500, 'internal', 'internal error');
}

const TRANSIENT = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|socket hang up/;

/** An AWS SDK error that says a dependency is throttled, failing or unreachable (not that we asked wrongly). */
export function isDependencyFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: string }).code ?? '';
  return (
    TRANSIENT.has(error.name) ||
    (status !== undefined && status >= 500) ||
    NETWORK.test(`${code} ${error.message}`)
  );
}
