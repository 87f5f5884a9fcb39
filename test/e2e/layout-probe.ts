import type { Frame, Page } from 'playwright-core';

/** A rect in the page's (or frame's) viewport pixels. */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What a visitor sees of a fitted view: a box on screen, the map's rect, and the overlays drawn over it. */
export interface FitReport {
  box: ScreenRect;
  map: ScreenRect;
  zoom: number;
  overlays: { name: string; rect: ScreenRect }[];
}

/** The overlays a visitor sees over the map, by name (what hides part of it when it overlaps). */
const OVERLAYS: Record<string, string> = {
  legend: '#legend',
  'legend button': '.legend-toggle',
  'round bar': '.embed-bar',
  'full-map link': '.full-map',
  'zoom buttons': '.maplibregl-ctrl-group',
  scale: '.maplibregl-ctrl-scale',
  attribution: '.maplibregl-ctrl-attrib',
  'area panel': '.area-panel',
};

/** Waits until the map has stopped moving and drawn what it shows. */
export async function settled(page: Page | Frame): Promise<void> {
  await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  await page.evaluate(async () => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    // Twice: a refit for an overlay that grew (the credit line) starts after the first idle.
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      if (map.isMoving() || !map.loaded() || !map.areTilesLoaded())
        await new Promise((resolve) => map.once('idle', resolve));
    }
  });
}

/** Projects `bbox` (west, south, east, north) to the screen and measures every overlay shown over the map. */
export async function fitReport(
  page: Page | Frame,
  bbox: [number, number, number, number],
): Promise<FitReport> {
  return page.evaluate(
    ({ bbox, overlays }) => {
      const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
      const frame = map.getContainer().getBoundingClientRect();
      const sw = map.project([bbox[0], bbox[1]]);
      const ne = map.project([bbox[2], bbox[3]]);
      const rect = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      const shown = Object.entries(overlays).flatMap(([name, selector]) =>
        [...document.querySelectorAll(selector)]
          .map((element) => ({ name, rect: rect(element.getBoundingClientRect()) }))
          .filter(({ rect }) => rect.right > rect.left && rect.bottom > rect.top),
      );
      return {
        box: {
          left: frame.left + sw.x,
          top: frame.top + ne.y,
          right: frame.left + ne.x,
          bottom: frame.top + sw.y,
        },
        map: rect(frame),
        zoom: map.getZoom(),
        overlays: shown,
      };
    },
    { bbox, overlays: OVERLAYS },
  );
}

/** Whether two rects overlap (by more than a pixel: anti-aliased edges may touch). */
export function overlap(a: ScreenRect, b: ScreenRect): boolean {
  return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
}

/** The names of the overlays that hide part of the box (those over the map only). */
export function hiding(report: FitReport): string[] {
  return report.overlays
    .filter(({ rect }) => overlap(rect, report.map) && overlap(rect, report.box))
    .map(({ name }) => name);
}

/** Whether the box lies inside the map and fills a fair part of it (a fit, not a speck). */
export function fillsMap(report: FitReport): boolean {
  const { box, map } = report;
  const inside =
    box.left >= map.left - 1 &&
    box.right <= map.right + 1 &&
    box.top >= map.top - 1 &&
    box.bottom <= map.bottom + 1;
  const share = Math.max(
    (box.right - box.left) / (map.right - map.left),
    (box.bottom - box.top) / (map.bottom - map.top),
  );
  return inside && share > 0.45;
}

/** The bounding box of one area, from the service's GeoJSON download. */
export async function areaBox(
  origin: string,
  pcode: string,
  level = 'adm1',
  round = '72',
): Promise<[number, number, number, number]> {
  const url = `${origin}/api/v1/datasets/mli/rounds/${round}/figures.geojson?level=${level}`;
  const collection = (await (await fetch(url)).json()) as {
    features: { properties: { pcode: string }; geometry: { coordinates: unknown } }[];
  };
  const feature = collection.features.find((f) => f.properties.pcode === pcode);
  if (!feature) throw new Error(`${pcode} is not in ${url}`);
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1] as number);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1] as number);
    } else for (const part of c) walk(part);
  };
  walk(feature.geometry.coordinates);
  return box;
}

/** The country's extent, as the round's TileJSON gives it. */
export async function countryBox(origin: string, round = '72'): Promise<[number, number, number, number]> {
  const tileJson = (await (await fetch(`${origin}/tiles/mli/${round}/tiles.json`)).json()) as {
    bounds: [number, number, number, number];
  };
  return tileJson.bounds;
}
