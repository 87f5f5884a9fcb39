import type * as maplibregl from 'maplibre-gl';
import { metresPerPixel } from './export-scale-bar.ts';

/** The map's pixels as drawn, its size in CSS pixels, and the ground size of a CSS pixel at its centre. */
export interface MapCapture {
  canvas: HTMLCanvasElement;
  cssWidth: number;
  cssHeight: number;
  metresPerPixel: number;
}

/** Resolves at the map's next `idle` (after every tile of the view is drawn), asking for a frame. */
function settled(map: maplibregl.Map): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

/**
 * Copies what the map shows into a 2D canvas, now. The WebGL canvas keeps no copy of its pixels between
 * frames (no `preserveDrawingBuffer`, which would slow every frame), so the map is drawn synchronously and
 * copied before the browser composites it.
 */
export function copyMap(map: maplibregl.Map, target: HTMLCanvasElement): void {
  const source = map.getCanvas();
  target.width = source.width;
  target.height = source.height;
  map.redraw();
  target.getContext('2d')?.drawImage(source, 0, 0);
}

/**
 * The map as shown (selection outline, hatch and sites included) at `ratio` device pixels per CSS pixel: the
 * map is redrawn at that ratio (its tiles are vector, so 2× is sharp, not scaled up) and set back after.
 */
export async function captureMap(map: maplibregl.Map, ratio: number): Promise<MapCapture> {
  const previous = map.getPixelRatio();
  if (previous !== ratio) map.setPixelRatio(ratio);
  await settled(map);
  const canvas = document.createElement('canvas');
  try {
    copyMap(map, canvas);
  } finally {
    if (previous !== ratio) map.setPixelRatio(previous);
  }
  const container = map.getContainer();
  return {
    canvas,
    cssWidth: container.clientWidth,
    cssHeight: container.clientHeight,
    metresPerPixel: metresPerPixel(map.getCenter().lat, map.getZoom()),
  };
}
