import { InputError } from '../core/errors.ts';
import type { DtmResponse } from './dtm-client.ts';

/** DTM API v3 endpoints (dtmapi-R `baseline_get_*`, PyPI `dtmapi` `config.py`; docs/sync.md). */
export const DTM_PATHS = {
  operations: '/v3/displacement/operation-list',
  admin: (level: number) => `/v3/displacement/admin${level}`,
} as const;

/**
 * The fields the ingest pipeline needs in a record of each admin endpoint (functions/ingest/columns.ts maps
 * them): a record without one is refused before anything is read, naming the request, the record and the field.
 */
export const REQUIRED_FIELDS: Record<number, readonly string[]> = {
  0: ['operation', 'admin0Pcode', 'roundNumber', 'reportingDate', 'numPresentIdpInd'],
  1: ['operation', 'admin0Pcode', 'admin1Pcode', 'roundNumber', 'reportingDate', 'numPresentIdpInd'],
  2: [
    'operation',
    'admin0Pcode',
    'admin1Pcode',
    'admin2Pcode',
    'roundNumber',
    'reportingDate',
    'numPresentIdpInd',
  ],
};

export type ApiRecord = Record<string, unknown>;

/**
 * The records of a DTM API answer (`{result, statusCode, isSuccess, errorMessages, totalRecordsCount}`):
 * refused when it is not JSON, not `isSuccess`, has no `result` array, or holds fewer records than its
 * `totalRecordsCount` says (a truncated or paged answer would otherwise publish part of a round).
 */
export function apiRecords({ request, body }: DtmResponse): ApiRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new InputError({ file: request }, `the answer is not JSON (${(error as Error).message})`);
  }
  const envelope = (document ?? {}) as Record<string, unknown>;
  if (envelope.isSuccess !== true) {
    const messages = Array.isArray(envelope.errorMessages) ? envelope.errorMessages.join('; ') : '';
    throw new InputError(
      { file: request, field: 'isSuccess' },
      `the DTM API answered isSuccess ${JSON.stringify(envelope.isSuccess ?? null)}: ${messages || 'no message'}`,
    );
  }
  const result = envelope.result;
  if (!Array.isArray(result))
    throw new InputError({ file: request, field: 'result' }, 'the answer has no "result" array');
  const total = envelope.totalRecordsCount;
  if (typeof total === 'number' && total !== result.length) {
    throw new InputError(
      { file: request, field: 'totalRecordsCount' },
      `the answer holds ${result.length} records but says there are ${total}; nothing is imported from a partial answer`,
    );
  }
  result.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw new InputError({ file: request, row: i + 1 }, 'record is not an object');
  });
  return result as ApiRecord[];
}

/**
 * Refuses the first record of the dataset's operation that lacks a field the pipeline needs (`null` is a
 * value; a missing key is not). Every record must name its operation, or it could not be kept or skipped.
 */
export function requireFields(
  request: string,
  records: readonly ApiRecord[],
  fields: readonly string[],
  operation: string,
): void {
  records.forEach((record, i) => {
    if (!('operation' in record))
      throw new InputError({ file: request, row: i + 1, field: 'operation' }, 'missing from the record');
    if (String(record.operation).toLowerCase() !== operation.toLowerCase()) return;
    for (const field of fields) {
      if (!(field in record))
        throw new InputError({ file: request, row: i + 1, field }, 'missing from the record');
    }
  });
}

/** The operation list's entry for the dataset's operation in its country, or an error naming what there is. */
export function findOperation(
  request: string,
  records: readonly ApiRecord[],
  country: string,
  operation: string,
): ApiRecord {
  requireFields(request, records, ['operation', 'admin0Pcode'], operation);
  const inCountry = records.filter((r) => String(r.admin0Pcode).toUpperCase() === country.toUpperCase());
  const found = inCountry.find((r) => String(r.operation).toLowerCase() === operation.toLowerCase());
  if (found) return found;
  const known = inCountry.map((r) => `"${String(r.operation)}"`).join(', ');
  throw new InputError(
    { file: request, field: 'operation' },
    `no operation "${operation}" for ${country} in the DTM API's operation list (${country} has ${known || 'none'})`,
  );
}
