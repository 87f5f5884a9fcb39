import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AtlasError, type ErrorKind } from '../core/errors.ts';

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
 * The one place errors become HTTP responses. Typed errors keep their message; anything else is a 500 whose
 * details go to the log with the request id, never to the client.
 */
export function errorResponse(error: unknown, c: Context): Response {
  const requestId = c.get('requestId') as string | undefined;
  if (error instanceof AtlasError) {
    const status = STATUS[error.kind];
    if (status === 503) c.header('Retry-After', '5');
    return c.json(errorBody(status, error.kind, error.message, requestId), status);
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
    return c.json(
      errorBody(503, 'unavailable', 'a storage service is unavailable; try again shortly', requestId),
      503,
    );
  }
  console.error(
    JSON.stringify({
      level: 'error',
      requestId,
      message: (error as Error)?.message,
      stack: (error as Error)?.stack,
    }),
  );
  return c.json(errorBody(500, 'internal', 'internal error', requestId), 500);
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
