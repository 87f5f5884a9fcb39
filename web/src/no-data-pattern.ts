import type * as maplibregl from 'maplibre-gl';
import type { Legend } from './api.ts';

/** The image id the no-data layers' `fill-pattern` names; the page draws it, no sprite is fetched. */
export const NO_DATA_PATTERN = 'dtm-no-data-hatch';

/** Side of the pattern tile in pixels; the hatch lines repeat every `SIZE / 2` pixels. */
const SIZE = 8;

/**
 * The no-data hatch as RGBA pixels: the legend's no-data grey with diagonal lines of its hatch colour (lines
 * run bottom-left to top-right and join across tiles). One drawing for the map and the legend, so both look
 * the same.
 */
export function hatchPixels(
  noData: Pick<Legend['noData'], 'colour' | 'hatch'>,
): Uint8ClampedArray<ArrayBuffer> {
  const base = rgb(noData.colour);
  const line = rgb(noData.hatch);
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const onLine = (x + y) % (SIZE / 2) === 0;
      data.set([...(onLine ? line : base), 255], (y * SIZE + x) * 4);
    }
  }
  return data;
}

/** Registers the hatch with the map now and whenever a style change drops it. */
export function provideNoDataPattern(map: maplibregl.Map, legend: () => Legend | undefined): void {
  const add = () => {
    const noData = legend()?.noData;
    if (!noData?.hatch || map.hasImage(NO_DATA_PATTERN)) return;
    map.addImage(NO_DATA_PATTERN, { width: SIZE, height: SIZE, data: hatchPixels(noData) });
  };
  map.on('styleimagemissing', (event: { id: string }) => {
    if (event.id === NO_DATA_PATTERN) add();
  });
  map.on('styledata', add);
  add();
}

/** The hatch as a CSS background (a PNG data URL; the CSP allows `data:` images), for the legend's swatch. */
export function hatchBackground(noData: Pick<Legend['noData'], 'colour' | 'hatch'>): string {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.getContext('2d')?.putImageData(new ImageData(hatchPixels(noData), SIZE, SIZE), 0, 0);
  return `url("${canvas.toDataURL('image/png')}")`;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
