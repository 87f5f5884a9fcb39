import { InputError } from '../../core/errors.ts';
import { ADMIN_LEVELS, type AdminLevel } from '../../core/types.ts';
import type { Field } from '../columns.ts';
import { DtmRecords } from './dtm-records.ts';
import { hasHashtagRow, requireColumns } from './figure-table.ts';
import type { ReaderInput, SourceReader } from './reader.ts';

/**
 * The HXL hashtags of HDX's "IOM DTM from API" CSV (OCHA-DAP/hdx-scraper-iom-dtm): the DTM API v3 records of
 * every country and level in one file, a header of the API's field names and a hashtag row under it. Keys
 * are hashtags with their attributes sorted. `#affected+idps` there is individuals (`numPresentIdpInd`);
 * the generic HXL reader asks for `+ind` and would refuse it.
 */
const HASHTAGS = new Map<string, Field | 'level'>([
  ['#country+code', 'country_code'],
  ['#operation+name', 'operation'],
  ['#adm1+code', 'adm1_code'],
  ['#adm1+name', 'adm1_name'],
  ['#adm2+code', 'adm2_code'],
  ['#adm2+name', 'adm2_name'],
  ['#adm3+code', 'adm3_code'],
  ['#adm3+name', 'adm3_name'],
  ['#adm+level', 'level'],
  ['#affected+idps', 'idps_ind'],
  ['#date+reported', 'date'],
  ['#round+code', 'round'],
  ['#cause+type', 'reason'],
  ['#assessment+type', 'assessment_type'],
  ['#adm1+code+origin', 'origin_code'],
  ['#adm1+name+origin', 'origin_name'],
  ['#affected+f+idps', 'females'],
  ['#affected+idps+m', 'males'],
]);

/** What makes a table HDX's DTM API export rather than any HXL table. */
const REQUIRED = ['#country+code', '#operation+name', '#adm+level', '#affected+idps'];

/**
 * HDX "IOM DTM from API" CSV: rows of every country, operation and level (`#adm+level` 0, 1 or 2) in one
 * file. Read for the dataset's country and operation (others skipped and counted in the join report); each
 * row gives codes down to its own level, so an admin 1 row's empty `#adm2+code` is not missing; rows of one
 * (operation, round, date, area) are parts of its figure (the DTM API's rows, see `DtmRecords`).
 */
export const hdxDtmReader: SourceReader = {
  format: 'hdx-dtm-csv',
  detect: ({ container, records }) => {
    if (container !== 'text' || !hasHashtagRow(records)) return false;
    const tags = new Set((records[1] ?? []).map(normaliseTag));
    return REQUIRED.every((tag) => tags.has(tag));
  },
  async read({ file, head, records, log, operation, country }: ReaderInput) {
    const header = head.records[0] ?? [];
    const columns = hashtagColumns(head.records[1] ?? []);
    const fields = new Map([...columns].filter((entry): entry is [Field, number] => entry[0] !== 'level'));
    requireColumns(fields, file, 2, true, true);
    const levels = ADMIN_LEVELS.filter((level) => fields.has(`adm${level}_code`));
    const columnName = (field: Field | 'level') => header[columns.get(field) ?? -1] ?? field;
    const dtm = new DtmRecords(file, levels, columnName, log, { operation, country });
    let row = 0;
    for await (const cells of records) {
      if (++row <= 2) continue;
      const values: Partial<Record<Field, unknown>> = {};
      for (const [field, index] of fields) values[field] = cells[index] ?? '';
      const location = { file, row, field: columnName('level') };
      // Asked only for a row of the dataset's country and operation: other rows are skipped unchecked.
      dtm.add(row, values, () => levelsOf(cells[columns.get('level') ?? -1], levels, location));
    }
    if (dtm.rows === 0) throw new InputError({ file }, 'the file has a header but no data rows');
    return dtm.content('hdx-dtm-csv');
  },
};

/** `#adm1+code+origin` and `#adm1+origin+code` alike: the tag, then its attributes sorted, lower case. */
function normaliseTag(hashtag: string): string {
  const [tag = '', ...attributes] = hashtag.trim().toLowerCase().split('+');
  return [tag, ...attributes.filter((a) => a !== '').sort()].join('+');
}

/** The column of each field (the first column wins); columns of other hashtags are not read. */
function hashtagColumns(hashtags: readonly string[]): Map<Field | 'level', number> {
  const columns = new Map<Field | 'level', number>();
  hashtags.forEach((hashtag, index) => {
    const field = HASHTAGS.get(normaliseTag(hashtag));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  return columns;
}

/** The levels a row gives codes for: 1 up to its `#adm+level` (0: a national record, no area). */
function levelsOf(
  value: string | undefined,
  levels: readonly AdminLevel[],
  location: { file: string; row: number; field: string },
): AdminLevel[] {
  const text = (value ?? '').trim();
  const level = /^[0-3]$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(level)) throw new InputError(location, `"${text}" is not an admin level (0 to 3)`);
  const own = levels.filter((candidate) => candidate <= level);
  if (level > 0 && !levels.includes(level as AdminLevel))
    throw new InputError(location, `admin level ${level}, but the file has no #adm${level}+code column`);
  return own;
}
