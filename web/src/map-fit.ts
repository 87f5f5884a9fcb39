import type { Map as MapLibreMap } from 'maplibre-gl';
import { overlaps, overlayElements, overlayRects, paddingFor, type Rect } from './overlay-padding.ts';

/** West, south, east, north. */
export type Box = [number, number, number, number];

interface Target {
  box: Box;
  maxZoom?: number;
}

/**
 * Fits boxes (the country, a selected area) into the part of the map no overlay hides, and keeps them fitted:
 * while the camera is still where the last fit left it, a resized map, or an overlay that grew over the box
 * (the credit line arriving, the legend of another level, the phone's area sheet), fits the box again. Any
 * other move (a drag, a zoom, a view from the hash) ends that.
 */
class Fitter {
  readonly #map: MapLibreMap;
  readonly #observer: ResizeObserver;
  #target: Target | undefined;
  /** The camera the last fit left, as `zoom/lat/lng`; undefined while a fit is under way. */
  #camera: string | undefined;
  #settling = false;

  constructor(map: MapLibreMap) {
    this.#map = map;
    this.#observer = new ResizeObserver(() => this.#refit(false));
    map.on('resize', () => this.#refit(true));
    map.on('moveend', () => {
      if (!this.#settling) return;
      this.#settling = false;
      this.#camera = this.#cameraKey();
    });
  }

  /** Fits `box` with room for every overlay; `animate` false jumps there at once. */
  fit(box: Box, options: { maxZoom?: number; animate?: boolean } = {}): void {
    this.#target = { box, maxZoom: options.maxZoom };
    for (const element of overlayElements()) this.#observer.observe(element);
    this.#apply(options.animate ?? false);
  }

  /** Whether the camera is still the one the last fit left. */
  get fitted(): boolean {
    return this.#target !== undefined && this.#camera === this.#cameraKey();
  }

  #apply(animate: boolean): void {
    const map = this.#map;
    const target = this.#target;
    if (!target) return;
    const [west, south, east, north] = target.box;
    const canvas = map.getContainer();
    const size = { width: canvas.clientWidth, height: canvas.clientHeight };
    if (size.width === 0 || size.height === 0) return;
    const sw = map.project([west, south]);
    const ne = map.project([east, north]);
    const box = { width: Math.abs(ne.x - sw.x), height: Math.abs(sw.y - ne.y) };
    const padding = paddingFor(size, box, overlayRects(canvas));
    this.#settling = true;
    this.#camera = undefined;
    // maxZoom only when set: an explicit undefined would override the map's own and give a NaN zoom.
    const limit = target.maxZoom === undefined ? {} : { maxZoom: target.maxZoom };
    map.fitBounds(target.box, { padding, animate, ...limit });
    // fitBounds does not move (nor fire moveend) when the camera is already there.
    if (!map.isMoving()) {
      this.#settling = false;
      this.#camera = this.#cameraKey();
    }
  }

  /** On a resized map, always; on an overlay resized, when it now covers part of the box. */
  #refit(resized: boolean): void {
    if (!this.fitted || this.#map.isMoving()) return;
    if (resized || this.#covered()) this.#apply(false);
  }

  #covered(): boolean {
    const target = this.#target;
    if (!target) return false;
    const [west, south, east, north] = target.box;
    const sw = this.#map.project([west, south]);
    const ne = this.#map.project([east, north]);
    const box: Rect = { left: sw.x, top: ne.y, right: ne.x, bottom: sw.y };
    return overlayRects(this.#map.getContainer()).some((rect) => overlaps(rect, box));
  }

  #cameraKey(): string {
    const center = this.#map.getCenter();
    return `${this.#map.getZoom().toFixed(3)}/${center.lat.toFixed(5)}/${center.lng.toFixed(5)}`;
  }
}

const fitters = new WeakMap<MapLibreMap, Fitter>();

/**
 * Fits `box` on `map` clear of the legend, the controls and the attribution, and keeps it fitted on resize
 * until the view is moved otherwise.
 */
export function fitMap(
  map: MapLibreMap,
  box: Box,
  options: { maxZoom?: number; animate?: boolean } = {},
): void {
  let fitter = fitters.get(map);
  if (!fitter) {
    fitter = new Fitter(map);
    fitters.set(map, fitter);
  }
  fitter.fit(box, options);
}

/** Whether the map shows the last box fitted, as it was fitted (not moved since). */
export function isFitted(map: MapLibreMap): boolean {
  return fitters.get(map)?.fitted ?? false;
}
