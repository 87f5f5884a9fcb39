import type { ContextSource } from './context-figures.ts';
import type { Correction } from './corrections.ts';
import type { AdminLevel, DatasetMeta, FigureKey } from './types.ts';

/**
 * One level of a boundary source: a GeoJSON FeatureCollection or a TopoJSON Topology. The fields are detected
 * from the features' property names (COD-AB: `ADMn_PCODE`, `ADM{n-1}_PCODE`, `ADMn_<LANG>`, any case); the
 * `…Field` members override the detection (see docs/datasets.md, "Boundary files").
 */
export interface BoundaryLevelSource {
  /** Required: the level is not read from the file (`detectLevel` in geodata/codab-fields.ts can suggest it). */
  level: AdminLevel;
  /** Path relative to the data folder. */
  file: string;
  /** TopoJSON only: the object to read; by default the only object of the topology. */
  object?: string;
  /** By default `ADMn_PCODE`, n = `level`. */
  pcodeField?: string;
  /** The name in the boundary set's own language; by default `ADMn_<language>`. */
  nameField?: string;
  /** By default `ADM{n-1}_PCODE` where the file has it (never at level 1). */
  parentField?: string;
  /**
   * The boundary set's own language (lower-case two-letter code, e.g. `fr`), the one `name` is in; by
   * default French where the file has it, else English, else the first language found.
   */
  language?: string;
  /** SHA-256 of the file's bytes as published (see `FileOrigin`); a file that differs is refused at seeding. */
  sha256?: string;
  /** Who published the file (where it was taken from). */
  publisher?: string;
  /** The file's title as its publisher gives it. */
  title?: string;
  /** Where the file was published, when known. */
  url?: string;
  /**
   * The copy under `geodata/shipped/` when it is not the file byte for byte (only the `properties` listed
   * are kept: `npm run geodata:ship` writes it); absent, the shipped copy is the same file at the same path.
   */
  shipped?: ShippedCopy;
}

/** A boundary file's copy shipped in the repository that differs from the source file, and why. */
export interface ShippedCopy {
  /** Path under `geodata/shipped/`. */
  file: string;
  /** SHA-256 of the shipped copy's bytes. */
  sha256?: string;
  /** The only feature properties kept (codes and names); geometry is copied as it is. */
  properties: string[];
  /** Why the copy differs from the source file. */
  why: string;
}

/** A rewrite applied to source codes to reach a boundary set's scheme (DTM `MLI0102` → COD-AB `ML0102`). */
export interface CodeRule {
  pattern: string;
  replacement: string;
}

export interface BoundarySetSource {
  id: string;
  title: string;
  /** Credit line for the boundaries, shown wherever they are drawn or exported. */
  attribution: string;
  /** The terms the boundaries are published under, as the publisher states them. */
  licence: string;
  /** Applied, in order, to every source code before joining to this set. */
  codeRules: CodeRule[];
  /** What a code of this set looks like after the rules; anything else is another country's code. */
  codePattern: string;
  levels: BoundaryLevelSource[];
}

/** Totals the publisher announced for a round (in a report, a dataset description): every import must match. */
export type StatedTotals = Partial<Record<FigureKey, number>> & { statedIn: string };

/** A text shown to people, in English and, where written, French. */
export interface LocalisedText {
  en: string;
  fr?: string;
}

/**
 * What the dataset's manifest says about one round, whatever file or feed its figures come from: the totals
 * the publisher announced (every import of the round is checked against each of them) and the caveat shown
 * wherever the round's figures are shown.
 */
export interface RoundFacts {
  statedTotals?: StatedTotals;
  caveat?: LocalisedText;
}

/** The terms of the figures of a dataset: the credit line they must carry and the licence statement. */
export interface FiguresLicence {
  /** E.g. `Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)`. */
  credit: string;
  /** The licence statement, as the publisher words it. */
  text: string;
  url?: string;
}

/**
 * A copy of the DTM API's operation list (`GET /v3/displacement/operation-list`), read when seeding for the
 * dataset's operation status and the country's name.
 */
export interface OperationListSource {
  /** Path relative to the data folder. */
  file: string;
  /** Where the list is published. */
  url?: string;
  /** When the copy was recorded (YYYY-MM-DD), if known. */
  asOf?: string;
}

/** A DTM file shipped with the data, seeded by `npm start`. */
export interface SourceFile {
  /** Path relative to the data folder. */
  file: string;
  boundarySet: string;
  title: string;
  /** Who published the figures (every organisation credited for them). */
  organisation: string;
  /** Where the file was published, when known. */
  url?: string;
  /** Who published the file (where it was taken from); `organisation` is who is credited for the figures. */
  publisher?: string;
  /** SHA-256 of the file's bytes; a file that differs is named and not seeded (`npm run geodata:hashes`). */
  sha256?: string;
  /**
   * Sources with the same `feed` are parts of one feed (the DTM API's admin 0, admin 1 and admin 2
   * responses): read together into one import per round, each record counting at its own level.
   */
  feed?: string;
  /** The round, for files that do not name it in a column. */
  round?: { key: string; number?: number; date?: string };
}

/** Everything DTM Atlas knows about a dataset before reading its files: `geodata/datasets/<id>.json`. */
export interface DatasetManifestFile
  extends Omit<DatasetMeta, 'operationStatus' | 'operationStatusSource' | 'countryName'> {
  /** The DTM operation list the operation's status is read from when seeding (see `OperationListSource`). */
  operationList?: OperationListSource;
  /** Generic words ignored when comparing names ("commune"). */
  ignoreNameWords: string[];
  boundarySets: BoundarySetSource[];
  sources: SourceFile[];
  /** The terms of the dataset's figures. */
  figuresLicence: FiguresLicence;
  /** Facts about rounds, by round key: stated totals and caveats (see `RoundFacts`). */
  rounds?: Record<string, RoundFacts>;
  /** Name of the reviewed corrections file in `geodata/corrections/`. */
  corrections?: string;
  /** Other publishers' national figures shown beside DTM's (`core/context-figures.ts`), when the file is there. */
  context?: ContextSource[];
}

export interface DatasetManifest extends DatasetManifestFile {
  correctionList: Correction[];
}

/**
 * The public part of a manifest, as stored in the catalog. The operation's status is not in the manifest:
 * seeding adds it from the operation list.
 */
export function datasetMeta(manifest: DatasetManifest): DatasetMeta {
  const { id, name, country, defaultBoundarySet, attribution, levelNames, levelNamesByLanguage, operation } =
    manifest;
  const { crosswalks, iso2 } = manifest;
  return {
    id,
    name,
    country,
    ...(iso2 !== undefined ? { iso2 } : {}),
    defaultBoundarySet,
    attribution,
    levelNames,
    ...(levelNamesByLanguage ? { levelNamesByLanguage } : {}),
    ...(operation !== undefined ? { operation } : {}),
    ...(crosswalks?.length ? { crosswalks } : {}),
  };
}

/** Applies a boundary set's code rules in order. */
export function normaliseCode(code: string, rules: readonly CodeRule[]): string {
  let result = code.trim().toUpperCase();
  for (const rule of rules) result = result.replace(new RegExp(rule.pattern), rule.replacement);
  return result;
}
