/**
 * Folds a place name for comparison: accents stripped, case folded, punctuation and spacing collapsed, so
 * "Ségou", "SEGOU" and "segou" compare equal. `ignoreWords` drops generic words a source adds to names
 * (DTM writes "Mopti Commune" for the commune COD-AB calls "Mopti"); they come from the dataset manifest.
 */
export function foldName(name: string, ignoreWords: readonly string[] = []): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{Letter}\p{Number}]+/u)
    .filter((word) => word !== '');
  const kept = words.filter((word) => !ignoreWords.includes(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** How two names of one coded area relate. */
export type NameAgreement = 'same' | 'spelling' | 'different';

/**
 * Compares a source name with the boundary name of the area its code points at. `spelling` means the same
 * place written differently (Baroueli / Baraouéli, Oualia / Dinlin Oualia); `different` means another place.
 */
export function compareNames(
  source: string,
  boundary: string,
  ignoreWords: readonly string[] = [],
): NameAgreement {
  const a = foldName(source, ignoreWords);
  const b = foldName(boundary, ignoreWords);
  if (a === b) return 'same';
  const squashedA = a.replaceAll(' ', '');
  const squashedB = b.replaceAll(' ', '');
  if (squashedA === squashedB) return 'spelling';
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.every((w) => wordsB.includes(w)) || wordsB.every((w) => wordsA.includes(w))) return 'spelling';
  // One edit per four letters: short names (Commune I / II) must match exactly.
  const allowed = Math.floor(Math.min(squashedA.length, squashedB.length) / 4);
  return editDistance(squashedA, squashedB) <= allowed ? 'spelling' : 'different';
}

/** Levenshtein distance, two-row dynamic programme. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
