import type { Map as MapLibreMap } from 'maplibre-gl';
import { getJson, type Level, type TileJson, urls } from './api.ts';
import { areaBounds } from './area-bounds.ts';
import type { AreaEntry } from './atlas.ts';
import { fitMap } from './map-fit.ts';

/** How close the map comes to an area of each level: a région fills the map, a commune keeps its context. */
const AREA_MAX_ZOOM: Record<Level, number> = { adm1: 6.5, adm2: 7.5, adm3: 9.5 };

/** Where the map fits an area or a country: the map, and the dataset and round whose boundaries it shows. */
export interface FitTarget {
  map: MapLibreMap;
  dataset: { id: string };
  round: { key: string };
}

/** The page's state and areas too, to fit what is selected. */
export interface SelectionTarget extends FitTarget {
  store: { state: { area?: string } };
  areas(): Promise<Map<string, AreaEntry>>;
}

/** Fits the map to the selected area, or to the country when none is selected (a state without a view). */
export async function fitSelection(target: SelectionTarget, animate = true): Promise<void> {
  const pcode = target.store.state.area;
  const area = pcode ? (await target.areas()).get(pcode) : undefined;
  if (area && (await fitArea(target, area, animate))) return;
  await fitCountry(target, animate);
}

/**
 * Moves the map to an area of the round's boundaries (`animate` false: at once). False when the round's
 * GeoJSON has no such area, so the caller can fit something else.
 */
export async function fitArea(
  target: FitTarget,
  area: { pcode: string; level: Level },
  animate = true,
): Promise<boolean> {
  const box = (await areaBounds(target.dataset.id, target.round.key, area.level)).get(area.pcode);
  if (!box) return false;
  // Clear of the legend, the controls and the attribution (issue 15, item 2).
  fitMap(target.map, box, { maxZoom: AREA_MAX_ZOOM[area.level], animate });
  return true;
}

/** Moves the map to the whole country (the bounds of the round's tiles), clear of every overlay. */
export async function fitCountry(target: FitTarget, animate = true): Promise<void> {
  const tileJson = await getJson<TileJson>(urls.tileJson(target.dataset.id, target.round.key));
  fitMap(target.map, tileJson.bounds, { animate });
}
