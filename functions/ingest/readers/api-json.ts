import { dtmApiResult } from '../../core/dtm-envelope.ts';
import { InputError } from '../../core/errors.ts';
import { ADMIN_LEVELS } from '../../core/types.ts';
import { type Field, fieldForHeader } from '../columns.ts';
import type { InputErrorLog } from '../input-log.ts';
import { DtmRecords } from './dtm-records.ts';
import { requireColumns } from './figure-table.ts';
import type { SourceReader } from './reader.ts';

type RecordValues = Partial<Record<Field, unknown>>;

/**
 * DTM API v3 JSON (`{"result": [...]}`): records keyed by the API's field names (`numPresentIdpInd`,
 * `admin1Pcode`, `roundNumber`…), row n being the n-th record. Rows are keyed by fact: the rows of one area
 * that differ in reason, assessment type or origin are parts of its figure (core/row-facts.ts). The admin 0
 * endpoint's records name only the country (`admin0Pcode`): they are national records, on no area.
 */
export const apiJsonReader: SourceReader = {
  format: 'dtm-api-json',
  detect: ({ container }) => container === 'json',
  async read({ file, text, log, operation }) {
    // Errors name a field by the API's own key for it (`admin2Pcode`, `numPresentIdpInd`).
    const keys = new Map<Field, string>();
    const raw = apiRecords(text, file, log, keys);
    // Not one record is an object: that is the problem to report, not the columns they lack.
    if (raw.every((values) => values === undefined)) log.throwIfAny();
    const columns = new Map<Field, number>();
    for (const values of raw) for (const field of Object.keys(values ?? {}) as Field[]) columns.set(field, 0);
    requireColumns(columns, file, 1, false, columns.has('country_code'));
    const levels = ADMIN_LEVELS.filter((level) =>
      raw.some((values) => values?.[`adm${level}_code`] !== undefined),
    );
    const columnName = (field: Field) => keys.get(field) ?? field;
    // One response is one country's (`Admin0Pcode=` in the request): no country filter here.
    const records = new DtmRecords(file, levels, columnName, log, { operation });
    raw.forEach((values, i) => {
      if (values) records.add(i + 1, values);
    });
    return records.content('dtm-api-json');
  },
};

/**
 * The document's records, each as values by field (the first key naming a field wins); bad ones logged.
 * `keys` receives the key that named each field.
 */
function apiRecords(
  text: string,
  file: string,
  log: InputErrorLog,
  keys: Map<Field, string>,
): Array<RecordValues | undefined> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError({ file }, `not valid JSON (${(error as Error).message})`);
  }
  const result = dtmApiResult(
    document,
    file,
    'unknown JSON format: expected a DTM API response with a "result" array',
  );
  if (result.length === 0)
    throw new InputError({ file, field: 'result' }, 'the DTM API response has no records');
  return result.map((record, i) =>
    log.check(() => {
      if (typeof record !== 'object' || record === null)
        throw new InputError({ file, row: i + 1 }, 'record is not an object');
      const values: RecordValues = {};
      for (const [key, value] of Object.entries(record)) {
        const field = fieldForHeader(key);
        if (!field || field in values) continue;
        values[field] = value;
        if (!keys.has(field)) keys.set(field, key);
      }
      return values;
    }),
  );
}
