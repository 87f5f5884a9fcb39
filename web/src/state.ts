import { LEVELS, type Level, type MapIndicator } from './api.ts';
import { pickIndicator } from './reason-indicator.ts';

/** The page's languages. */
export type Lang = 'en' | 'fr';
/** Every language, for parsing. */
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** The map's camera, as in `map=zoom/lat/lng`. */
export interface View {
  zoom: number;
  lat: number;
  lng: number;
}

/** Everything a link reproduces: what is shown, where, and in which language. */
export interface AtlasState {
  /** Dataset id (`mli`, `hti`); undefined until the catalog is known (then its first dataset). */
  dataset?: string;
  /** Round key (`72`, `2013-06`); undefined until the rounds are known (then the latest). */
  round?: string;
  /** A figure, the change in IDPs, or IDPs by one reason (`idps_ind_reason.conflict`). */
  indicator: MapIndicator;
  /** `auto`: the level follows the zoom; otherwise the level is pinned. */
  level: Level | 'auto';
  /** P-code of the selected area. */
  area?: string;
  lang: Lang;
  view?: View;
  /** Whether the data table replaces the map. */
  table: boolean;
  /** Key of a round to compare the shown one with (compare mode, `compare-mode.ts`); absent: no comparison. */
  compare?: string;
}

/** Reads the state from `location.hash` (e.g. `#round=72&indicator=idps_ind&lang=fr&map=5/17.57/-4`), with
 * `?lang=` in the query as a fallback for the language and `fallbackLang` after that. */
export function parseState(hash: string, search: string, fallbackLang: Lang): AtlasState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const query = new URLSearchParams(search);
  const lang = pick(params.get('lang') ?? query.get('lang'), LANGS) ?? fallbackLang;
  const state: AtlasState = {
    indicator: pickIndicator(params.get('indicator')) ?? 'idps_ind',
    level: pick(params.get('level'), LEVELS) ?? 'auto',
    lang,
    table: params.get('view') === 'table',
  };
  const dataset = params.get('dataset');
  if (dataset && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(dataset)) state.dataset = dataset;
  const round = params.get('round');
  if (round && /^[\w.-]{1,40}$/.test(round)) state.round = round;
  const area = params.get('area');
  if (area && /^[\w.-]{1,40}$/.test(area)) state.area = area;
  const compare = params.get('compare');
  if (compare && /^[\w.-]{1,40}$/.test(compare)) state.compare = compare;
  const view = parseView(params.get('map'));
  if (view) state.view = view;
  return state;
}

/** Writes the state as a hash; the view is rounded to what a screen can tell apart. */
export function formatHash(state: AtlasState): string {
  const params = new URLSearchParams();
  if (state.round) params.set('round', state.round);
  params.set('indicator', state.indicator);
  if (state.level !== 'auto') params.set('level', state.level);
  if (state.area) params.set('area', state.area);
  if (state.table) params.set('view', 'table');
  params.set('lang', state.lang);
  // After the older keys, so links made before datasets were in the hash keep their shape.
  if (state.dataset) params.set('dataset', state.dataset);
  if (state.compare) params.set('compare', state.compare);
  let hash = params.toString();
  if (state.view) {
    const { zoom, lat, lng } = state.view;
    const digits = Math.max(2, Math.ceil(Math.log10(2 ** zoom)) + 1);
    // `/` stays readable: URLSearchParams would escape it.
    hash += `&map=${zoom.toFixed(2)}/${lat.toFixed(digits)}/${lng.toFixed(digits)}`;
  }
  return `#${hash}`;
}

/** Whether two states show the same thing (views compared to the precision written in the hash). */
export function sameState(a: AtlasState, b: AtlasState): boolean {
  return formatHash(a) === formatHash(b);
}

function parseView(value: string | null): View | undefined {
  if (!value) return undefined;
  const [zoom, lat, lng] = value.split('/').map(Number);
  if (zoom === undefined || lat === undefined || lng === undefined) return undefined;
  if (![zoom, lat, lng].every(Number.isFinite)) return undefined;
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lng) > 180) return undefined;
  return { zoom, lat, lng };
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}
