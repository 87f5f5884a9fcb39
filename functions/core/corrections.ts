import type { SourceRow } from './join.ts';
import { foldName } from './names.ts';
import type { AdminLevel, AppliedCorrection } from './types.ts';

/**
 * One reviewed correction, as kept in `geodata/corrections/<dataset>.json`: in round `round` (or every round
 * with `*`), a row whose level-`level` code is `sourceCode` and whose name is `sourceName` belongs to
 * `correctedCode`. Matching needs both code and name, so a correction never moves a row it was not written for.
 */
export interface Correction {
  round: string;
  level: AdminLevel;
  sourceCode: string;
  sourceName: string;
  correctedCode: string;
  reason: string;
  reviewedBy: string;
  reviewedOn: string;
}

/**
 * Applies reviewed corrections to source rows (before the join). A corrected row keeps its original code and
 * name in `sourceCodes`/`names` and records the correction, so every moved figure can be traced.
 */
export function applyCorrections(
  rows: readonly SourceRow[],
  corrections: readonly Correction[],
  roundKey: string,
): SourceRow[] {
  const applicable = corrections.filter((c) => c.round === '*' || c.round === roundKey);
  if (applicable.length === 0) return [...rows];
  return rows.map((row) => {
    const applied: AppliedCorrection[] = [];
    const codes = { ...row.codes };
    for (const correction of applicable) {
      const level = correction.level;
      const sourceCode = row.sourceCodes[level];
      const sourceName = row.names[level] ?? '';
      if (sourceCode === undefined || sourceCode.toUpperCase() !== correction.sourceCode.toUpperCase())
        continue;
      if (foldName(sourceName) !== foldName(correction.sourceName)) continue;
      codes[level] = correction.correctedCode;
      applied.push({
        row: row.row,
        level,
        sourceCode,
        sourceName,
        correctedCode: correction.correctedCode,
        reason: correction.reason,
      });
    }
    return applied.length === 0
      ? row
      : { ...row, codes, corrections: [...(row.corrections ?? []), ...applied] };
  });
}
