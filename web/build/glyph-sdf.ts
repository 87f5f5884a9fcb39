import type { Glyph } from 'opentype.js';

/** Glyph metrics and signed distance field, in the fields of MapLibre's glyph PBF (`glyphs.proto`). */
export interface SdfGlyph {
  id: number;
  /** (width + 2·buffer) × (height + 2·buffer) bytes, 191 on the outline; empty for blank glyphs. */
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** MapLibre's conventions for server glyphs: 24 px em, a 3 px border, 8 px of distance, edge at 0.75. */
export const SDF = { fontSize: 24, buffer: 3, radius: 8, cutoff: 0.25 } as const;

/**
 * MapLibre places a server glyph `top` relative to an origin above the em box; its own TinySDF glyphs use the
 * pixel ascent minus 27.5 (glyph_manager's `topAdjustment`). Using the same offset lines labels up the same way.
 */
const TOP_ADJUSTMENT = 27;

type Segment = [number, number, number, number];

/**
 * Renders one glyph as a signed distance field computed exactly from its outline (curves flattened to short
 * segments): distance to the nearest segment, sign from the non-zero winding rule. Pure JavaScript, so the
 * build needs no canvas or native font library.
 */
export function glyphSdf(glyph: Glyph, codePoint: number, unitsPerEm: number): SdfGlyph {
  const { fontSize, buffer, radius, cutoff } = SDF;
  const advance = Math.round(((glyph.advanceWidth ?? 0) * fontSize) / unitsPerEm);
  const list = outlineSegments(glyph);
  const segments = Float64Array.from(list.flat());
  if (list.length === 0) {
    return {
      id: codePoint,
      bitmap: new Uint8Array(0),
      width: 0,
      height: 0,
      left: 0,
      top: -TOP_ADJUSTMENT,
      advance,
    };
  }
  let xMin = Number.POSITIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const [x1, y1, x2, y2] of list) {
    xMin = Math.min(xMin, x1, x2);
    xMax = Math.max(xMax, x1, x2);
    yMin = Math.min(yMin, y1, y2);
    yMax = Math.max(yMax, y1, y2);
  }
  // Pixel box in y-down coordinates with the baseline at y = 0.
  const x0 = Math.floor(xMin);
  const y0 = Math.floor(yMin);
  const width = Math.ceil(xMax) - x0;
  const height = Math.ceil(yMax) - y0;
  const w = width + 2 * buffer;
  const h = height + 2 * buffer;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const py = y0 - buffer + j + 0.5;
    for (let i = 0; i < w; i++) {
      const px = x0 - buffer + i + 0.5;
      const distance = nearestDistance(segments, px, py);
      const signed = winding(segments, px, py) !== 0 ? -distance : distance;
      const value = Math.round(255 - 255 * (signed / radius + cutoff));
      bitmap[j * w + i] = Math.max(0, Math.min(255, value));
    }
  }
  return { id: codePoint, bitmap, width, height, left: x0, top: -y0 - TOP_ADJUSTMENT, advance };
}

/** The glyph's outline at `SDF.fontSize` px as straight segments (y down, baseline at 0). */
function outlineSegments(glyph: Glyph): Segment[] {
  const segments: Segment[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const lineTo = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) segments.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const command of glyph.getPath(0, 0, SDF.fontSize).commands) {
    switch (command.type) {
      case 'M':
        if (x !== startX || y !== startY) lineTo(startX, startY);
        startX = x = command.x;
        startY = y = command.y;
        break;
      case 'L':
        lineTo(command.x, command.y);
        break;
      case 'Q': {
        const [ax, ay] = [x, y];
        for (let k = 1; k <= 6; k++) {
          const t = k / 6;
          const u = 1 - t;
          lineTo(
            u * u * ax + 2 * u * t * command.x1 + t * t * command.x,
            u * u * ay + 2 * u * t * command.y1 + t * t * command.y,
          );
        }
        break;
      }
      case 'C': {
        const [ax, ay] = [x, y];
        for (let k = 1; k <= 8; k++) {
          const t = k / 8;
          const u = 1 - t;
          lineTo(
            u * u * u * ax + 3 * u * u * t * command.x1 + 3 * u * t * t * command.x2 + t * t * t * command.x,
            u * u * u * ay + 3 * u * u * t * command.y1 + 3 * u * t * t * command.y2 + t * t * t * command.y,
          );
        }
        break;
      }
      case 'Z':
        lineTo(startX, startY);
        break;
    }
  }
  if (x !== startX || y !== startY) lineTo(startX, startY);
  return segments;
}

function nearestDistance(segments: Float64Array, px: number, py: number): number {
  // Beyond the radius every value is clamped, so farther segments need no exact distance.
  let best = SDF.radius * SDF.radius;
  for (let k = 0; k < segments.length; k += 4) {
    const x1 = segments[k] as number;
    const y1 = segments[k + 1] as number;
    const x2 = segments[k + 2] as number;
    const y2 = segments[k + 3] as number;
    const outX = Math.max(Math.min(x1, x2) - px, px - Math.max(x1, x2), 0);
    const outY = Math.max(Math.min(y1, y2) - py, py - Math.max(y1, y2), 0);
    if (outX * outX + outY * outY >= best) continue;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const lengthSquared = dx * dx + dy * dy;
    const t =
      lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / lengthSquared));
    const ex = x1 + t * dx - px;
    const ey = y1 + t * dy - py;
    const d = ex * ex + ey * ey;
    if (d < best) best = d;
  }
  return Math.sqrt(best);
}

/** Non-zero winding number of the outline around a point. */
function winding(segments: Float64Array, px: number, py: number): number {
  let count = 0;
  for (let k = 0; k < segments.length; k += 4) {
    const x1 = segments[k] as number;
    const y1 = segments[k + 1] as number;
    const x2 = segments[k + 2] as number;
    const y2 = segments[k + 3] as number;
    if (y1 <= py) {
      if (y2 > py && (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1) > 0) count++;
    } else if (y2 <= py && (x2 - x1) * (py - y1) - (px - x1) * (y2 - y1) < 0) count--;
  }
  return count;
}
