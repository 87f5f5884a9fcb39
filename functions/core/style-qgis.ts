import { NO_DATA_COLOUR, ZERO_COLOUR } from './classes.ts';
import {
  buildStyleWith,
  fillPaint,
  type Layer,
  SITE_RING,
  type StyleFlavorParts,
  type StyleInput,
} from './style-layers.ts';

/**
 * The QGIS flavour: QGIS's MapLibre style converter skips data expressions (such as `step` inside paint
 * properties) and has no feature state, so each class is its own layer with a legacy filter and a constant
 * colour, borders have a constant width, only région names are labelled, and sites are rings of one size. An area
 * without the chosen figure (no row, or a row without it) matches the no-data layer (`!has`) and no other: the
 * zero and class filters all need the figure. No data is the web map's hatch's base grey, solid: the converter
 * reads `fill-pattern` only from a sprite, and the style has none.
 */
export const QGIS_PARTS: StyleFlavorParts = {
  fillLayers: (layer, base, indicator, classes) => {
    const result: Layer[] = [
      {
        id: `${layer.name}-fill-no-data`,
        ...base,
        filter: ['!has', indicator],
        paint: fillPaint(NO_DATA_COLOUR),
      },
    ];
    if (indicator !== 'idps_ind_change') {
      result.push({
        id: `${layer.name}-fill-zero`,
        ...base,
        filter: ['==', indicator, 0],
        paint: fillPaint(ZERO_COLOUR),
      });
    }
    classes.forEach((entry, i) => {
      const filter: unknown[] = ['all', ['has', indicator]];
      if (entry.from !== undefined) filter.push(['>=', indicator, entry.from]);
      if (entry.to !== undefined) filter.push(['<', indicator, entry.to]);
      result.push({ id: `${layer.name}-fill-${i + 1}`, ...base, filter, paint: fillPaint(entry.colour) });
    });
    return result;
  },
  lineWidth: (width) => width,
  labelFilter: ['==', 'level', 'adm1'],
  // QGIS's converter reads legacy `{field}` tokens only (no coalesce): the boundary set's own name.
  labelText: () => '{name}',
  // Hollow rings of one size: QGIS's converter drops data expressions such as the web's sized radius.
  sitesPaint: { 'circle-radius': 4, ...SITE_RING },
};

/** The style QGIS's converter renders (`flavor=qgis`), with the web style's layers, classes and colours. */
export function buildQgisStyle(input: StyleInput): Record<string, unknown> {
  return buildStyleWith(input, QGIS_PARTS);
}
