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
