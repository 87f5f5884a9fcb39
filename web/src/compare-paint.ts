import type * as maplibregl from 'maplibre-gl';
import { NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import { featureIdForPcode } from '../../functions/core/feature-id.ts';
import { LEVELS, type Level } from './api.ts';
import { ensureNotSamePattern, NOT_SAME_PATTERN, showCrossedLevel } from './compare-crosswalk-paint.ts';
import type { LevelChange } from './compare-data.ts';
import type { CompareView } from './compare-state.ts';
import { NO_DATA_PATTERN } from './no-data-pattern.ts';

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
 * (a filter cannot read feature-state, so it lists their P-codes); across a crosswalk, the same layer draws the
 * areas that are not the same ground in their own pattern, and only the crosswalk's level is shown. Idempotent: the page calls it after every
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
    if (map.getLayer(`${level}-no-data`)) hatch(map, level, change);
  }
  showCrossedLevel(map, view);
}

/** The hatch over the areas without a figure in one round, and the "not the same ground" pattern. */
function hatch(map: maplibregl.Map, level: Level, change: LevelChange): void {
  const id = `${level}-no-data`;
  const partial = change.partial ?? [];
  const codes = [...change.missing, ...partial];
  const filter = ['in', ['get', 'pcode'], ['literal', codes]] as maplibregl.FilterSpecification;
  if (JSON.stringify(map.getFilter(id)) !== JSON.stringify(filter)) map.setFilter(id, filter);
  if (partial.length === 0) return;
  ensureNotSamePattern(map);
  const pattern = ['case', ['in', ['get', 'pcode'], ['literal', partial]], NOT_SAME_PATTERN, NO_DATA_PATTERN];
  if (JSON.stringify(map.getPaintProperty(id, 'fill-pattern')) !== JSON.stringify(pattern)) {
    map.setPaintProperty(id, 'fill-pattern', pattern as maplibregl.ExpressionSpecification);
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
