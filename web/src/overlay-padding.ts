/** A rectangle in pixels, relative to the map's container. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Padding for `fitBounds`, in pixels. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Everything drawn over the map that must not hide the area fitted: the legend and its disclosure button,
 * the embed's round bar and full-map link, MapLibre's controls (zoom buttons, scale, attribution) and, on a phone, the area
 * panel's bottom sheet. Each is measured at run time, so a longer credit line or a French legend is kept
 * clear as well as the English one.
 */
const OVERLAYS = '#legend, .legend-toggle, .embed-bar, .full-map, .maplibregl-ctrl, .area-panel';

/** The most overlays weighed at once (4^n side choices); the largest are kept. */
const MOST = 7;

/** Every overlay element, shown or not (to observe their sizes). */
export function overlayElements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(OVERLAYS)];
}

/**
 * The rects of the overlays shown over `container` (relative to it). An overlay outside the map, such as the
 * legend below the map on a phone, takes nothing from it and is left out.
 */
export function overlayRects(container: HTMLElement): Rect[] {
  const frame = container.getBoundingClientRect();
  const rects: Rect[] = [];
  for (const element of overlayElements()) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const rect = {
      left: box.left - frame.left,
      top: box.top - frame.top,
      right: box.right - frame.left,
      bottom: box.bottom - frame.top,
    };
    if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= frame.width || rect.top >= frame.height) continue;
    rects.push(rect);
  }
  return rects;
}

/**
 * The padding that leaves the largest view of a box of `box` proportions (its width and height in pixels at
 * any zoom) while keeping every overlay outside the padded area: each overlay is cleared by padding the side
 * of the map it is nearer to in effect (left, right, top or bottom), and every combination is weighed, so a
 * tall legend at the bottom left pads the left of a wide map but the bottom of a tall one. `margin` is kept
 * between the box and the map's edges and overlays. Falls back to the margin alone when no combination
 * leaves room (a map smaller than its overlays).
 */
export function paddingFor(
  size: { width: number; height: number },
  box: { width: number; height: number },
  overlays: Rect[],
  margin = 12,
): Padding {
  const base: Padding = { top: margin, right: margin, bottom: margin, left: margin };
  const kept = [...overlays].sort((a, b) => area(b) - area(a)).slice(0, MOST);
  const boxWidth = Math.max(box.width, 1);
  const boxHeight = Math.max(box.height, 1);
  let best = base;
  let bestScale = 0;
  for (let choice = 0; choice < 4 ** kept.length; choice++) {
    const padding = { ...base };
    let rest = choice;
    for (const rect of kept) {
      clear(padding, rect, rest % 4, size, margin);
      rest = Math.floor(rest / 4);
    }
    const scale = Math.min(
      (size.width - padding.left - padding.right) / boxWidth,
      (size.height - padding.top - padding.bottom) / boxHeight,
    );
    if (scale > bestScale) {
      best = padding;
      bestScale = scale;
    }
  }
  return best;
}

/** Whether two rects overlap by more than `tolerance` pixels. */
export function overlaps(a: Rect, b: Rect, tolerance = 1): boolean {
  return (
    a.left < b.right - tolerance &&
    b.left < a.right - tolerance &&
    a.top < b.bottom - tolerance &&
    b.top < a.bottom - tolerance
  );
}

function clear(
  padding: Padding,
  rect: Rect,
  side: number,
  size: { width: number; height: number },
  margin: number,
) {
  if (side === 0) padding.left = Math.max(padding.left, rect.right + margin);
  else if (side === 1) padding.right = Math.max(padding.right, size.width - rect.left + margin);
  else if (side === 2) padding.top = Math.max(padding.top, rect.bottom + margin);
  else padding.bottom = Math.max(padding.bottom, size.height - rect.top + margin);
}

function area(rect: Rect): number {
  return (rect.right - rect.left) * (rect.bottom - rect.top);
}
