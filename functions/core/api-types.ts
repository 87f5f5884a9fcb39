/**
 * The shapes of the service's JSON answers, in one place: the routes (functions/http) build them and the web
 * client (web/src/api.ts) reads them. Types only, so the web bundle takes nothing from here.
 */
import type { AreaStatus } from './area-properties.ts';
import type { FinestLevel } from './finest-level.ts';
import type { JoinReport, LevelCheck } from './join.ts';
import type { ReasonIndicator, RoundReason } from './reason-indicators.ts';
import type {
  AdminLevel,
  AppliedCorrection,
  Crosswalk,
  DatasetMeta,
  FigureBreakdown,
  Figures,
  OperationStatus,
  RoundMeta,
  RoundProvenance,
  SourceInfo,
} from './types.ts';

export type { LegendClass } from './classes.ts';
export type { FinestLevel, LevelCoverage } from './finest-level.ts';
export type { Indicator } from './indicators.ts';
export type { MapIndicator, ReasonIndicator, RoundReason } from './reason-indicators.ts';
export type { Legend } from './style-layers.ts';
export type { TileJson } from './tilejson.ts';
export type { AppliedCorrection, Crosswalk, FigureKey, Figures } from './types.ts';

/**
 * Who a round's figures and boundaries are credited to, and on what terms, as every answer showing the round
 * carries it (`provenance`): the round's own credits, licences and boundary set (a 2013 round names its
 * 9-région layer and CMP), its source file and that file's SHA-256. A round stored before provenance existed
 * has only `attribution` (the dataset's) and `source`.
 */
export interface ProvenanceMember extends Partial<RoundProvenance> {
  /** The one line maps print: figures' credit and organisations, then the boundaries' credit. */
  attribution: string;
  source: SourceInfo;
}

/** A round's caveat (English, and French when the manifest gives it), shown wherever its figures are. */
export type RoundCaveat = NonNullable<RoundMeta['caveat']>;

/** An admin level as URLs and answers name it. */
export type LevelName = `adm${AdminLevel}`;

/**
 * A dataset (`GET /api/v1/datasets`): its metadata, with `operation`, `operationStatus` (absent when unknown),
 * `operationStatusSource` and `countryName` where seeding read them from the DTM operation list.
 */
export interface DatasetSummary extends DatasetMeta {
  links: { rounds: string; tilejson: string };
}

/** A dataset in its country's group: the DTM operation it is and whether DTM still runs it. */
export interface CountryDataset {
  id: string;
  name: string;
  operation?: string;
  /** From the DTM operation list; `unknown` when no list was read or the list lacks the operation. */
  operationStatus: OperationStatus | 'unknown';
}

/** The datasets of one country (ISO3 `country`; `name` as DTM's lists write it, else the code). */
export interface CountryGroup {
  country: string;
  /** ISO 3166-1 alpha-2, where a manifest gives it: the page names the country in its language from it. */
  iso2?: string;
  name: string;
  datasets: CountryDataset[];
}

/** `GET /api/v1/datasets`: every dataset, and the same datasets grouped by country (sorted by name). */
export interface DatasetsResponse {
  datasets: DatasetSummary[];
  countries: CountryGroup[];
}

/** A published round (`GET /api/v1/datasets/{dataset}/rounds[/{round}]`): its public fields and links. */
export type RoundSummary = Pick<
  RoundMeta,
  'key' | 'number' | 'date' | 'source' | 'boundarySet' | 'totals' | 'version' | 'publishedAt'
> & {
  provenance: ProvenanceMember;
  caveat?: RoundCaveat;
  /**
   * For a source giving several levels itself (a DTM API feed): each level's sum against the national
   * (admin 0) figure, `difference` where they differ (the join report's `levelCheck`).
   */
  levelCheck?: LevelCheck;
  /**
   * The finest level the round's figures are meant for, judged on how many areas of each level have figures
   * (`core/finest-level.ts`): the map's "follow the zoom" stops there, and a finer level chosen by hand carries
   * a caveat.
   */
  finestLevel?: FinestLevel;
  /** The reasons its IDP figures split by (DTM feed rounds): the map offers IDPs by each. */
  reasons?: RoundReason[];
  links: { figures: string; report: string; tilejson: string; style: string };
};

/** `GET /api/v1/datasets/{dataset}/rounds`: oldest first. */
export interface RoundsResponse {
  dataset: string;
  rounds: RoundSummary[];
}

/** One area of a level in a round's figures; `no_data` when the round has no row for it. */
export interface AreaFiguresEntry extends Figures {
  pcode: string;
  name: string;
  parent?: string;
  status: AreaStatus;
  idps_ind_change?: number;
  sourceRows?: number[];
  corrections?: AppliedCorrection[];
  /** The parts of the IDP figure (DTM API rows by reason, assessment type, sex), each summing to it. */
  breakdown?: FigureBreakdown;
  /** IDPs by reason, where the area's split by reason is complete (`core/reason-indicators.ts`). */
  [reason: ReasonIndicator]: number | undefined;
}

/** `GET …/rounds/{round}/figures?level=`. */
export interface FiguresResponse {
  dataset: string;
  round: { key: string; number?: number; date: string; version: string };
  level: LevelName;
  totals: Figures;
  /** Sum of the figures placed on areas of this level. */
  placed: Figures;
  /** Sum of the figures of rows whose code matched no area of this level. */
  unplaced: Figures;
  provenance: ProvenanceMember;
  caveat?: RoundCaveat;
  areas: AreaFiguresEntry[];
}

/** `GET …/rounds/{round}/report`: the join report of the round. */
export interface ReportResponse extends JoinReport {
  dataset: string;
  round: string;
  version: string;
  provenance: ProvenanceMember;
  caveat?: RoundCaveat;
}

/** One round of an area's series. */
export interface SeriesPoint extends Figures {
  round: string;
  number?: number;
  date: string;
  boundarySet: string;
  status: AreaStatus;
  caveat?: RoundCaveat;
  /**
   * Present on a point taken across a crosswalk from another boundary set: `matched` (the same ground) or
   * `partial` (not the same ground: `note` says how), with the other set's `areas` it sums.
   */
  crosswalk?: 'matched' | 'partial';
  areas?: string[];
  note?: { en: string; fr?: string };
}

/** `GET …/areas/{pcode}/series`: the area across the rounds of the boundary sets that have it. */
export interface SeriesResponse {
  dataset: string;
  pcode: string;
  name: string;
  level: LevelName;
  parent?: string;
  series: SeriesPoint[];
  /** The crosswalks the series runs across (points marked `crosswalk`), each with its caveat. */
  crosswalks?: Crosswalk[];
  /** The distinct credits of the rounds in the series, each with the rounds it covers. */
  provenance: Array<ProvenanceMember & { rounds: string[] }>;
}

/** `GET /tiles`: every dataset's TileJSON, QGIS file and rounds; the datasets grouped by country. */
export interface CatalogResponse {
  countries: CountryGroup[];
  datasets: Array<{
    id: string;
    name: string;
    country: string;
    operation?: string;
    operationStatus: CountryDataset['operationStatus'];
    /** The credit of what `tilejson` shows: the newest round's (the dataset's own before any round). */
    attribution: string;
    tilejson: string;
    qgis: string;
    rounds: Array<{
      key: string;
      date: string;
      boundarySet: string;
      /** The round's own credit line, as its TileJSON and style carry it. */
      attribution: string;
      tilejson: string;
      style: string;
    }>;
  }>;
}
