import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import {
  type Area,
  absolute,
  type Dataset,
  type FiguresResponse,
  getJson,
  type Legend,
  type Level,
  type Round,
  type TileJson,
  urls,
} from './api.ts';
import { carryArea } from './carry-area.ts';
import { finestOf } from './finest-level.ts';
import { fitArea, fitSelection } from './fit-view.ts';
import { preloadGlyphs } from './glyph-preload.ts';
import { browserLang, setLang } from './i18n.ts';
import { levelName, localised } from './local-names.ts';
import { mapLocale, translateMapControls } from './map-locale.ts';
import { adaptStyle, levelShown, styleLegend, styleLevels, TILE_MIN_ZOOM } from './map-style.ts';
import { provideNoDataPattern } from './no-data-pattern.ts';
import { NoRoundsYet } from './no-figures.ts';
import { loadStartData } from './start-data.ts';
import type { AtlasState } from './state.ts';
import { Store } from './store.ts';
import { withTileJson } from './style-source.ts';
import { roundLevels } from './url-check.ts';
import { followUrl } from './url-follow.ts';

// Vite bundles maplibre-gl; its module worker is shipped as a separate asset and located here.
maplibregl.setWorkerUrl(workerUrl);
// The worker is created now, so that it compiles while the API answers come in instead of after; its script is
// usually in the HTTP cache already (boot.ts). The map created later takes this worker.
maplibregl.prewarm();

/** An area of the round shown, with its level. */
export interface AreaEntry extends Area {
  level: Level;
}

/** How a page starts the atlas. */
export interface AtlasOptions {
  /** The map's container element id. */
  container: string;
  /** The embed page: cooperative gestures always, no keyboard shortcuts of its own. */
  embed: boolean;
}

type Listener = () => void;

/**
 * The map and the state every part of a page renders from: dataset, rounds, the round shown, its style and
 * legend, the level coloured, the areas of its boundaries. Parts subscribe with `onUpdate` and re-render from
 * `atlas` (cheaply: each compares what it last drew).
 */
export class Atlas {
  readonly store: Store;
  readonly dataset: Dataset;
  readonly rounds: Round[];
  readonly map: maplibregl.Map;
  legend: Legend | undefined;
  /** Levels of the round's boundaries, from its style. */
  levels: Level[] = ['adm1'];
  sitesVisible = true;
  readonly #listeners: Listener[] = [];
  #rawStyle: maplibregl.StyleSpecification;
  #styleKey: string;
  #styleToken = 0;
  #levelShown: Level;

  private constructor(
    store: Store,
    dataset: Dataset,
    rounds: Round[],
    style: maplibregl.StyleSpecification,
    map: maplibregl.Map,
  ) {
    this.store = store;
    this.dataset = dataset;
    this.rounds = rounds;
    this.map = map;
    this.#rawStyle = style;
    this.#styleKey = this.#keyOf(store.state);
    this.#acceptStyle(style);
    this.#levelShown = this.levelShown();
  }

  /** Loads the dataset and the round named in the URL (else the latest), and creates the map. */
  static async start(options: AtlasOptions): Promise<Atlas> {
    const store = new Store(browserLang());
    setLang(store.state.lang);
    // Usually already answered: boot.ts asked for the same state while this code downloaded.
    const { dataset, rounds, checked, style: raw, tileJson } = await loadStartData(store.state);
    if (!raw || !tileJson) throw new NoRoundsYet(dataset, store.state.lang);
    store.update(checked.state, 'none', true);
    const { state } = store;
    const round = state.round as string;
    preloadGlyphs(raw);
    const style = withTileJson(raw, absolute(urls.tileJson(dataset.id, round)), tileJson);
    const pinned = state.level === 'auto' ? undefined : state.level;
    const narrow = matchMedia('(max-width: 640px)').matches;
    const map = new maplibregl.Map({
      container: options.container,
      style: adaptStyle(style, {
        pinned,
        selected: state.area,
        sites: true,
        finest: finestOf(rounds, round),
      }),
      ...(state.view
        ? { center: [state.view.lng, state.view.lat] as [number, number], zoom: state.view.zoom }
        : { bounds: tileJson.bounds, fitBoundsOptions: { padding: 24 } }),
      attributionControl: { compact: true },
      cooperativeGestures: options.embed || narrow,
      locale: mapLocale(),
      maxZoom: 12,
    });
    if (pinned && levelsOf(style).includes(pinned)) map.setMinZoom(TILE_MIN_ZOOM[pinned]);
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    if (!options.embed) map.addControl(new maplibregl.ScaleControl({}), 'bottom-right');
    const atlas = new Atlas(store, dataset, rounds, style, map);
    provideNoDataPattern(map, () => atlas.legend);
    atlas.#wire();
    followUrl(atlas, checked.notFound);
    // A link naming an area but no view opens on that area.
    if (state.area && !state.view) void fitSelection(atlas, false);
    return atlas;
  }

  /** The round shown. */
  get round(): Round {
    const key = this.store.state.round;
    return this.rounds.find((round) => round.key === key) ?? (this.rounds[this.rounds.length - 1] as Round);
  }

  /** The round before the one shown, if any. */
  get previousRound(): Round | undefined {
    return this.rounds[this.rounds.indexOf(this.round) - 1];
  }

  /** The level coloured at the current zoom (or the pinned one). */
  levelShown(): Level {
    const { level } = this.store.state;
    const pinned = level === 'auto' ? undefined : level;
    return levelShown(this.map.getZoom(), this.levels, pinned, this.round.finestLevel?.level);
  }

  /** Calls `listener` whenever something shown may have changed (state, style, level at zoom). */
  onUpdate(listener: Listener): void {
    this.#listeners.push(listener);
  }

  /** What the dataset calls a level, in the page's language ("Department" / "Département"). */
  levelName(level: Level): string {
    return levelName(this.dataset, level, this.store.state.lang);
  }

  /**
   * Figures of every area of a level for the round shown (or another round), each area's `name` in the page's
   * language where the boundaries have it.
   */
  async figures(level: Level, roundKey = this.round.key): Promise<FiguresResponse> {
    const response = await getJson<FiguresResponse>(urls.figures(this.dataset.id, roundKey, level));
    const { lang } = this.store.state;
    return { ...response, areas: response.areas.map((area) => localised(area, lang)) };
  }

  /** Every area of the round's boundaries, all levels, by P-code. */
  async areas(roundKey = this.round.key): Promise<Map<string, AreaEntry>> {
    const round = this.rounds.find((r) => r.key === roundKey) ?? this.round;
    // The round's own levels (its TileJSON), not the style's: the style may still be the previous round's.
    const levels = await roundLevels(this.dataset.id, round.key);
    const all = new Map<string, AreaEntry>();
    for (const response of await Promise.all(levels.map((level) => this.figures(level, round.key)))) {
      for (const area of response.areas) all.set(area.pcode, { ...area, level: response.level });
    }
    return all;
  }

  /** Selects an area (or clears the selection); `fly` moves the map to it (`animate` false: at once). */
  async selectArea(pcode: string | undefined, fly = false, animate = true): Promise<void> {
    this.store.update({ area: pcode });
    if (!pcode || !fly) return;
    const area = (await this.areas()).get(pcode);
    if (area) await fitArea(this, area, animate);
  }

  /** Shows or hides the sites layer. */
  setSitesVisible(visible: boolean): void {
    this.sitesVisible = visible;
    this.#applyStyle();
    this.#emit();
  }

  #wire(): void {
    const { map, store } = this;
    map.on('moveend', () => {
      const center = map.getCenter();
      store.update({ view: { zoom: map.getZoom(), lat: center.lat, lng: center.lng } }, 'replace');
    });
    map.on('zoom', () => {
      const level = this.levelShown();
      if (level === this.#levelShown) return;
      this.#levelShown = level;
      this.#emit();
    });
    store.subscribe((state, previous) => this.#onState(state, previous));
    store.writeUrl();
  }

  #onState(state: AtlasState, previous: AtlasState): void {
    if (state.lang !== previous.lang) {
      setLang(state.lang);
      translateMapControls(this.map);
    }
    if (state.round !== previous.round) void carryArea(this, previous, state);
    if (this.#keyOf(state) !== this.#styleKey) void this.#loadStyle(state);
    else if (state.level !== previous.level || state.area !== previous.area) this.#applyStyle();
    const view = state.view;
    if (view && view !== previous.view) {
      const center = this.map.getCenter();
      const moved =
        Math.abs(view.zoom - this.map.getZoom()) > 0.01 ||
        Math.abs(view.lat - center.lat) > 1e-4 ||
        Math.abs(view.lng - center.lng) > 1e-4;
      if (moved) this.map.jumpTo({ center: [view.lng, view.lat], zoom: view.zoom });
    }
    this.#levelShown = this.levelShown();
    this.#emit();
  }

  #keyOf(state: AtlasState): string {
    return `${state.round}|${state.indicator}|${state.lang}`;
  }

  async #loadStyle(state: AtlasState): Promise<void> {
    const key = this.#keyOf(state);
    this.#styleKey = key;
    const token = ++this.#styleToken;
    const round = state.round ?? this.round.key;
    const [raw, tileJson] = await Promise.all([
      getJson<maplibregl.StyleSpecification>(urls.style(this.dataset.id, round, state.indicator, state.lang)),
      getJson<TileJson>(urls.tileJson(this.dataset.id, round)),
    ]);
    if (token !== this.#styleToken) return;
    const style = withTileJson(raw, absolute(urls.tileJson(this.dataset.id, round)), tileJson);
    this.#rawStyle = style;
    this.#acceptStyle(style);
    this.#applyStyle();
    this.#levelShown = this.levelShown();
    this.#emit();
    this.map.once('idle', () => {
      if (token === this.#styleToken) document.body.dataset.round = state.round ?? '';
    });
  }

  #acceptStyle(style: maplibregl.StyleSpecification): void {
    this.legend = styleLegend(style);
    this.levels = levelsOf(style);
  }

  /** Re-applies the page's choices (pinned level, selection, sites) to the current style. */
  #applyStyle(): void {
    const { level, area } = this.store.state;
    const pinned = level !== 'auto' && this.levels.includes(level) ? level : undefined;
    this.map.setMinZoom(pinned ? TILE_MIN_ZOOM[pinned] : 0);
    const options = {
      pinned,
      selected: area,
      sites: this.sitesVisible,
      finest: this.round.finestLevel?.level,
    };
    this.map.setStyle(adaptStyle(this.#rawStyle, options), { diff: true });
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

function levelsOf(style: maplibregl.StyleSpecification): Level[] {
  const levels = styleLevels(style);
  return levels.length > 0 ? levels : ['adm1'];
}
