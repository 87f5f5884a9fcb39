import type * as maplibregl from 'maplibre-gl';
import { NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import { featureIdForPcode } from '../../functions/core/feature-id.ts';
import { LEVELS, type Level } from './api.ts';
import type { LevelChange } from './compare-data.ts';
import type { CompareView } from './compare-state.ts';

/** The style's vector source (core/style-layers.ts `SOURCE_ID`; not imported, to keep the bundle small). */
const SOURCE_ID = 'dtm';

/** The feature-state key holding an area's class in compare mode (-1: a figure missing in one round). */
export const COMPARE_CLASS = 'compareClass';
/** The feature-state key holding an area's difference (later − earlier), for tests and the curious. */
export const COMPARE_DIFF = 'compareDiff';

/**
 * Paints a comparison on the map: each area's class goes in its feature-state (tile features carry the
 * numeric id of their P-code, `core/feature-id.ts`), each level's fill reads it through a `match` on the
 * level's own diverging classes, and the no-data hatch covers exactly the areas without a figure in one round
 * (a filter cannot read feature-state, so it lists their P-codes). Idempotent: the page calls it after every
 * style change, which resets paint and, with a new round's source, feature-state.
 */
export function paintCompare(map: maplibregl.Map, view: CompareView): void {
  for (const level of LEVELS) {
    const change = view.levels[level];
    if (!change || !map.getLayer(`${level}-fill`)) continue;
    for (const area of change.areas.values()) {
      map.setFeatureState(
        { source: SOURCE_ID, sourceLayer: level, id: featureIdForPcode(area.pcode) },
        { [COMPARE_CLASS]: area.cls, [COMPARE_DIFF]: area.diff ?? null },
      );
    }
    const colour = compareFillColour(change);
    if (JSON.stringify(map.getPaintProperty(`${level}-fill`, 'fill-color')) !== JSON.stringify(colour)) {
      map.setPaintProperty(`${level}-fill`, 'fill-color', colour as maplibregl.ExpressionSpecification);
    }
    if (map.getLayer(`${level}-no-data`)) {
      const filter = ['in', ['get', 'pcode'], ['literal', change.missing]] as maplibregl.FilterSpecification;
      if (JSON.stringify(map.getFilter(`${level}-no-data`)) !== JSON.stringify(filter)) {
        map.setFilter(`${level}-no-data`, filter);
      }
    }
  }
}

/** Clears the comparison's feature-state (the style itself is put back by re-applying the page's style). */
export function clearCompare(map: maplibregl.Map, levels: readonly Level[]): void {
  if (!map.getSource(SOURCE_ID)) return;
  for (const level of levels) map.removeFeatureState({ source: SOURCE_ID, sourceLayer: level });
}

/** A level's fill in compare mode: its class's colour, grey where a figure is missing (under the hatch). */
export function compareFillColour(change: Pick<LevelChange, 'classes'>): unknown {
  if (change.classes.length === 0) return NO_DATA_COLOUR;
  const cases = change.classes.flatMap((entry, index) => [index, entry.colour]);
  return ['match', ['coalesce', ['feature-state', COMPARE_CLASS], -1], ...cases, NO_DATA_COLOUR];
}
