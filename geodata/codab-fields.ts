import type { Feature } from 'geojson';
import type { BoundaryLevelSource } from '../functions/core/dataset-manifest.ts';
import { InputError } from '../functions/core/errors.ts';
import type { AdminLevel } from '../functions/core/types.ts';

/** The fields one level of a boundary file is read from: detected from the property names, or overridden. */
export interface LevelFields {
  pcode: string;
  /** The name in the boundary set's own language. */
  name: string;
  /** P-code of the area one level up; absent at level 1 and where the file has none. */
  parent?: string;
  /** The name field of every language the file carries, by lower-case language code. */
  languages: ReadonlyMap<string, string>;
}

/** Every property name used by the features, in first-seen order. */
export function propertyNames(features: readonly Feature[]): string[] {
  const names = new Set<string>();
  for (const feature of features) for (const key of Object.keys(feature.properties ?? {})) names.add(key);
  return [...names];
}

/**
 * The level a COD-AB file describes: the deepest `ADMn_PCODE` among its fields (an adm2 file also carries
 * `ADM1_PCODE` and `ADM0_PCODE`, its parents). Undefined when it has none at levels 1 to 3.
 */
export function detectLevel(fields: readonly string[]): AdminLevel | undefined {
  const levels = fields
    .map((field) => /^adm([1-3])_pcode$/i.exec(field)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return levels.length > 0 ? (Math.max(...levels) as AdminLevel) : undefined;
}

/**
 * The fields of one level: the manifest's overrides where given, otherwise detected, case-insensitively,
 * from COD-AB names: P-code `ADMn_PCODE`, parent `ADM{n-1}_PCODE`, names `ADMn_<LANG>` for every two-letter
 * language code (`ADMn_REF`, `ADMnALT1FR`, `ADMn_FR_UP` are not names). Errors name the file and the field
 * looked for, and list the fields seen.
 */
export function detectFields(fields: readonly string[], source: BoundaryLevelSource): LevelFields {
  const { file, level } = source;
  const seen = `fields seen: ${fields.length > 0 ? fields.join(', ') : 'none'}`;
  const languages = languageFields(fields, source);
  const pcode = source.pcodeField ?? findField(fields, `ADM${level}_PCODE`, file);
  if (pcode === undefined) {
    throw new InputError(
      { file, field: `ADM${level}_PCODE` },
      `no P-code field found: expected ADM${level}_PCODE (any case) or pcodeField in the manifest; ${seen}`,
    );
  }
  const parent =
    source.parentField ?? (level > 1 ? findField(fields, `ADM${level - 1}_PCODE`, file) : undefined);
  const name = source.nameField ?? ownLanguageField(languages, source, seen);
  return parent === undefined ? { pcode, name, languages } : { pcode, name, parent, languages };
}

/** The `ADMn_<LANG>` fields, by lower-case language code. */
function languageFields(fields: readonly string[], source: BoundaryLevelSource): Map<string, string> {
  const pattern = new RegExp(`^adm${source.level}_([a-z]{2})$`, 'i');
  const languages = new Map<string, string>();
  for (const field of fields) {
    const code = pattern.exec(field)?.[1]?.toLowerCase();
    if (code === undefined) continue;
    const other = languages.get(code);
    if (other !== undefined) throw ambiguous(source.file, other, field);
    languages.set(code, field);
  }
  return languages;
}

/** The name field in the set's own language: the manifest's `language`, else French, else English, else the first. */
function ownLanguageField(
  languages: ReadonlyMap<string, string>,
  source: BoundaryLevelSource,
  seen: string,
): string {
  const { file, level } = source;
  const wanted = source.language?.toLowerCase();
  if (wanted !== undefined) {
    const field = languages.get(wanted);
    if (field === undefined) {
      throw new InputError(
        { file, field: `ADM${level}_${wanted.toUpperCase()}` },
        `no name field in language "${wanted}" found (any case); ${seen}`,
      );
    }
    return field;
  }
  const field = languages.get('fr') ?? languages.get('en') ?? [...languages.values()][0];
  if (field === undefined) {
    throw new InputError(
      { file, field: `ADM${level}_EN` },
      `no name field found: expected ADM${level}_<language> such as ADM${level}_EN (any case) or nameField in the manifest; ${seen}`,
    );
  }
  return field;
}

/** The one field named `wanted` in any case; two spellings of it make the file ambiguous. */
function findField(fields: readonly string[], wanted: string, file: string): string | undefined {
  const matches = fields.filter((field) => field.toUpperCase() === wanted);
  const [first, second] = matches;
  if (first !== undefined && second !== undefined) throw ambiguous(file, first, second);
  return first;
}

function ambiguous(file: string, a: string, b: string): InputError {
  return new InputError(
    { file, field: b },
    `fields "${a}" and "${b}" differ only in case; name the one to use in the manifest`,
  );
}
