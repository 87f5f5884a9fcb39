import type { Correction } from './corrections.ts';
import type { AdminLevel, DatasetMeta, FigureKey } from './types.ts';

/** How one level of a boundary source names its fields. */
export interface BoundaryLevelSource {
  level: AdminLevel;
  /** Path relative to the data folder. */
  file: string;
  pcodeField: string;
  nameField: string;
  parentField?: string;
}

/** A rewrite applied to source codes to reach a boundary set's scheme (DTM `MLI0102` → COD-AB `ML0102`). */
export interface CodeRule {
  pattern: string;
  replacement: string;
}

export interface BoundarySetSource {
  id: string;
  title: string;
  attribution: string;
  /** Applied, in order, to every source code before joining to this set. */
  codeRules: CodeRule[];
  /** What a code of this set looks like after the rules; anything else is another country's code. */
  codePattern: string;
  levels: BoundaryLevelSource[];
}

/** Totals a source states about itself (in a report or a dataset description): an import must match them. */
export type StatedTotals = Partial<Record<FigureKey, number>> & { statedIn: string };

/** A DTM file shipped with the data, seeded by `npm start`. */
export interface SourceFile {
  /** Path relative to the data folder. */
  file: string;
  boundarySet: string;
  title: string;
  organisation: string;
  /** The round, for files that do not name it in a column. */
  round?: { key: string; number?: number; date?: string };
  statedTotals?: Record<string, StatedTotals>;
}

/** Everything DTM Atlas knows about a dataset before reading its files: `geodata/datasets/<id>.json`. */
export interface DatasetManifestFile extends DatasetMeta {
  /** Generic words ignored when comparing names ("commune"). */
  ignoreNameWords: string[];
  boundarySets: BoundarySetSource[];
  sources: SourceFile[];
  /** Name of the reviewed corrections file in `geodata/corrections/`. */
  corrections?: string;
}

export interface DatasetManifest extends DatasetManifestFile {
  correctionList: Correction[];
}

/** The public part of a manifest, as stored in the catalog. */
export function datasetMeta(manifest: DatasetManifest): DatasetMeta {
  const { id, name, country, defaultBoundarySet, attribution, levelNames } = manifest;
  return { id, name, country, defaultBoundarySet, attribution, levelNames };
}

/** Applies a boundary set's code rules in order. */
export function normaliseCode(code: string, rules: readonly CodeRule[]): string {
  let result = code.trim().toUpperCase();
  for (const rule of rules) result = result.replace(new RegExp(rule.pattern), rule.replacement);
  return result;
}
