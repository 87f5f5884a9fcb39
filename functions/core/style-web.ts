import { LOCAL_NAME_PREFIX } from './area-properties.ts';
import { type LegendClass, NO_DATA_COLOUR, ZERO_COLOUR } from './classes.ts';
import type { MapIndicator } from './reason-indicators.ts';
import {
  buildStyleWith,
  fillPaint,
  SITE_COLOUR,
  SITE_RING,
  type StyleFlavorParts,
  type StyleInput,
} from './style-layers.ts';
import { DISPLAY_ZOOMS } from './tileset.ts';

/** The ring of a site whose position is its commune's, not surveyed. */
export const SITE_DERIVED_COLOUR = '#4a78a8';

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
  // The name in the page's language where the boundaries have it (Haiti: "West" / "Ouest"), else the boundary
  // set's own (`name_<lang>` tile fields, core/area-properties.ts).
  labelText: (lang) => ['coalesce', ['get', `${LOCAL_NAME_PREFIX}${lang}`], ['get', 'name']],
  sitesPaint: {
    ...SITE_RING,
    // Ring area grows with IDPs (radius with the square root), kept small: 2.5 px for an empty site, 7 px at
    // 10,000 IDPs, 12 px at 90,000, so rings sit inside most communes without covering them.
    'circle-radius': [
      'interpolate',
      ['linear'],
      ['sqrt', ['coalesce', ['get', 'idps_ind'], 0]],
      0,
      2.5,
      100,
      7,
      300,
      12,
    ],
    // Positions derived from the commune (`admin3`) in a lighter ring than surveyed (`gps`) ones.
    'circle-stroke-color': ['match', ['get', 'precision'], 'gps', SITE_COLOUR, SITE_DERIVED_COLOUR],
  },
};

/**
 * The MapLibre style the web page and any MapLibre client use: classes by `step` expressions, with "no data"
 * (any area without the chosen figure) and "zero" as colours of their own.
 */
export function buildWebStyle(input: StyleInput): Record<string, unknown> {
  return buildStyleWith(input, WEB_PARTS);
}

/**
 * The fill colour of an area: the no-data colour wherever the area lacks the indicator (no row for it, or a
 * row without this figure; a `step` on a missing value would fall back to black), then the classes by `step`:
 * counts start at the zero colour, change at its lowest class.
 */
export function fillColour(indicator: MapIndicator, classes: readonly LegendClass[]): unknown {
  const value = ['get', indicator];
  const change = indicator === 'idps_ind_change';
  const [first, ...rest] = classes;
  const stops = change ? rest : classes;
  const steps: unknown[] = ['step', value, (change ? first?.colour : undefined) ?? ZERO_COLOUR];
  for (const entry of stops) steps.push(entry.from ?? 0, entry.colour);
  return [
    'case',
    ['!=', ['typeof', value], 'number'],
    NO_DATA_COLOUR,
    classes.length > 0 ? steps : ZERO_COLOUR,
  ];
}
