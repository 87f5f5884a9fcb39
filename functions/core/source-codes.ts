import { type BoundarySetSource, type DatasetManifest, normaliseCode } from './dataset-manifest.ts';
import { InputError } from './errors.ts';
import type { SourceRow } from './join.ts';
import type { AdminLevel } from './types.ts';

/**
 * Collects the bad rows of a file, going on after each (ingest's `InputErrorLog` is one): `check` runs a
 * row's checks and records an `InputError` they throw.
 */
export interface RowErrorCollector {
  readonly count: number;
  check<T>(read: () => T): T | undefined;
}

/**
 * The boundary set named, or else the set of the dataset whose codes the file matches best (after each set's
 * code rules). A file matching no set is refused rather than joined to the wrong map.
 */
export function chooseBoundarySet(
  manifest: Pick<DatasetManifest, 'id' | 'boundarySets'>,
  codes: readonly string[],
  file: string,
  named?: string,
): BoundarySetSource {
  if (named) {
    const set = manifest.boundarySets.find((candidate) => candidate.id === named);
    if (!set) throw new InputError({ file }, `dataset ${manifest.id} has no boundary set "${named}"`);
    return set;
  }
  let best: { set: BoundarySetSource; share: number } | undefined;
  for (const set of manifest.boundarySets) {
    const pattern = new RegExp(set.codePattern);
    const share =
      codes.filter((code) => pattern.test(normaliseCode(code, set.codeRules))).length /
      Math.max(1, codes.length);
    if (!best || share > best.share) best = { set, share };
  }
  if (!best || best.share < 0.5) {
    throw new InputError(
      { file },
      `its P-codes (${codes.slice(0, 3).join(', ')}…) belong to none of dataset ${manifest.id}'s boundary sets`,
    );
  }
  return best.set;
}

/**
 * Applies the set's code rules and refuses codes of another country, naming the row and column. Rows with
 * such codes go to `errors` (and are left out); the caller fails the file if there are any.
 */
export function normaliseRows(
  rows: readonly SourceRow[],
  set: BoundarySetSource,
  file: string,
  errors: RowErrorCollector,
): SourceRow[] {
  const pattern = new RegExp(set.codePattern);
  const normalised: SourceRow[] = [];
  for (const row of rows) {
    const codes = errors.check(() => {
      const codes: SourceRow['codes'] = {};
      for (const [levelText, raw] of Object.entries(row.sourceCodes)) {
        const level = Number(levelText) as AdminLevel;
        const code = normaliseCode(raw as string, set.codeRules);
        if (!pattern.test(code)) {
          throw new InputError(
            { file, row: row.row, field: `adm${level} code` },
            `"${raw}" is not a P-code of boundary set ${set.id} (expected ${set.codePattern} after its code rules)`,
          );
        }
        codes[level] = code;
      }
      return codes;
    });
    if (codes) normalised.push({ ...row, codes });
  }
  return normalised;
}
