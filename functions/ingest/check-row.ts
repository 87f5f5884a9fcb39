import { InputError } from '../core/errors.ts';
import type { SourceRow } from '../core/join.ts';
import type { RowPart } from '../core/row-facts.ts';
import { type AdminLevel, FIGURE_KEYS, type Figures } from '../core/types.ts';
import type { Field } from './columns.ts';
import { isUnknown, readCount, readDate } from './values.ts';

/** One row of figures with every value checked. */
export interface CheckedRow {
  codes: SourceRow['codes'];
  names: SourceRow['names'];
  figures: Figures;
  date: string | undefined;
  key: string | undefined;
  number: number | undefined;
  /** A round key from a round column (not a month): prefixed by its operation when a file mixes operations. */
  byOperation: boolean;
}

/**
 * What makes a row one part of its area's figure (DTM API v3: reason, assessment type, origin), with its
 * date and counts by sex. Unknown values (`null`, `Not available`) are left out.
 */
export function checkPart(
  values: Partial<Record<Field, unknown>>,
  date: string | undefined,
  at: FieldLocation,
): RowPart {
  const part: RowPart = {};
  if (date) part.date = date;
  const text = (field: Field) => (isUnknown(values[field]) ? undefined : String(values[field]).trim());
  const reason = text('reason');
  const assessmentType = text('assessment_type');
  const origin = text('origin_code') ?? text('origin_name');
  if (reason) part.reason = reason;
  if (assessmentType) part.assessmentType = assessmentType;
  if (origin) part.origin = origin;
  const males = readCount(values.males, at('males'));
  const females = readCount(values.females, at('females'));
  if (males !== undefined) part.males = males;
  if (females !== undefined) part.females = females;
  return part;
}

/** Where a row's field sits, for error messages: file, row and the column's name as the source wrote it. */
export type FieldLocation = (field: Field) => { file: string; row: number; field: string };

/**
 * Checks every value of a row of figures (counts, households against individuals, P-codes and names at each
 * level, date, round): the first problem is thrown as an `InputError` naming row and column.
 */
export function checkRow(
  values: Partial<Record<Field, unknown>>,
  levels: readonly AdminLevel[],
  at: FieldLocation,
): CheckedRow {
  const figures: Figures = {};
  for (const key of FIGURE_KEYS) {
    const count = readCount(values[key], at(key));
    if (count !== undefined) figures[key] = count;
  }
  checkHouseholds(figures.idps_hh, figures.idps_ind, at('idps_hh'));
  checkHouseholds(figures.returnees_hh, figures.returnees_ind, at('returnees_hh'));
  const { codes, names } = checkAreas(values, levels, at);
  const date =
    values.month !== undefined ? readDate(values.month, at('month')) : readDate(values.date, at('date'));
  return { codes, names, figures, date, ...checkRound(values, at) };
}

function checkAreas(
  values: Partial<Record<Field, unknown>>,
  levels: readonly AdminLevel[],
  at: FieldLocation,
): Pick<CheckedRow, 'codes' | 'names'> {
  const codes: SourceRow['codes'] = {};
  const names: SourceRow['names'] = {};
  for (const level of levels) {
    const code = String(values[`adm${level}_code`] ?? '').trim();
    if (code === '' || code.toLowerCase() === 'not available')
      throw new InputError(at(`adm${level}_code`), 'missing P-code');
    if (!/^[A-Za-z0-9_-]{2,20}$/.test(code))
      throw new InputError(at(`adm${level}_code`), `"${code}" is not a P-code`);
    codes[level] = code;
    const name = values[`adm${level}_name`];
    if (typeof name === 'string' && name.trim() !== '') names[level] = name.trim().normalize('NFC');
  }
  return { codes, names };
}

/** The round a row belongs to: its month, else its round column (lower-cased, a number when it is one). */
function checkRound(
  values: Partial<Record<Field, unknown>>,
  at: FieldLocation,
): Pick<CheckedRow, 'key' | 'number' | 'byOperation'> {
  if (values.month !== undefined)
    return { key: String(values.month).trim(), number: undefined, byOperation: false };
  if (values.round === undefined || String(values.round).trim() === '')
    return { key: undefined, number: undefined, byOperation: false };
  const roundText = String(values.round).trim();
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(roundText))
    throw new InputError(at('round'), `"${roundText}" is not a round key`);
  const number = /^\d+$/.test(roundText) ? Number(roundText) : undefined;
  return { key: roundText.toLowerCase(), number, byOperation: true };
}

function checkHouseholds(
  households: number | undefined,
  individuals: number | undefined,
  location: { file: string; row: number; field: string },
) {
  if (households !== undefined && individuals !== undefined && households > individuals) {
    throw new InputError(location, `${households} households is more than ${individuals} individuals`);
  }
}
