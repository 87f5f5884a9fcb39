import type * as maplibregl from 'maplibre-gl';
import { LEVELS } from './api.ts';
import type { CompareView } from './compare-state.ts';
import { TILE_MIN_ZOOM } from './map-style.ts';

/** The image id of the "not the same ground" pattern (areas across a crosswalk that are not one area). */
export const NOT_SAME_PATTERN = 'dtm-not-same-ground';

/** Side of the pattern tile in pixels. */
const SIZE = 8;
/** White ground with dark lines both ways: unlike the no-data hatch (grey, one way) and every class colour. */
const GROUND: [number, number, number] = [255, 255, 255];
const LINE: [number, number, number] = [68, 68, 68];

/** The "not the same ground" cross-hatch as RGBA pixels: one drawing for the map and the legend. */
export function notSamePixels(): Uint8ClampedArray<ArrayBuffer> {
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const onLine = (x + y) % SIZE === 0 || (x - y + SIZE) % SIZE === 0;
      data.set([...(onLine ? LINE : GROUND), 255], (y * SIZE + x) * 4);
    }
  }
  return data;
}

/** Adds the pattern to the map's style if a style change dropped it (called before every paint). */
export function ensureNotSamePattern(map: maplibregl.Map): void {
  if (!map.hasImage(NOT_SAME_PATTERN)) {
    map.addImage(NOT_SAME_PATTERN, { width: SIZE, height: SIZE, data: notSamePixels() });
  }
}

/** The pattern as a CSS background (a PNG data URL; the CSP allows `data:` images), for the legend's swatch. */
export function notSameBackground(): string {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.getContext('2d')?.putImageData(new ImageData(notSamePixels(), SIZE, SIZE), 0, 0);
  return `url("${canvas.toDataURL('image/png')}")`;
}

/**
 * Across a crosswalk only its level is compared, so the map shows that level at every zoom while the
 * comparison is on (a finer level pinned or reached by zooming would show one round's figures under the
 * comparison's legend): finer fills and hatches hidden, the level's fill drawn from its tiles' first zoom
 * on, names of that level only. Leaving compare mode re-applies the page's style, which undoes all of it.
 */
export function showCrossedLevel(map: maplibregl.Map, view: CompareView): void {
  const level = view.crossed?.level;
  if (!level) return;
  for (const other of LEVELS) {
    for (const id of [`${other}-fill`, `${other}-no-data`]) {
      if (!map.getLayer(id)) continue;
      const visibility = other === level ? 'visible' : 'none';
      if (map.getLayoutProperty(id, 'visibility') !== visibility) {
        map.setLayoutProperty(id, 'visibility', visibility);
      }
      if (other === level) map.setLayerZoomRange(id, TILE_MIN_ZOOM[level], 24);
    }
  }
  const names = ['==', ['get', 'level'], level] as maplibregl.FilterSpecification;
  if (map.getLayer('labels') && JSON.stringify(map.getFilter('labels')) !== JSON.stringify(names)) {
    map.setFilter('labels', names);
  }
}
