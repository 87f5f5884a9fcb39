import { InputError } from './errors.ts';
import type { DatasetMeta } from './types.ts';

/** ISO 3166-1 alpha-2, capitals: what `Intl.DisplayNames` (type `region`) names a country by. */
const ISO2 = /^[A-Z]{2}$/;

/**
 * Checks a manifest's optional `iso2` (the country's ISO 3166-1 alpha-2 code, which lets the page name the
 * country in its own language; the ISO3 `country` is what the data is keyed by). Throws an `InputError`
 * naming the manifest file and the field.
 */
export function checkCountryCode(manifest: Pick<DatasetMeta, 'iso2'>, file: string): void {
  if (manifest.iso2 === undefined) return;
  if (typeof manifest.iso2 !== 'string' || !ISO2.test(manifest.iso2))
    throw new InputError(
      { file, field: 'iso2' },
      `"${String(manifest.iso2)}" is not an ISO 3166-1 alpha-2 code in capitals (e.g. ML for Mali)`,
    );
}
