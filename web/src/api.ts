/** Typed reads of the service's own JSON; the page never calls another origin. */

/** The figures DTM reports; a figure a round does not report is absent (unknown), never zero. */
export type FigureKey = 'idps_ind' | 'idps_hh' | 'returnees_ind' | 'returnees_hh';
/** What the map can colour: a figure, or the change in IDPs since the previous round of the same boundaries. */
export type Indicator = FigureKey | 'idps_ind_change';
/** Administrative level: région, cercle, commune for Mali. */
export type Level = 'adm1' | 'adm2' | 'adm3';
/** Figures of an area or a round; absent = not reported. */
export type Figures = Partial<Record<FigureKey, number>>;

/** The four figures, in display order. */
export const FIGURE_KEYS: readonly FigureKey[] = ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'];
/** Everything the map can colour, in menu order. */
export const INDICATORS: readonly Indicator[] = [...FIGURE_KEYS, 'idps_ind_change'];
/** Levels from coarsest to finest. */
export const LEVELS: readonly Level[] = ['adm1', 'adm2', 'adm3'];

/** A dataset (`GET /api/v1/datasets`). */
export interface Dataset {
  id: string;
  name: string;
  country?: string;
  attribution: string;
  levelNames: Record<string, string>;
}

/** A published round (`GET /api/v1/datasets/{ds}/rounds`), oldest first. */
export interface Round {
  key: string;
  number?: number;
  date: string;
  source: { title: string; organisation: string; file?: string };
  boundarySet: string;
  totals: Figures;
  version?: string;
}

/** A reviewed correction of a source row's code (from the join report). */
export interface Correction {
  row: number;
  level: number;
  sourceCode: string;
  sourceName?: string;
  correctedCode: string;
  reason: string;
}

/** One area of a level in a round's figures; `no_data` when the round has no row for it. */
export interface Area extends Figures {
  pcode: string;
  name: string;
  parent?: string;
  status: 'reported' | 'no_data';
  idps_ind_change?: number;
  sourceRows?: number[];
  corrections?: Correction[];
}

/** `GET …/rounds/{round}/figures?level=`. */
export interface FiguresResponse {
  level: Level;
  totals: Figures;
  areas: Area[];
}

/** One round of an area's series. */
export interface SeriesPoint extends Figures {
  round: string;
  number?: number;
  date: string;
  boundarySet: string;
  status: 'reported' | 'no_data';
}

/** `GET …/areas/{pcode}/series`: the area across the rounds of its boundary set. */
export interface AreaSeries {
  pcode: string;
  name: string;
  level: Level;
  parent?: string;
  series: SeriesPoint[];
}

/** A class of the legend: values from `from` up to, not including, `to`. */
export interface LegendClass {
  from?: number;
  to?: number;
  colour: string;
}

/** The legend in a style's metadata (`dtm-atlas:legend`). */
export interface Legend {
  indicator: Indicator;
  title: string;
  classes: Partial<Record<Level, LegendClass[]>>;
  zero: { label: string; colour: string };
  noData: { label: string; colour: string };
  source: string;
}

/** The parts of TileJSON the page reads. */
export interface TileJson {
  tiles: string[];
  bounds: [number, number, number, number];
}

const cache = new Map<string, Promise<unknown>>();

/** GETs JSON from the service; answers are kept for the page's life (rounds are immutable per version). */
export function getJson<T>(url: string): Promise<T> {
  let pending = cache.get(url);
  if (!pending) {
    pending = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.json();
    });
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending as Promise<T>;
}

/** The service's addresses for one dataset; all relative to the page's origin. */
export const urls = {
  datasets: () => '/api/v1/datasets',
  rounds: (ds: string) => `/api/v1/datasets/${ds}/rounds`,
  figures: (ds: string, round: string, level: Level) =>
    `/api/v1/datasets/${ds}/rounds/${encodeURIComponent(round)}/figures?level=${level}`,
  figuresCsv: (ds: string, round: string, level: Level) =>
    `/api/v1/datasets/${ds}/rounds/${encodeURIComponent(round)}/figures.csv?level=${level}`,
  figuresGeoJson: (ds: string, round: string, level: Level) =>
    `/api/v1/datasets/${ds}/rounds/${encodeURIComponent(round)}/figures.geojson?level=${level}`,
  series: (ds: string, pcode: string) => `/api/v1/datasets/${ds}/areas/${encodeURIComponent(pcode)}/series`,
  style: (ds: string, round: string, indicator: Indicator, lang: string) =>
    `/styles/${ds}/${encodeURIComponent(round)}/style.json?indicator=${indicator}&lang=${lang}`,
  tileJson: (ds: string, round: string) => `/tiles/${ds}/${encodeURIComponent(round)}/tiles.json`,
  qgis: (ds: string) => `/qgis/${ds}.xml`,
};

/** An absolute URL on this origin, for addresses handed to other software (GIS, partners' pages). */
export function absolute(path: string): string {
  return new URL(path, location.origin).href;
}
