/** Web Mercator in unit square coordinates (x, y in [0, 1], y down), the space tiles are cut in. */
export function lonLatToUnit(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return [lon / 360 + 0.5, y];
}

/** Bounding box [west, south, east, north] of a tile. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (px: number) => (px / n) * 360 - 180;
  const lat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** Tiles of zoom `z` that a lon/lat bounding box touches. */
export function tilesCovering(
  bbox: readonly [number, number, number, number],
  z: number,
): Array<[number, number]> {
  const n = 2 ** z;
  const [x0, y1] = lonLatToUnit(bbox[0], bbox[1]);
  const [x1, y0] = lonLatToUnit(bbox[2], bbox[3]);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  const tiles: Array<[number, number]> = [];
  for (let x = clamp(x0); x <= clamp(x1); x++)
    for (let y = clamp(y0); y <= clamp(y1); y++) tiles.push([x, y]);
  return tiles;
}
