import { type LegendClass, NO_DATA_COLOUR, ZERO_COLOUR } from './classes.ts';
import type { Indicator } from './indicators.ts';
import {
  buildStyleWith,
  fillPaint,
  SITE_COLOUR,
  SITE_STROKE,
  type StyleFlavorParts,
  type StyleInput,
} from './style-layers.ts';
import { DISPLAY_ZOOMS } from './tileset.ts';

/** The web flavour: one fill layer per level, coloured by data expressions, with a hover outline. */
export const WEB_PARTS: StyleFlavorParts = {
  fillLayers: (layer, base, indicator, classes) => [
    {
      id: `${layer.name}-fill`,
      ...base,
      metadata: { 'dtm-atlas:level': layer.level },
      paint: fillPaint(fillColour(indicator, classes)),
    },
  ],
  // Hover outline through feature-state (the tiles carry a numeric id per area).
  lineWidth: (width) => ['case', ['boolean', ['feature-state', 'hover'], false], 3, width],
  // Each level's labels only while that level is the one coloured.
  labelFilter: [
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
  labelText: ['get', 'name'],
  sitesPaint: {
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
    'circle-color': ['match', ['get', 'precision'], 'gps', SITE_COLOUR, '#6a8caf'],
    'circle-opacity': 0.75,
    ...SITE_STROKE,
  },
};

/**
 * The MapLibre style the web page and any MapLibre client use: classes by `step` expressions, with "no data"
 * and "zero" as colours of their own.
 */
export function buildWebStyle(input: StyleInput): Record<string, unknown> {
  return buildStyleWith(input, WEB_PARTS);
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
