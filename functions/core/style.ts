import {
  changeClasses,
  classBreaks,
  type LegendClass,
  legendClasses,
  NO_DATA_COLOUR,
  ZERO_COLOUR,
} from './classes.ts';
import { INDICATORS, type Indicator, type Language, type StyleFlavor } from './indicators.ts';
import { AREA_LAYERS, DISPLAY_ZOOMS, LABELS_LAYER, SITES_LAYER } from './tileset.ts';

/** The one font of the labels; its glyph PBFs are built with the web front end (web/dist/fonts/). */
export const LABEL_FONT = 'Noto Sans Regular';

import type { DatasetMeta, RoundMeta } from './types.ts';

/** Legend of a choropleth, carried in the style's metadata so every client draws the same one. */
export interface Legend {
  indicator: Indicator;
  title: string;
  /** Classes per level (`adm1`…), since counts per commune are far smaller than per région. */
  classes: Record<string, LegendClass[]>;
  zero: { label: string; colour: string };
  noData: { label: string; colour: string };
  source: string;
}

export interface StyleInput {
  dataset: DatasetMeta;
  round: RoundMeta;
  tileJsonUrl: string;
  indicator: Indicator;
  lang: Language;
  flavor?: StyleFlavor;
  /** Values of the indicator per level, for class breaks. */
  valuesByLevel: Record<string, number[]>;
  /** Whether the round has sites (adds the sites layer). */
  hasSites?: boolean;
  /** Which levels the round's boundary set has. */
  levels?: readonly string[];
  /** Glyph PBF template (`…/fonts/{fontstack}/{range}.pbf`), served by the service itself; no labels without it. */
  glyphsUrl?: string;
}

const LABELS = {
  en: {
    zero: 'Zero reported',
    noData: 'No data',
    unchanged: 'No change',
    noComparison: 'No data or no previous round',
  },
  fr: {
    zero: 'Zéro signalé',
    noData: 'Pas de données',
    unchanged: 'Pas de changement',
    noComparison: 'Pas de données ou de round précédent',
  },
};

type Layer = Record<string, unknown>;

/**
 * A MapLibre style for one round and indicator: one fill layer per admin level (switching with zoom at
 * `DISPLAY_ZOOMS`), classes with "no data" and "zero" as colours of their own, borders, and the sites. No
 * glyphs or sprites are needed, so it works offline and in any MapLibre client. `flavor: 'qgis'` writes each
 * class as its own layer with a legacy filter and a constant colour, which QGIS's style converter renders
 * (it skips data expressions such as `step` inside paint properties).
 */
export function buildStyle(input: StyleInput): Record<string, unknown> {
  const { dataset, round, indicator, lang } = input;
  const change = indicator === 'idps_ind_change';
  const labels = LABELS[lang];
  const legend: Legend = {
    indicator,
    title: INDICATORS[indicator][lang],
    classes: {},
    zero: { label: change ? labels.unchanged : labels.zero, colour: ZERO_COLOUR },
    noData: { label: change ? labels.noComparison : labels.noData, colour: NO_DATA_COLOUR },
    source: `${round.source.title}, ${round.date}`,
  };
  const areaLayers = AREA_LAYERS.filter((layer) => !input.levels || input.levels.includes(layer.name));
  const layers: Layer[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } },
  ];
  for (const layer of areaLayers) {
    const values = input.valuesByLevel[layer.name] ?? [];
    const classes = change ? changeClasses(values) : legendClasses(classBreaks(values));
    legend.classes[layer.name] = classes;
    const [minzoom, maxzoom] = DISPLAY_ZOOMS[layer.name];
    const base = { type: 'fill', source: 'dtm', 'source-layer': layer.name, minzoom, maxzoom };
    if (input.flavor === 'qgis') layers.push(...qgisFillLayers(layer.name, base, indicator, classes));
    else {
      layers.push({
        id: `${layer.name}-fill`,
        ...base,
        metadata: { 'dtm-atlas:level': layer.level },
        paint: { 'fill-color': fillColour(indicator, classes), 'fill-opacity': 0.85 },
      });
    }
  }
  for (const layer of areaLayers) {
    const [minzoom] = DISPLAY_ZOOMS[layer.name];
    const width = layer.level === 1 ? 1.2 : 0.5;
    layers.push({
      id: `${layer.name}-line`,
      type: 'line',
      source: 'dtm',
      'source-layer': layer.name,
      minzoom,
      paint: {
        'line-color': layer.level === 1 ? '#333333' : '#6b6b6b',
        // Hover outline through feature-state (the tiles carry a numeric id per area); QGIS has no state.
        'line-width':
          input.flavor === 'qgis'
            ? width
            : ['case', ['boolean', ['feature-state', 'hover'], false], 3, width],
      },
    });
  }
  if (input.glyphsUrl) {
    // Area names from the labels layer: régions first, smaller areas as they fit (the tiles hold each
    // level's labels from the zoom where they fit; the layer only draws the level being coloured).
    layers.push({
      id: 'labels',
      type: 'symbol',
      source: 'dtm',
      'source-layer': LABELS_LAYER.name,
      minzoom: LABELS_LAYER.minzoom,
      filter:
        input.flavor === 'qgis'
          ? ['==', 'level', 'adm1']
          : [
              'any',
              ['all', ['==', ['get', 'level'], 'adm1'], ['<', ['zoom'], DISPLAY_ZOOMS.adm1[1]]],
              [
                'all',
                ['==', ['get', 'level'], 'adm2'],
                ['>=', ['zoom'], DISPLAY_ZOOMS.adm2[0]],
                ['<', ['zoom'], DISPLAY_ZOOMS.adm2[1]],
              ],
              ['all', ['==', ['get', 'level'], 'adm3'], ['>=', ['zoom'], DISPLAY_ZOOMS.adm3[0]]],
            ],
      layout: {
        'text-field': input.flavor === 'qgis' ? '{name}' : ['get', 'name'],
        'text-font': [LABEL_FONT],
        'text-size': 12,
        'text-max-width': 8,
      },
      paint: { 'text-color': '#1d1d1d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    });
  }
  if (input.hasSites) {
    layers.push({
      id: 'sites',
      type: 'circle',
      source: 'dtm',
      'source-layer': SITES_LAYER.name,
      minzoom: SITES_LAYER.minzoom,
      paint:
        input.flavor === 'qgis'
          ? {
              'circle-radius': 4,
              'circle-color': '#2b5f8a',
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            }
          : {
              // Area proportional to IDPs: radius grows with the square root of the count.
              'circle-radius': [
                'interpolate',
                ['linear'],
                ['sqrt', ['coalesce', ['get', 'idps_ind'], 0]],
                0,
                3,
                100,
                14,
                300,
                28,
              ],
              'circle-color': ['match', ['get', 'precision'], 'gps', '#2b5f8a', '#6a8caf'],
              'circle-opacity': 0.75,
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            },
    });
  }
  return {
    version: 8,
    name: `${dataset.name}: ${INDICATORS[indicator][lang]}, ${round.source.title}`,
    metadata: { 'dtm-atlas:legend': legend, 'dtm-atlas:round': round.key, 'dtm-atlas:dataset': dataset.id },
    ...(input.glyphsUrl ? { glyphs: input.glyphsUrl } : {}),
    sources: { dtm: { type: 'vector', url: input.tileJsonUrl, attribution: dataset.attribution } },
    layers,
  };
}

/** `no_data` first, then zero, then the classes by `step`. */
function fillColour(indicator: Indicator, classes: LegendClass[]): unknown {
  if (indicator === 'idps_ind_change') {
    const steps: unknown[] = ['step', ['get', indicator], classes[0]?.colour ?? ZERO_COLOUR];
    for (const entry of classes.slice(1)) steps.push(entry.from ?? 0, entry.colour);
    return ['case', ['!', ['has', indicator]], NO_DATA_COLOUR, steps];
  }
  const steps: unknown[] = ['step', ['get', indicator], ZERO_COLOUR];
  for (const entry of classes) steps.push(entry.from ?? 1, entry.colour);
  return [
    'case',
    ['==', ['get', 'status'], 'no_data'],
    NO_DATA_COLOUR,
    classes.length > 0 ? steps : ZERO_COLOUR,
  ];
}

/** One layer per class with a legacy filter and a constant colour: what QGIS's converter understands. */
function qgisFillLayers(name: string, base: Layer, indicator: Indicator, classes: LegendClass[]): Layer[] {
  const paint = (colour: string) => ({ 'fill-color': colour, 'fill-opacity': 0.85 });
  const result: Layer[] = [
    { id: `${name}-fill-no-data`, ...base, filter: ['!has', indicator], paint: paint(NO_DATA_COLOUR) },
  ];
  if (indicator !== 'idps_ind_change') {
    result.push({
      id: `${name}-fill-zero`,
      ...base,
      filter: ['==', indicator, 0],
      paint: paint(ZERO_COLOUR),
    });
  }
  classes.forEach((entry, i) => {
    const filter: unknown[] = ['all', ['has', indicator]];
    if (entry.from !== undefined) filter.push(['>=', indicator, entry.from]);
    if (entry.to !== undefined) filter.push(['<', indicator, entry.to]);
    result.push({ id: `${name}-fill-${i + 1}`, ...base, filter, paint: paint(entry.colour) });
  });
  return result;
}
