import type {
  BoundaryLevelSource,
  BoundarySetSource,
  CodeRule,
  DatasetManifest,
  FiguresLicence,
} from '../core/dataset-manifest.ts';
import { badRequest } from '../core/errors.ts';
import type { AdminLevel, DatasetMeta } from '../core/types.ts';

/** One boundary file an operator gives: its name as given, and what detection would otherwise decide. */
export interface BoundaryFileRequest {
  /** As given on the command line or in the uploaded manifest: errors name it, the manifest keeps it. */
  file: string;
  /** By default detected from the COD-AB field names (the deepest `ADMn_PCODE`). */
  level?: AdminLevel;
  object?: string;
  pcodeField?: string;
  nameField?: string;
  parentField?: string;
}

export type LevelNames = DatasetMeta['levelNames'];

/**
 * A dataset an operator adds (`npm run dataset -- add`, or `manifest.json` uploaded to the ingest bucket).
 * Only the id, the country, the name and one boundary file are required; the rest has stated defaults.
 */
export interface AddDatasetRequest {
  id: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  /** ISO 3166-1 alpha-2: lets the page name the country in its language (else it shows the ISO3 code). */
  iso2?: string;
  name: string;
  /** The DTM operation: rows of other operations in a source are skipped (see docs/datasets.md). */
  operation?: string;
  boundaries: BoundaryFileRequest[];
  /** The boundary set's id; by default `<id>-boundaries`. */
  boundarySet?: string;
  /** The boundary set's own language (the one `name` is read in). */
  language?: string;
  levelNames?: Partial<LevelNames>;
  /** The boundary set's title, credit line and licence; by default derived and marked "not stated". */
  title?: string;
  attribution?: string;
  licence?: string;
  /** The credit line of the figures; by default DTM's own. */
  figuresCredit?: string;
  /** What the source's codes look like after `codeRules`; by default derived from the boundary P-codes. */
  codePattern?: string;
  codeRules?: CodeRule[];
}

/** Ids that cannot name a dataset: `incoming/datasets/` is where dataset manifests are uploaded. */
const RESERVED_IDS = new Set(['datasets']);
const ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

/** Refuses a request whose id, country, name, language or level names are not usable, saying which. */
export function checkRequest(request: AddDatasetRequest): void {
  if (!ID_PATTERN.test(request.id) || RESERVED_IDS.has(request.id))
    throw badRequest(
      `dataset id "${request.id}": use 2 to 32 lower-case letters, digits and dashes, starting with a letter (not "datasets")`,
    );
  if (!/^[A-Z]{3}$/.test(request.country))
    throw badRequest(`country "${request.country}": give the ISO 3166-1 alpha-3 code in capitals (e.g. AFG)`);
  if (request.iso2 !== undefined && !/^[A-Z]{2}$/.test(request.iso2))
    throw badRequest(`iso2 "${request.iso2}": give the ISO 3166-1 alpha-2 code in capitals (e.g. AF)`);
  if (request.name.trim() === '') throw badRequest('the dataset needs a name (--name)');
  if (request.boundaries.length === 0) throw badRequest('give at least one boundary file (--boundaries)');
  if (request.language !== undefined && !/^[a-z]{2}$/.test(request.language))
    throw badRequest(`language "${request.language}": give a two-letter code such as en or fr`);
  for (const key of Object.keys(request.levelNames ?? {}))
    if (!/^adm[1-3]$/.test(key)) throw badRequest(`level name for "${key}": levels are adm1, adm2 and adm3`);
  if (request.codePattern !== undefined) checkPattern(request.codePattern, 'code pattern');
  for (const rule of request.codeRules ?? []) checkPattern(rule.pattern, 'code rule');
}

function checkPattern(pattern: string, what: string): void {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw badRequest(`${what} ${pattern}: not a regular expression (${(error as Error).message})`);
  }
}

/** The boundary set an added dataset is drawn on, its levels as detected or given. */
export function boundarySetSource(
  request: AddDatasetRequest,
  levels: readonly BoundaryLevelSource[],
  pcodes: readonly string[],
): BoundarySetSource {
  const files = levels.map((level) => baseName(level.file)).join(', ');
  return {
    id: request.boundarySet ?? `${request.id}-boundaries`,
    title: request.title ?? `${request.name} administrative boundaries (${files}; title not stated)`,
    attribution: request.attribution ?? `${files} (source not stated)`,
    licence: request.licence ?? 'not stated',
    codeRules: request.codeRules ?? [],
    codePattern: request.codePattern ?? codePatternOf(pcodes),
    levels: [...levels],
  };
}

/**
 * The manifest of an added dataset: the boundary set, no source files (rounds come through `npm run
 * ingest`), no reviewed corrections, the figures under `figuresLicence` (DTM's terms) unless another credit
 * is given. `levelNames` default to "Admin n" for each level the boundary files have.
 */
export function addedManifest(
  request: AddDatasetRequest,
  set: BoundarySetSource,
  figuresLicence: FiguresLicence,
): DatasetManifest {
  const levelNames: LevelNames = { adm1: 'Admin 1' };
  for (const { level } of set.levels) levelNames[`adm${level}`] = `Admin ${level}`;
  Object.assign(levelNames, request.levelNames);
  return {
    id: request.id,
    name: request.name.trim(),
    country: request.country,
    ...(request.iso2 ? { iso2: request.iso2 } : {}),
    ...(request.operation ? { operation: request.operation } : {}),
    defaultBoundarySet: set.id,
    attribution: `Figures: IOM Displacement Tracking Matrix (DTM) · Boundaries: ${set.attribution}`,
    levelNames,
    ignoreNameWords: [],
    boundarySets: [set],
    sources: [],
    figuresLicence: request.figuresCredit
      ? { ...figuresLicence, credit: request.figuresCredit }
      : { ...figuresLicence },
    correctionList: [],
  };
}

/**
 * What the codes of a set look like: the letters every P-code starts with (COD-AB: the country's ISO 3166-1
 * alpha-2, `HT`, `AF`), then letters and digits. A source coded otherwise needs `codeRules` or `codePattern`.
 */
export function codePatternOf(pcodes: readonly string[]): string {
  const prefixes = pcodes.map((code) => /^[A-Z]*/.exec(code)?.[0] ?? '');
  let prefix = prefixes[0] ?? '';
  for (const each of prefixes) while (!each.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return `^${prefix}[0-9A-Z]+$`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
