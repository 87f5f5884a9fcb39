/** Typed reads of the service's own JSON; the page never calls another origin. */
import type {
  AreaFiguresEntry,
  DatasetSummary,
  FigureKey,
  Indicator,
  LevelName,
  MapIndicator,
  RoundSummary,
  SeriesResponse,
} from '../../functions/core/api-types.ts';
import { urls as routeUrls } from '../../functions/core/routes.ts';
import { AREA_LAYERS } from '../../functions/core/tileset.ts';
import { FIGURE_KEYS } from '../../functions/core/types.ts';

// The answers' shapes are the service's own (functions/core/api-types.ts), under the names the page uses.
export type {
  AppliedCorrection as Correction,
  Figures,
  FiguresResponse,
  Legend,
  LegendClass,
  SeriesPoint,
  TileJson,
} from '../../functions/core/api-types.ts';
export type { FigureKey, Indicator, MapIndicator };
/** Administrative level key (`adm1`…); what a country calls it is in the dataset's level names. */
export type Level = LevelName;
export type Dataset = DatasetSummary;
export type Round = RoundSummary;
export type Area = AreaFiguresEntry;
export type AreaSeries = SeriesResponse;

/** The four figures, in display order. */
export { FIGURE_KEYS };
/** Everything the map can colour, in menu order. */
export const INDICATORS: readonly Indicator[] = [...FIGURE_KEYS, 'idps_ind_change'];
/** Levels from coarsest to finest. */
export const LEVELS: readonly Level[] = AREA_LAYERS.map((layer) => layer.name);

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

/** The service's addresses for one dataset (core/routes.ts); all relative to the page's origin. */
export const urls = {
  datasets: () => routeUrls.datasets(''),
  rounds: (ds: string) => routeUrls.rounds('', ds),
  figures: (ds: string, round: string, level: Level) => routeUrls.figures('', ds, round, level),
  figuresCsv: (ds: string, round: string, level: Level) => routeUrls.figuresCsv('', ds, round, level),
  figuresGeoJson: (ds: string, round: string, level: Level) => routeUrls.figuresGeoJson('', ds, round, level),
  series: (ds: string, pcode: string) => routeUrls.series('', ds, pcode),
  style: (ds: string, round: string, indicator: MapIndicator, lang: string) =>
    routeUrls.style('', ds, round, { indicator, lang }),
  tileJson: (ds: string, round: string) => routeUrls.tileJson('', ds, round),
  qgis: (ds: string) => routeUrls.qgis('', ds),
};

/** An absolute URL on this origin, for addresses handed to other software (GIS, partners' pages). */
export function absolute(path: string): string {
  return new URL(path, location.origin).href;
}
