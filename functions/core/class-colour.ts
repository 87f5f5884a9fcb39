import { type LegendClass, NO_DATA_COLOUR, ZERO_COLOUR } from './classes.ts';
import type { Indicator } from './indicators.ts';

/**
 * The colour the web style paints an area with, worked out in code rather than by a MapLibre expression (for
 * images drawn on the server): the same rule as `fillColour` in style-web.ts. No number is no data; counts
 * start at the zero colour and take the colour of the last class whose `from` they reach; a change starts at
 * its lowest class.
 */
export function classColour(indicator: Indicator, classes: readonly LegendClass[], value: unknown): string {
  if (typeof value !== 'number') return NO_DATA_COLOUR;
  if (classes.length === 0) return ZERO_COLOUR;
  const change = indicator === 'idps_ind_change';
  const [first, ...rest] = classes;
  let colour = (change ? first?.colour : undefined) ?? ZERO_COLOUR;
  for (const entry of change ? rest : classes) if (value >= (entry.from ?? 0)) colour = entry.colour;
  return colour;
}
