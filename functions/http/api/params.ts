import { badRequest } from '../../core/errors.ts';
import type { AdminLevel } from '../../core/types.ts';

/** Parses `level=adm1|adm2|adm3` (default adm1). */
export function parseLevel(value: string | undefined): AdminLevel {
  if (value === undefined || value === '') return 1;
  const match = /^adm([1-3])$/.exec(value);
  if (!match) throw badRequest('level must be adm1, adm2 or adm3');
  return Number(match[1]) as AdminLevel;
}

/** A P-code from a URL: letters and digits only. */
export function parsePcode(value: string): string {
  if (!/^[A-Za-z0-9]{2,20}$/.test(value)) throw badRequest(`invalid P-code "${value.slice(0, 24)}"`);
  return value.toUpperCase();
}
