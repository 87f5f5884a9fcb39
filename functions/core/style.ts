import { classBreaks, type LegendClass, legendClasses, NO_DATA_COLOUR, ZERO_COLOUR } from './classes.ts';
import { INDICATORS, type Language } from './indicators.ts';
import { AREA_LAYERS, DISPLAY_ZOOMS } from './tileset.ts';
import type { DatasetMeta, FigureKey, RoundMeta } from './types.ts';

/** Legend of a choropleth, carried in the style's metadata so every client draws the same one. */
export interface Legend {
  indicator: FigureKey;
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
  indicator: FigureKey;
  lang: Language;
  /** Values of the indicator per level, for class breaks. */
  valuesByLevel: Record<string, number[]>;
}

const LABELS = {
  en: { zero: 'Zero reported', noData: 'No data' },
  fr: { zero: 'Zéro signalé', noData: 'Pas de données' },
};

/**
 * A MapLibre style for one round and indicator: one fill layer per admin level (switching with zoom at
 * `DISPLAY_ZOOMS`), class colours by `step`, "no data" and "zero" as their own colours, and borders. No glyphs
 * or sprites are needed, so the style works offline and in any MapLibre client.
 */
export function buildStyle(input: StyleInput): Record<string, unknown> {
  const { dataset, round, indicator, lang } = input;
  const legend: Legend = {
    indicator,
    title: INDICATORS[indicator][lang],
    classes: {},
    zero: { label: LABELS[lang].zero, colour: ZERO_COLOUR },
    noData: { label: LABELS[lang].noData, colour: NO_DATA_COLOUR },
    source: `${round.source.title}, ${round.date}`,
  };
  const layers: Record<string, unknown>[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2f5' } },
  ];
  for (const layer of AREA_LAYERS) {
    const classes = legendClasses(classBreaks(input.valuesByLevel[layer.name] ?? []));
    legend.classes[layer.name] = classes;
    const [minzoom, maxzoom] = DISPLAY_ZOOMS[layer.name];
    layers.push({
      id: `${layer.name}-fill`,
      type: 'fill',
      source: 'dtm',
      'source-layer': layer.name,
      minzoom,
      maxzoom,
      metadata: { 'dtm-atlas:level': layer.level },
      paint: { 'fill-color': fillColour(indicator, classes), 'fill-opacity': 0.85 },
    });
  }
  for (const layer of AREA_LAYERS) {
    const [minzoom] = DISPLAY_ZOOMS[layer.name];
    layers.push({
      id: `${layer.name}-line`,
      type: 'line',
      source: 'dtm',
      'source-layer': layer.name,
      minzoom,
      paint: {
        'line-color': layer.level === 1 ? '#333333' : '#6b6b6b',
        // Hover outline through feature-state: the tiles carry a numeric id per area.
        'line-width': [
          'case',
          ['boolean', ['feature-state', 'hover'], false],
          3,
          layer.level === 1 ? 1.2 : 0.5,
        ],
      },
    });
  }
  return {
    version: 8,
    name: `${dataset.name}: ${INDICATORS[indicator][lang]}, ${round.source.title}`,
    metadata: { 'dtm-atlas:legend': legend, 'dtm-atlas:round': round.key, 'dtm-atlas:dataset': dataset.id },
    sources: { dtm: { type: 'vector', url: input.tileJsonUrl, attribution: dataset.attribution } },
    layers,
  };
}

/** `no_data` first, then zero, then the classes by `step`. */
function fillColour(indicator: FigureKey, classes: LegendClass[]): unknown {
  const steps: unknown[] = ['step', ['get', indicator], ZERO_COLOUR];
  for (const entry of classes) steps.push(entry.from, entry.colour);
  return [
    'case',
    ['==', ['get', 'status'], 'no_data'],
    NO_DATA_COLOUR,
    classes.length > 0 ? steps : ZERO_COLOUR,
  ];
}
