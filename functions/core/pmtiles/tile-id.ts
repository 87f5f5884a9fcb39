/**
 * PMTiles v3 tile ids: one number per (z, x, y), counting every tile of the lower zooms first, then the
 * position of (x, y) along the Hilbert curve of zoom z (spec/v3/spec.md, "TileID"). Tiles near each other on
 * the map get ids near each other, which keeps a clustered archive's directories small.
 */

/** Highest zoom whose ids stay exact in a JavaScript number (as the reference implementation says). */
export const MAX_TILE_ID_ZOOM = 26;

/** The tile id of z/x/y: (4^z − 1) / 3 tiles on lower zooms, plus the Hilbert index of (x, y) at zoom z. */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ID_ZOOM) throw new RangeError(`zoom ${z} out of range`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n)
    throw new RangeError(`tile ${z}/${x}/${y} outside its zoom`);
  let id = (n * n - 1) / 3;
  let tx = x;
  let ty = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) !== 0 ? 1 : 0;
    const ry = (ty & s) !== 0 ? 1 : 0;
    id += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so that the curve inside it runs the same way as the whole (Hilbert's construction).
    if (ry === 0) {
      [tx, ty] = rx === 1 ? [s - 1 - (ty % s), s - 1 - (tx % s)] : [ty % s, tx % s];
    } else {
      tx %= s;
      ty %= s;
    }
  }
  return id;
}
