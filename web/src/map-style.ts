import type { StyleSpecification } from 'maplibre-gl';
import { AREA_LAYERS, DISPLAY_ZOOMS } from '../../functions/core/tileset.ts';
import { LEVELS, type Legend, type Level } from './api.ts';
import { NO_DATA_PATTERN } from './no-data-pattern.ts';

/** Zoom from which each level's areas are in the tiles (TileJSON `vector_layers`): a pinned level starts there. */
export const TILE_MIN_ZOOM = Object.fromEntries(
  AREA_LAYERS.map((layer) => [layer.name, layer.minzoom]),
) as Record<Level, number>;

/** Zoom ranges of the style's fill layers when the level follows the zoom (the service's `DISPLAY_ZOOMS`). */
const AUTO_RANGES: Record<Level, readonly [number, number]> = DISPLAY_ZOOMS;

/** The page's choices applied on top of the service's style. */
export interface StyleOptions {
  /** A pinned level, or undefined when the level follows the zoom. */
  pinned?: Level;
  /** P-code of the selected area, outlined. */
  selected?: string;
  /** Whether the sites layer is shown. */
  sites: boolean;
  /**
   * The finest level the round's figures are meant for: following the zoom never colours a finer one (its
   * fills, borders and names stay hidden, and this level carries on when zooming in).
   */
  finest?: Level;
}

type LayerLike = Record<string, unknown> & { id: string };

/** The levels a round's style draws (a round on a coarser boundary set may have its first level only). */
export function styleLevels(style: StyleSpecification): Level[] {
  return LEVELS.filter((level) => style.layers.some((layer) => layer.id === `${level}-fill`));
}

/** The legend the service puts in the style's metadata. */
export function styleLegend(style: StyleSpecification): Legend | undefined {
  return (style.metadata as Record<string, unknown> | undefined)?.['dtm-atlas:legend'] as Legend | undefined;
}

/**
 * The level coloured at a zoom: the pinned one, else the style's zoom ranges, never finer than `finest` (the
 * finest level the round's figures are meant for) nor than the finest there is.
 */
export function levelShown(zoom: number, levels: readonly Level[], pinned?: Level, finest?: Level): Level {
  if (pinned && levels.includes(pinned)) return pinned;
  const drawn = autoLevels(levels, finest);
  const byZoom =
    LEVELS.find((level) => zoom >= AUTO_RANGES[level][0] && zoom < AUTO_RANGES[level][1]) ?? 'adm3';
  if (drawn.includes(byZoom)) return byZoom;
  return drawn[drawn.length - 1] ?? 'adm1';
}

/** The levels "follow the zoom" colours: the style's, down to `finest` when the style has it. */
export function autoLevels(levels: readonly Level[], finest?: Level): Level[] {
  const end = finest ? levels.indexOf(finest) : -1;
  return end === -1 ? [...levels] : levels.slice(0, end + 1);
}

/**
 * Adapts the service's style to the page's choices without changing its colours: a pinned level is drawn at
 * every zoom where its tiles exist (other levels' fills, and finer borders, hidden); with the level following
 * the zoom, the finest level of a round's boundaries carries on when zooming past it; the selected area gets an
 * outline; labels follow the level shown; sites can be hidden.
 */
export function adaptStyle(source: StyleSpecification, options: StyleOptions): StyleSpecification {
  const style = structuredClone(source);
  const levels = styleLevels(style);
  const pinned = options.pinned && levels.includes(options.pinned) ? options.pinned : undefined;
  const drawn = autoLevels(levels, options.finest);
  const finest = drawn[drawn.length - 1];
  const layers = style.layers as unknown as LayerLike[];
  for (const layer of layers) {
    const [level, kind] = layer.id.split('-') as [string, string | undefined];
    if (!LEVELS.includes(level as Level)) continue;
    // Following the zoom: a level finer than the round's figures are meant for is not drawn at all.
    if (!pinned && !drawn.includes(level as Level)) hide(layer);
    else if (kind === 'fill') {
      if (pinned) {
        if (level === pinned) {
          layer.minzoom = TILE_MIN_ZOOM[pinned];
          delete layer.maxzoom;
        } else hide(layer);
      } else if (level === finest) delete layer.maxzoom;
    } else if (kind === 'line' && pinned) {
      if (LEVELS.indexOf(level as Level) > LEVELS.indexOf(pinned)) hide(layer);
      else if (level === pinned) layer.minzoom = TILE_MIN_ZOOM[pinned];
    }
  }
  addNoDataHatch(layers, styleLegend(style));
  const labels = layers.find((layer) => layer.id === 'labels');
  if (labels && pinned) labels.filter = ['==', ['get', 'level'], pinned];
  else if (labels && finest && finest !== 'adm3') {
    // The finest level drawn keeps its names when zooming past its range; finer names are not drawn.
    labels.filter = [
      'all',
      ['in', ['get', 'level'], ['literal', drawn]],
      [
        'any',
        labels.filter ?? true,
        ['all', ['==', ['get', 'level'], finest], ['>=', ['zoom'], AUTO_RANGES[finest][1]]],
      ],
    ];
  }
  const sites = layers.find((layer) => layer.id === 'sites');
  if (sites && !options.sites) hide(sites);

  const selection: LayerLike[] = levels.map((level) => ({
    id: `${level}-selected`,
    type: 'line',
    source: 'dtm',
    'source-layer': level,
    minzoom: TILE_MIN_ZOOM[level],
    filter: ['==', ['get', 'pcode'], options.selected ?? ''],
    paint: { 'line-color': '#000000', 'line-width': 3.5 },
  }));
  const before = layers.findIndex((layer) => layer.id === 'labels' || layer.id === 'sites');
  layers.splice(before === -1 ? layers.length : before, 0, ...selection);
  return style;
}

/**
 * Over each level's fill, the no-data hatch (`no-data-pattern.ts`) on the areas without the legend's figure,
 * with the fill's zooms and visibility: the service's style paints them in the hatch's base grey, which other
 * clients keep.
 */
function addNoDataHatch(layers: LayerLike[], legend: Legend | undefined): void {
  if (!legend?.noData.hatch) return;
  for (let i = layers.length - 1; i >= 0; i--) {
    const fill = layers[i] as LayerLike;
    const level = fill.id.replace(/-fill$/, '');
    if (level === fill.id || !LEVELS.includes(level as Level)) continue;
    const paint = fill.paint as Record<string, unknown> | undefined;
    layers.splice(i + 1, 0, {
      ...fill,
      id: `${level}-no-data`,
      filter: ['!=', ['typeof', ['get', legend.indicator]], 'number'],
      paint: { 'fill-pattern': NO_DATA_PATTERN, 'fill-opacity': paint?.['fill-opacity'] ?? 1 },
    });
  }
}

function hide(layer: LayerLike): void {
  layer.layout = { ...(layer.layout as object | undefined), visibility: 'none' };
}
