import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  overlaps,
  overlayElements,
  overlayRects,
  type Padding,
  paddingFor,
  type Rect,
} from './overlay-padding.ts';

/** West, south, east, north. */
export type Box = [number, number, number, number];

/** Refits for overlay changes allowed per fit (see `#refit`). */
const REFITS = 4;

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
  /** Refits for overlay changes left before the next fit or resize. */
  #budget = REFITS;

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
    this.#budget = REFITS;
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
    const plan = this.#plan();
    if (!target || !plan) return;
    this.#settling = true;
    this.#camera = undefined;
    // maxZoom only when set: an explicit undefined would override the map's own and give a NaN zoom.
    const limit = target.maxZoom === undefined ? {} : { maxZoom: target.maxZoom };
    map.fitBounds(target.box, { padding: plan.padding, animate, ...limit });
    // fitBounds does not move (nor fire moveend) when the camera is already there.
    if (!map.isMoving()) {
      this.#settling = false;
      this.#camera = this.#cameraKey();
    }
  }

  /**
   * The padding for the overlays as they are now, the box on screen, and how much larger the box could be
   * drawn with that padding (1: it fills the room already).
   */
  #plan(): { padding: Padding; box: Rect; growth: number } | undefined {
    const target = this.#target;
    if (!target) return undefined;
    const map = this.#map;
    const container = map.getContainer();
    const size = { width: container.clientWidth, height: container.clientHeight };
    if (size.width === 0 || size.height === 0) return undefined;
    const [west, south, east, north] = target.box;
    const sw = map.project([west, south]);
    const ne = map.project([east, north]);
    const box: Rect = { left: sw.x, top: ne.y, right: ne.x, bottom: sw.y };
    const width = Math.max(box.right - box.left, 1);
    const height = Math.max(box.bottom - box.top, 1);
    const padding = paddingFor(size, { width, height }, overlayRects(container));
    const growth = Math.min(
      (size.width - padding.left - padding.right) / width,
      (size.height - padding.top - padding.bottom) / height,
    );
    return { padding, box, growth };
  }

  /**
   * On a resized map, always. On an overlay resized (the credit line arriving or folding, the legend of
   * another level, the phone's area sheet): when it now covers part of the box, or when the box could be
   * drawn a good deal larger; a few times per fit at most, so legends that differ by level cannot make the
   * map hop between zooms.
   */
  #refit(resized: boolean): void {
    if (!this.fitted || this.#map.isMoving()) return;
    if (resized) {
      this.#budget = REFITS;
      this.#apply(false);
      return;
    }
    const plan = this.#plan();
    if (!plan || this.#budget <= 0) return;
    const covered = overlayRects(this.#map.getContainer()).some((rect) => overlaps(rect, plan.box));
    const maxed = this.#target?.maxZoom !== undefined && this.#map.getZoom() >= this.#target.maxZoom - 0.01;
    if (covered || (plan.growth > 1.05 && !maxed)) {
      this.#budget--;
      this.#apply(false);
    }
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
