import { InputError, type InputLocation } from '../core/errors.ts';

/** Cell values that mean "unknown": empty, and the DTM API's sentinel. */
const UNKNOWN = new Set(['', 'not available', 'n/a', 'na', 'null']);

export function isUnknown(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && UNKNOWN.has(value.trim().toLowerCase()))
  );
}

/**
 * A count of people or households: a non-negative whole number, or unknown (`undefined`). Negative,
 * fractional and non-numeric values are errors naming file, row and column.
 */
export function readCount(value: unknown, location: InputLocation): number | undefined {
  if (isUnknown(value)) return undefined;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    throw new InputError(location, `${value} is not a count (a non-negative whole number)`);
  }
  const text = String(value).trim();
  // "1234.0" is how spreadsheets export whole numbers; anything else after the point is a fraction.
  const match = /^(\d+)(?:\.0+)?$/.exec(text);
  if (!match) throw new InputError(location, `"${text}" is not a count (a non-negative whole number)`);
  return Number(match[1]);
}

/** An ISO date (`YYYY-MM-DD`, optionally with a time), a month (`YYYY-MM`, read as its last day), or unknown. */
export function readDate(value: unknown, location: InputLocation): string | undefined {
  if (isUnknown(value)) return undefined;
  const text = String(value).trim();
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const [year, mm] = [Number(month[1]), Number(month[2])];
    if (mm >= 1 && mm <= 12) return new Date(Date.UTC(year, mm, 0)).toISOString().slice(0, 10);
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/.exec(text);
  if (day) {
    const iso = `${day[1]}-${day[2]}-${day[3]}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso) return iso;
  }
  throw new InputError(location, `"${text}" is not a date (expected YYYY-MM-DD or YYYY-MM)`);
}
