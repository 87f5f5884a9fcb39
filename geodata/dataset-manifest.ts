import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminLevel, DatasetMeta } from '../functions/core/types.ts';

/** How one level of a boundary source names its fields. */
export interface BoundaryLevelSource {
  level: AdminLevel;
  /** Path relative to the data folder. */
  file: string;
  pcodeField: string;
  nameField: string;
  parentField?: string;
}

export interface BoundarySetSource {
  id: string;
  title: string;
  attribution: string;
  levels: BoundaryLevelSource[];
}

/** A rewrite applied to source codes to reach the boundary set's scheme (DTM `MLI0102` → COD-AB `ML0102`). */
export interface CodeRule {
  pattern: string;
  replacement: string;
}

export interface RoundSource {
  key: string;
  number?: number;
  date: string;
  /** Path relative to the data folder. */
  file: string;
  format: 'dtm-baseline-csv';
  boundarySet: string;
  title: string;
  organisation: string;
}

/** Everything DTM Atlas knows about a dataset before reading its files: `geodata/datasets/<id>.json`. */
export interface DatasetManifest extends DatasetMeta {
  codeRules: CodeRule[];
  /** Generic words ignored when comparing names ("commune"). */
  ignoreNameWords: string[];
  boundarySets: BoundarySetSource[];
  rounds: RoundSource[];
}

const DATASETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets');

/** Reads every dataset manifest shipped in `geodata/datasets/`. */
export async function loadDatasetManifests(dir = DATASETS_DIR): Promise<DatasetManifest[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as DatasetManifest),
  );
}

/** The public part of a manifest, as stored in the catalog. */
export function datasetMeta(manifest: DatasetManifest): DatasetMeta {
  const { id, name, country, defaultBoundarySet, attribution, levelNames } = manifest;
  return { id, name, country, defaultBoundarySet, attribution, levelNames };
}

/** Applies a dataset's code rules in order. */
export function normaliseCode(code: string, rules: readonly CodeRule[]): string {
  let result = code.trim().toUpperCase();
  for (const rule of rules) result = result.replace(new RegExp(rule.pattern), rule.replacement);
  return result;
}
