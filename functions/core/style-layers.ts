/**
 * What the web and QGIS styles share: the legend, the layer order and every layer's id, source, zooms and
 * colours. The two flavours differ only in how a layer says what depends on data (`StyleFlavorParts`): MapLibre
 * expressions for the web, legacy filters and constants for QGIS's converter.
 */
import {
  changeClasses,
  classBreaks,
  type LegendClass,
  legendClasses,
  NO_DATA_COLOUR,
  ZERO_COLOUR,
} from './classes.ts';
import type { Language, StyleFlavor } from './indicators.ts';
import { indicatorTitle, type MapIndicator } from './reason-indicators.ts';
import { roundAttribution } from './tilejson.ts';
import { AREA_LAYERS, type AreaLayer, DISPLAY_ZOOMS, LABELS_LAYER, SITES_LAYER } from './tileset.ts';
import type { DatasetMeta, RoundMeta } from './types.ts';

/** The one font of the labels; its glyph PBFs are built with the web front end (web/dist/fonts/). */
export const LABEL_FONT = 'Noto Sans Regular';
/** The vector source every layer reads. */
export const SOURCE_ID = 'dtm';
export const FILL_OPACITY = 0.85;

/** Legend of a choropleth, carried in the style's metadata so every client draws the same one. */
export interface Legend {
  indicator: MapIndicator;
  title: string;
  /** Classes per level (`adm1`…), since counts per commune are far smaller than per région. */
  classes: Partial<Record<AreaLayer['name'], LegendClass[]>>;
  zero: { label: string; colour: string };
  /**
   * No data: the base `colour` (a solid fill where patterns cannot be drawn: QGIS, other clients) with lines
   * of `hatch` over it, drawn the same on the web map and in its legend (`NO_DATA_HATCH`).
   */
  noData: { label: string; colour: string; hatch: string };
  /**
   * Present when no area of any level has the figure: the round does not report the indicator (or, for a
   * change, has nothing to compare with). The map then draws no values, and a legend says this instead of
   * listing classes.
   */
  notReported?: string;
  /** Present when the round has sites: how the sites layer draws them (hollow rings). */
  sites?: { label: string; colour: string };
  /**
   * Per level, whether some area has the figure 0 (`zero`) and whether some area lacks the figure (`noData`:
   * no row for it, or a row without this figure). A legend lists the zero and no-data entries only then.
   */
  shown: Partial<Record<AreaLayer['name'], { zero: boolean; noData: boolean }>>;
  source: string;
}

export interface StyleInput {
  dataset: DatasetMeta;
  round: RoundMeta;
  tileJsonUrl: string;
  indicator: MapIndicator;
  /** A reason indicator's reason as the data spells it ("Natural disaster"), for its title. */
  reasonLabel?: string;
  lang: Language;
  flavor?: StyleFlavor;
  /**
   * The indicator per level, one entry per area: its value, or `undefined` where the area lacks the figure.
   * Class breaks come from the values; the legend's no-data entry from the gaps.
   */
  valuesByLevel: Record<string, ReadonlyArray<number | undefined>>;
  /** Whether the round has sites (adds the sites layer). */
  hasSites?: boolean;
  /** Which levels the round's boundary set has. */
  levels?: readonly string[];
  /** Glyph PBF template (`…/fonts/{fontstack}/{range}.pbf`), served by the service itself; no labels without it. */
  glyphsUrl?: string;
}

export type Layer = Record<string, unknown>;

/** Where the web and QGIS styles differ; everything else is `buildStyleWith`'s. */
export interface StyleFlavorParts {
  /** The fill layers of one level: `base` holds type, source, source layer and zooms. */
  fillLayers(layer: AreaLayer, base: Layer, indicator: MapIndicator, classes: LegendClass[]): Layer[];
  /** A border's `line-width` from its resting width. */
  lineWidth(width: number): unknown;
  /** Which labels the labels layer draws. */
  labelFilter: unknown;
  /** The label text: the area's name, in the style's language where the tiles carry it. */
  labelText(lang: Language): unknown;
  /** The sites' circle paint. */
  sitesPaint: Layer;
}

const LABELS = {
  en: {
    zero: 'Zero reported',
    noData: 'No data',
    unchanged: 'No change',
    noComparison: 'No data or no previous round',
    notReported: 'Not reported in this round',
    noPrevious: 'No previous round on these boundaries to compare with',
    sites: 'Assessed sites',
  },
  fr: {
    zero: 'Zéro signalé',
    noData: 'Pas de données',
    unchanged: 'Pas de changement',
    noComparison: 'Pas de données ou de round précédent',
    notReported: 'Non signalé dans ce round',
    noPrevious: 'Pas de round précédent sur ces limites à comparer',
    sites: 'Sites évalués',
  },
};

/** A MapLibre style for one round and indicator, its data-dependent parts written by `parts`. */
export function buildStyleWith(input: StyleInput, parts: StyleFlavorParts): Record<string, unknown> {
  const { dataset, round, indicator, lang } = input;
  const legend = emptyLegend(input);
  const areaLayers = AREA_LAYERS.filter((layer) => !input.levels || input.levels.includes(layer.name));
  const layers: Layer[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } },
  ];
  for (const layer of areaLayers) {
    const entries = input.valuesByLevel[layer.name] ?? [];
    const values = entries.filter((v): v is number => typeof v === 'number');
    const classes =
      indicator === 'idps_ind_change' ? changeClasses(values) : legendClasses(classBreaks(values));
    legend.classes[layer.name] = classes;
    legend.shown[layer.name] = { zero: values.includes(0), noData: values.length < entries.length };
    layers.push(...parts.fillLayers(layer, fillBase(layer), indicator, classes));
  }
  if (!Object.values(input.valuesByLevel).some((entries) => entries.some((v) => v !== undefined))) {
    legend.notReported = LABELS[lang][indicator === 'idps_ind_change' ? 'noPrevious' : 'notReported'];
  }
  for (const layer of areaLayers) layers.push(borderLayer(layer, parts));
  // Sites over the fills and borders but under the names, so no circle hides a label.
  if (input.hasSites) {
    layers.push(sitesLayer(parts));
    legend.sites = { label: LABELS[lang].sites, colour: SITE_COLOUR };
  }
  if (input.glyphsUrl) layers.push(labelsLayer(parts, lang));
  return {
    version: 8,
    name: `${dataset.name}: ${indicatorTitle(indicator, lang, input.reasonLabel)}, ${round.source.title}`,
    metadata: { 'dtm-atlas:legend': legend, 'dtm-atlas:round': round.key, 'dtm-atlas:dataset': dataset.id },
    ...(input.glyphsUrl ? { glyphs: input.glyphsUrl } : {}),
    sources: {
      [SOURCE_ID]: {
        type: 'vector',
        url: input.tileJsonUrl,
        attribution: roundAttribution(dataset, round, lang),
      },
    },
    layers,
  };
}

/** The legend's texts; its classes are filled in level by level. */
function emptyLegend({ indicator, lang, round, reasonLabel }: StyleInput): Legend {
  const change = indicator === 'idps_ind_change';
  const labels = LABELS[lang];
  return {
    indicator,
    title: indicatorTitle(indicator, lang, reasonLabel),
    classes: {},
    shown: {},
    zero: { label: change ? labels.unchanged : labels.zero, colour: ZERO_COLOUR },
    noData: {
      label: change ? labels.noComparison : labels.noData,
      colour: NO_DATA_COLOUR,
      hatch: NO_DATA_HATCH,
    },
    source: `${round.source.title}, ${round.date}`,
  };
}

/** What every fill layer of a level has: the level is coloured between its `DISPLAY_ZOOMS`. */
export function fillBase(layer: AreaLayer): Layer {
  const [minzoom, maxzoom] = DISPLAY_ZOOMS[layer.name];
  return { type: 'fill', source: SOURCE_ID, 'source-layer': layer.name, minzoom, maxzoom };
}

/** A fill's paint: one colour (or colour expression) at the choropleth's opacity. */
export function fillPaint(colour: unknown): Layer {
  return { 'fill-color': colour, 'fill-opacity': FILL_OPACITY };
}

/** The borders of a level: régions dark and thick, the rest grey and thin, from the zoom the level shows. */
export function borderLayer(layer: AreaLayer, parts: Pick<StyleFlavorParts, 'lineWidth'>): Layer {
  const [minzoom] = DISPLAY_ZOOMS[layer.name];
  const width = layer.level === 1 ? 1.2 : 0.5;
  return {
    id: `${layer.name}-line`,
    type: 'line',
    source: SOURCE_ID,
    'source-layer': layer.name,
    minzoom,
    paint: { 'line-color': layer.level === 1 ? '#333333' : '#6b6b6b', 'line-width': parts.lineWidth(width) },
  };
}

/**
 * Area names from the labels layer: régions first, smaller areas as they fit (the tiles hold each level's
 * labels from the zoom where they fit; the flavour's filter picks the levels drawn).
 */
export function labelsLayer(
  parts: Pick<StyleFlavorParts, 'labelFilter' | 'labelText'>,
  lang: Language,
): Layer {
  return {
    id: 'labels',
    type: 'symbol',
    source: SOURCE_ID,
    'source-layer': LABELS_LAYER.name,
    minzoom: LABELS_LAYER.minzoom,
    filter: parts.labelFilter,
    layout: {
      'text-field': parts.labelText(lang),
      'text-font': [LABEL_FONT],
      'text-size': 12,
      'text-max-width': 8,
    },
    paint: { 'text-color': '#1d1d1d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

/** The assessed sites as circles. */
export function sitesLayer(parts: Pick<StyleFlavorParts, 'sitesPaint'>): Layer {
  return {
    id: 'sites',
    type: 'circle',
    source: SOURCE_ID,
    'source-layer': SITES_LAYER.name,
    minzoom: SITES_LAYER.minzoom,
    paint: parts.sitesPaint,
  };
}

/** The sites' ring colour (surveyed positions; the web style lightens the derived ones). */
export const SITE_COLOUR = '#08306b';
/**
 * Sites are hollow rings: the choropleth under them stays readable, and a ring over a dark class still shows
 * (navy on the palette's reds, yellows and greys).
 */
export const SITE_RING = {
  'circle-color': SITE_COLOUR,
  'circle-opacity': 0,
  'circle-stroke-color': SITE_COLOUR,
  'circle-stroke-width': 1.5,
} as const;
/** The lines drawn over the no-data grey (`NO_DATA_COLOUR`) on the web map and in its legend. */
export const NO_DATA_HATCH = '#6e6e6e';
