/**
 * The exported map's scale bar, computed from the map's zoom and latitude (pure: no DOM, no map object).
 * MapLibre's world is 512 pixels wide at zoom 0 (Web Mercator), so a CSS pixel covers
 * `EARTH_CIRCUMFERENCE × cos(latitude) / (512 × 2^zoom)` metres.
 */

/** The equator's length in metres (WGS 84), as Web Mercator uses it. */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

/** Metres covered by one CSS pixel of the map at `latitude` (degrees) and `zoom`. */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A scale bar: its length in the drawing's units and its label ("50 km", "500 m"). */
export interface ScaleBar {
  length: number;
  metres: number;
  label: string;
}

/**
 * The longest round distance (1, 2, 3 or 5 × 10ⁿ metres) whose bar fits in `maxLength` units, given how many
 * metres one unit covers. Kilometres from 1 km up, as MapLibre's own scale control words it.
 */
export function scaleBar(metresPerUnit: number, maxLength: number): ScaleBar {
  const maxMetres = metresPerUnit * maxLength;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const step = [5, 3, 2, 1].find((factor) => factor * power <= maxMetres) ?? 1;
  const metres = step * power;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { length: metres / metresPerUnit, metres, label };
}
