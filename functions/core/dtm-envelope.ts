import { InputError } from './errors.ts';

/**
 * The `result` array of a DTM API v3 answer (`{ isSuccess, result, errorMessages }`): an answer with
 * `isSuccess: false` is refused with the API's own messages, one without a `result` array with `notAnswer`
 * (what the caller expected). `file` names the source in errors (a file, or the URL of a live answer).
 */
export function dtmApiResult(document: unknown, file: string, notAnswer: string): unknown[] {
  const envelope = document as { result?: unknown; isSuccess?: unknown; errorMessages?: unknown } | null;
  if (envelope?.isSuccess === false) {
    const messages = Array.isArray(envelope.errorMessages) ? envelope.errorMessages.join('; ') : '';
    throw new InputError(
      { file, field: 'isSuccess' },
      `the DTM API answered with an error: ${messages || 'no message'}`,
    );
  }
  const result = envelope?.result;
  if (!Array.isArray(result)) throw new InputError({ file, field: 'result' }, notAnswer);
  return result;
}
