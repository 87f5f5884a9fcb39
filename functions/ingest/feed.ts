import type { DatasetManifest, SourceFile } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import type { SkippedOperation } from '../core/join.ts';
import type { SkippedCountry } from '../core/join-report.ts';
import { hashVersion } from '../core/version.ts';
import { type IngestDependencies, type IngestOptions, type IngestResult, ingestParsed } from './ingest.ts';
import { readSourceStream } from './read-source.ts';
import type { ByteSource, ParsedRound, ParsedSource } from './source.ts';

/** One file of a feed: its name (relative to the data folder, or as uploaded) and its bytes. */
export interface FeedPart {
  file: string;
  input: ByteSource;
}

/**
 * Imports a feed given in several files (the DTM API's admin 0, admin 1 and admin 2 responses) as one
 * source: every file read and checked (only the dataset's operation), their rounds merged by key, then one
 * import per round. Each record counts at its own level (core/join.ts), so admin 2 records are not added
 * again into the admin 1 records beside them, and the join report's `levelCheck` says how the levels'
 * sums agree with the national figure. A round is written once, with all its levels: importing the files
 * one by one would refuse the second as "already published with other content".
 */
export async function ingestFeed(
  manifest: DatasetManifest,
  parts: readonly FeedPart[],
  deps: IngestDependencies,
  options: IngestOptions = {},
  source?: SourceFile,
): Promise<IngestResult> {
  const parsed: ParsedSource[] = [];
  for (const part of parts) {
    const readOptions = {
      operation: manifest.operation,
      country: manifest.country,
      ...(options.progress ? { progress: options.progress } : {}),
    };
    parsed.push(await readSourceStream(part.input, part.file, readOptions));
  }
  const merged = mergeSources(parsed);
  return ingestParsed(manifest, merged.file, merged, deps, options, source);
}

/**
 * The files of one feed as one source: rounds with the same key (and operation) joined, rows in file order
 * (row numbers stay each file's own; the level of a row says which file it is from), levels, code columns
 * and skipped operations combined; the hash is over the files' hashes in order. All parts must be of one
 * format; none may be a site list.
 */
export function mergeSources(parts: readonly ParsedSource[]): ParsedSource {
  const first = parts[0];
  if (!first) throw new Error('a feed needs at least one file');
  const file = parts.map((part) => baseName(part.file)).join(' + ');
  for (const part of parts) {
    if (part.sites)
      throw new InputError({ file: part.file }, 'a site list cannot be part of a feed of figures');
    if (part.format !== first.format)
      throw new InputError(
        { file: part.file },
        `is ${part.format} but ${first.file} is ${first.format}: the files of one feed must share a format`,
      );
  }
  const levels = [...new Set(parts.flatMap((part) => part.levels))].sort((a, b) => a - b);
  const skipped = mergeSkipped(parts);
  const countries = mergeSkippedCountries(parts);
  return {
    format: first.format,
    file,
    levels,
    codeColumns: Object.assign({}, ...parts.map((part) => part.codeColumns ?? {})),
    rounds: mergeRounds(parts.flatMap((part) => part.rounds)),
    ...(skipped ? { skippedOperations: skipped } : {}),
    ...(countries ? { skippedCountries: countries } : {}),
    bytes: parts.reduce((n, part) => n + part.bytes, 0),
    sha256: parts.length === 1 ? first.sha256 : hashVersion(parts.map((part) => part.sha256)),
  };
}

/** Rounds of the same key and operation as one round: rows concatenated, the latest date. */
function mergeRounds(rounds: readonly ParsedRound[]): ParsedRound[] {
  const merged = new Map<string, ParsedRound>();
  for (const round of rounds) {
    const id = JSON.stringify([round.key, round.operation]);
    const earlier = merged.get(id);
    if (!earlier) {
      merged.set(id, { ...round, rows: [...round.rows] });
      continue;
    }
    earlier.rows.push(...round.rows);
    if (round.date && (!earlier.date || round.date > earlier.date)) earlier.date = round.date;
  }
  return [...merged.values()];
}

function mergeSkipped(parts: readonly ParsedSource[]): SkippedOperation[] | undefined {
  if (parts.every((part) => part.skippedOperations === undefined)) return undefined;
  const counts = new Map<string, SkippedOperation>();
  for (const { operation, rows } of parts.flatMap((part) => part.skippedOperations ?? [])) {
    const key = operation.toLowerCase();
    const entry = counts.get(key) ?? { operation, rows: 0 };
    entry.rows += rows;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

function mergeSkippedCountries(parts: readonly ParsedSource[]): SkippedCountry[] | undefined {
  if (parts.every((part) => part.skippedCountries === undefined)) return undefined;
  const counts = new Map<string, SkippedCountry>();
  for (const { country, rows } of parts.flatMap((part) => part.skippedCountries ?? [])) {
    const entry = counts.get(country) ?? { country, rows: 0 };
    entry.rows += rows;
    counts.set(country, entry);
  }
  return [...counts.values()];
}

function baseName(file: string): string {
  return file.split('/').pop() ?? file;
}
