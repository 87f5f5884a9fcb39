import { createHash } from 'node:crypto';
import type { BoundaryManifest } from '../core/boundary-set.ts';
import type { BoundarySetSource } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';

/**
 * A file a manifest names that is not where seeding looks (a fresh clone has no DTM files): seeding skips
 * it and says so; nothing stored changes.
 */
export class MissingSourceFile extends InputError {
  constructor(file: string, where: string) {
    super({ file }, `not found in ${where}`);
    this.name = 'MissingSourceFile';
  }
}

/**
 * A file whose bytes are not the ones its manifest records (`sha256`): it is another version of the source,
 * so it is not seeded as if it were the same one. What is stored from it before stays as it was.
 */
export class ChangedSourceFile extends InputError {
  constructor(
    file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      { file, field: 'sha256' },
      `bytes differ from the manifest (expected sha256 ${expected}, found ${actual}): not seeded; ` +
        'review the file, then record it with `npm run geodata:hashes`',
      { expected, actual },
    );
    this.name = 'ChangedSourceFile';
  }
}

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The bytes of a file, if they are the ones the manifest records; a `ChangedSourceFile` otherwise. Without
 * a recorded hash (a manifest written before hashes, a test fixture) there is nothing to check.
 */
export function checkedBytes(file: string, expected: string | undefined, bytes: Uint8Array): Uint8Array {
  if (expected === undefined) return bytes;
  const actual = sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) throw new ChangedSourceFile(file, expected, actual);
  return bytes;
}

/**
 * The files of a prepared boundary set whose bytes are neither the source file's nor its shipped copy's (the
 * manifest's `sha256` and `shipped.sha256`): the set is not seeded when there is any.
 */
export function changedBoundaryFiles(
  source: BoundarySetSource,
  read: BoundaryManifest['sources'],
): ChangedSourceFile[] {
  const changed: ChangedSourceFile[] = [];
  for (const level of source.levels) {
    const known = [level.sha256, level.shipped?.sha256].filter((hash): hash is string => hash !== undefined);
    const actual = read.find((entry) => entry.level === level.level)?.sha256;
    if (known.length === 0 || actual === undefined || known.includes(actual)) continue;
    changed.push(new ChangedSourceFile(level.file, known.join(' or '), actual));
  }
  return changed;
}
