/**
 * Shared vocabulary of DTM Atlas: types, plus the two constant lists (`FIGURE_KEYS`, `ADMIN_LEVELS`) some of
 * them derive from. No functions and no imports, so any layer (and the web client) may import it.
 */

export const FIGURE_KEYS = ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * The figures of an area or a round: counts of people (`_ind`) and households (`_hh`). A key is absent when
 * the source does not give it (the 2012–2014 series has IDP individuals only): unknown is never zero.
 */
export type Figures = Partial<Record<FigureKey, number>>;

/** Administrative level of an area: 1 = région, 2 = cercle, 3 = commune (names vary by country). */
export type AdminLevel = 1 | 2 | 3;
export const ADMIN_LEVELS: readonly AdminLevel[] = [1, 2, 3];

/** Normalised properties of one boundary feature, whatever the source called them. */
export interface AreaProperties {
  pcode: string;
  /** The name in the boundary set's own language. */
  name: string;
  /**
   * The name in every language the boundary file carries (lower-case language code → name, e.g.
   * `{ en: 'West', fr: 'Ouest', ht: 'Lwès' }`); absent when the file's name fields carry no language.
   */
  names?: Record<string, string>;
  /** P-code of the enclosing area one level up; absent at level 1. */
  parent?: string;
  level: AdminLevel;
  /** A point inside the area (label position, derived assessed location), [lon, lat]. */
  anchor?: [number, number];
}

/** Figures of one area in one round, with where they came from. */
export interface AreaFigures extends Figures {
  pcode: string;
  level: AdminLevel;
  /** 1-based line numbers in the source file of the rows summed into this figure. */
  sourceRows: number[];
  /** Reviewed corrections applied to those rows, with the codes and names as the source wrote them. */
  corrections?: AppliedCorrection[];
  /** The parts of the IDP figure, where the source splits it (DTM API rows by reason, assessment type). */
  breakdown?: FigureBreakdown;
}

/** One part of an IDP figure: the label as the source writes it (first spelling seen) and its IDPs. */
export interface FigurePart {
  label: string;
  idps_ind: number;
}

/**
 * How an area's IDP figure (`idps_ind`) splits, kept when the source gives it in parts (DTM API v3 rows of
 * one area, round and date that differ in displacement reason, assessment type or origin). Each list's
 * `idps_ind` sum to the area's `idps_ind`: a dimension is kept only when every part of the figure names it,
 * and `sex` only when every part gives both counts and they add up to the figure. Labels differing only in
 * case are one part ("conflict" is "Conflict"). Parts are sorted by label.
 */
export interface FigureBreakdown {
  /** By `displacementReason` ("Conflict", "Natural disaster"…). */
  reason?: FigurePart[];
  /** By `assessmentType` (`BA` baseline, `SA` site assessment, `ETT` event tracking). */
  assessmentType?: FigurePart[];
  /** By sex (`numberMales`, `numberFemales`). */
  sex?: { males: number; females: number };
}

/** A reviewed correction applied to one source row at one level. */
export interface AppliedCorrection {
  row: number;
  level: AdminLevel;
  sourceCode: string;
  sourceName: string;
  correctedCode: string;
  reason: string;
}

export type RoundStatus = 'draft' | 'published';

/** One data collection of a dataset (a DTM round, or one month of a monthly series). */
export interface RoundMeta {
  dataset: string;
  key: string;
  number?: number;
  /** ISO date (YYYY-MM-DD) the figures refer to. */
  date: string;
  source: SourceInfo;
  boundarySet: string;
  totals: Figures;
  status: RoundStatus;
  /** Content hash of everything that shaped the figures; changes whenever any figure could. */
  version: string;
  /** Hash of the site list imported for this round, when there is one. */
  sitesVersion?: string;
  publishedAt?: string;
  /** Who is credited for the round's figures and boundaries, and on what terms (absent on rounds stored before). */
  provenance?: RoundProvenance;
  /** The manifest's caveat for this round, shown wherever its figures are shown. */
  caveat?: { en: string; fr?: string };
}

/** The credits and terms that travel with a round's figures into tiles, styles, the API and every download. */
export interface RoundProvenance {
  /** The credit line the figures' licence requires (DTM's), first; then every organisation of the source. */
  credit: string;
  organisations: string;
  licence: string;
  licenceUrl?: string;
  /** The boundary set's title, credit line and terms. */
  boundaries: { title: string; attribution: string; licence: string };
  /** Set when an operator imported the round although its rows do not add up to a stated total. */
  totalsOverride?: { reason: string };
}

export interface SourceInfo {
  /** Human title, e.g. "IOM DTM Mali Baseline Assessment, Round 72". */
  title: string;
  organisation: string;
  file: string;
  sha256: string;
}

export interface DatasetMeta {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  /**
   * ISO 3166-1 alpha-2 of the same country (`ML`): the page names the country in its own language from it
   * (`Intl.DisplayNames`). Absent: the page shows `countryName`, else the ISO3 code.
   */
  iso2?: string;
  defaultBoundarySet: string;
  attribution: string;
  /** What the country calls each level ("Région", "Département"); a country with fewer levels omits the rest. */
  levelNames: LevelNames;
  /**
   * The level names per page language (`en`: "Department", `fr`: "Département"); a language or level missing
   * here falls back to `levelNames`.
   */
  levelNamesByLanguage?: Partial<Record<'en' | 'fr', Partial<LevelNames>>>;
  /**
   * The DTM operation the dataset is (`operation` in the DTM API, `#operation+name` in HXL), e.g.
   * "Countrywide monitoring": rows of other operations in a source are skipped and counted in the join
   * report. Absent: every row is the dataset's (sources that name no operation).
   */
  operation?: string;
  /** The operation's status in the DTM operation list; absent when unknown (no list read, or not in it). */
  operationStatus?: OperationStatus;
  /** The operation list the status was looked up in: present whenever one was read, found or not. */
  operationStatusSource?: OperationStatusSource;
  /** The country's name as DTM's lists write it ("Haiti"), where a list gives it. */
  countryName?: string;
  /** How areas of one boundary set answer to another's, so a series may run across both (`Crosswalk`). */
  crosswalks?: Crosswalk[];
}

/** Two areas of two boundary sets that are the same ground: a series may run from one to the other. */
export interface CrosswalkPair {
  from: string;
  to: string;
}

/**
 * An area of the `from` set that is not one area of the `to` set (a région later split in two): its figures
 * are never joined to either part without saying so.
 */
export interface CrosswalkMarked {
  from: string;
  to: string[];
  /** Why the areas differ, shown beside every point taken across it. */
  note: { en: string; fr?: string };
}

/**
 * How areas of one boundary set answer to areas of another at one level (`DatasetMeta.crosswalks`): the
 * areas that are the same ground (`pairs`), those that are not (`marked`), and the caveat shown wherever a
 * series runs across the two sets. Areas named in neither list do not cross.
 */
export interface Crosswalk {
  from: string;
  to: string;
  level: `adm${AdminLevel}`;
  pairs: CrosswalkPair[];
  marked?: CrosswalkMarked[];
  caveat: { en: string; fr?: string };
}

/** Whether DTM still runs an operation, as its operation list says. */
export type OperationStatus = 'Active' | 'Inactive';

/** Where an operation's status was read: the list's title, URL and the date it was recorded or fetched. */
export interface OperationStatusSource {
  title: string;
  url?: string;
  /** ISO date (YYYY-MM-DD). */
  asOf?: string;
}

/** A name per administrative level (`adm1` always; finer levels where the country has them). */
export interface LevelNames {
  adm1: string;
  adm2?: string;
  adm3?: string;
}

/** How precisely a site's position is known: surveyed coordinates, or a point standing for a whole commune. */
export type SitePrecision = 'gps' | 'admin3' | 'admin2' | 'admin1';

/** An assessed site (from a site list) or an assessed location derived from area-level figures. */
export interface Site extends Figures {
  id: string;
  name: string;
  lon: number;
  lat: number;
  pcode?: string;
  type?: string;
  precision: SitePrecision;
  sourceRows: number[];
}
