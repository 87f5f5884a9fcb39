import { dtmApiResult } from './dtm-envelope.ts';
import { InputError } from './errors.ts';
import type { OperationStatus } from './types.ts';

/**
 * The DTM API's operation list (`GET /v3/displacement/operation-list`): every operation DTM runs or ran, by
 * country, with its status. Seeding reads a recorded copy named in a manifest (`operationList`); a sync of the
 * live feed calls the same functions with the live response.
 */

/** One operation of the list, as the API writes it (status as written: "Active", "Inactive"). */
export interface OperationListEntry {
  operation: string;
  operationStatus: string;
  admin0Pcode: string;
  admin0Name?: string;
}

/** What the list says about one dataset's operation. */
export interface OperationLookup {
  /** True when the list has the operation for the country. */
  found: boolean;
  /** The status, when the list has the operation and its status is Active or Inactive; else unknown. */
  status?: OperationStatus;
  /** The country's name as the list writes it ("Haiti"), from any operation of the country. */
  countryName?: string;
}

/**
 * The operations of an operation-list response: the envelope (`isSuccess`, `result`, `errorMessages`)
 * checked, each entry's `operation` and `admin0Pcode` required. `file` names the source in errors (a file,
 * or the URL of a live answer).
 */
export function parseOperationList(document: unknown, file: string): OperationListEntry[] {
  const result = dtmApiResult(document, file, 'not a DTM operation list: expected a "result" array');
  return result.map((entry: unknown, i) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const text = (field: string, required: boolean) => {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
      if (required) throw new InputError({ file, row: i + 1, field }, 'missing value');
      return undefined;
    };
    const admin0Name = text('admin0Name', false);
    return {
      operation: text('operation', true) as string,
      operationStatus: text('operationStatus', false) ?? '',
      admin0Pcode: text('admin0Pcode', true) as string,
      ...(admin0Name ? { admin0Name } : {}),
    };
  });
}

/**
 * What the list says about `operation` in `country` (ISO3, the list's `admin0Pcode`). Names are compared
 * with case and runs of spaces folded. An operation the list does not have, or a status other than
 * Active/Inactive, is unknown: never guessed from another operation.
 */
export function lookUpOperation(
  entries: readonly OperationListEntry[],
  country: string,
  operation: string | undefined,
): OperationLookup {
  const ofCountry = entries.filter((entry) => fold(entry.admin0Pcode) === fold(country));
  const countryName = ofCountry.find((entry) => entry.admin0Name)?.admin0Name;
  const named = countryName ? { countryName } : {};
  const entry =
    operation === undefined ? undefined : ofCountry.find((e) => fold(e.operation) === fold(operation));
  if (!entry) return { found: false, ...named };
  const status = STATUSES.find((candidate) => fold(candidate) === fold(entry.operationStatus));
  return { found: true, ...(status ? { status } : {}), ...named };
}

const STATUSES: readonly OperationStatus[] = ['Active', 'Inactive'];

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
