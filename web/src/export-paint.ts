import { notSamePixels } from './compare-crosswalk-paint.ts';
import type { MapCapture } from './export-capture.ts';
import type { Box, ExportLayout, LegendEntry, TextLine } from './export-layout.ts';
import { scaleBar } from './export-scale-bar.ts';
import { hatchPixels } from './no-data-pattern.ts';

/** What a renderer draws with: a 2D canvas (PNG) or a jsPDF document (PDF). Colours are `#rrggbb`. */
export interface Painter {
  rect(box: Box, fill: string | undefined, stroke?: string): void;
  /** The entry's pattern (`swatchPixels`) repeated over `box`, as the map draws it. */
  hatch(box: Box, entry: LegendEntry): void;
  circle(x: number, y: number, radius: number, stroke: string): void;
  line(x1: number, y1: number, x2: number, y2: number, colour: string, width: number): void;
  image(canvas: HTMLCanvasElement, box: Box): void;
  text(line: TextLine, colour: string): void;
}

/**
 * The 8×8 pattern tile of a hatched swatch, the map's own pixels: the "not the same ground" cross-hatch, or the
 * no-data hatch.
 */
export function swatchPixels(entry: LegendEntry): Uint8ClampedArray<ArrayBuffer> {
  if (entry.kind === 'not-same') return notSamePixels();
  return hatchPixels({ colour: entry.colour, hatch: entry.hatch ?? entry.colour });
}

const INK = '#1d1d1d';
const FRAME = '#8c959f';

/** One legend swatch: the class colour, the hatch for no data, a hollow ring for sites. */
function paintSwatch(painter: Painter, box: Box, entry: LegendEntry): void {
  if (entry.kind === 'sites') {
    painter.circle(box.x + box.width / 2, box.y + box.height / 2, box.width / 2.4, entry.colour);
    return;
  }
  painter.rect(box, entry.colour);
  if (entry.hatch) painter.hatch(box, entry);
  painter.rect(box, undefined, FRAME);
}

/** The scale bar in the map's lower-left corner, on a white ground, its label above the bar. */
function paintScale(painter: Painter, layout: ExportLayout, capture: MapCapture): void {
  const { scale, map } = layout;
  // Metres per unit of the page: the map is drawn `map.width` units wide for `cssWidth` CSS pixels.
  const bar = scaleBar((capture.metresPerPixel * capture.cssWidth) / map.width, scale.maxLength);
  const pad = scale.size * 0.4;
  const top = scale.y - scale.size * 1.6;
  painter.rect(
    { x: scale.x - pad, y: top - pad, width: bar.length + 2 * pad, height: scale.y - top + 2 * pad },
    '#ffffff',
  );
  painter.line(scale.x, scale.y, scale.x + bar.length, scale.y, INK, scale.size * 0.15);
  for (const x of [scale.x, scale.x + bar.length]) {
    painter.line(x, scale.y, x, scale.y - scale.size * 0.5, INK, scale.size * 0.15);
  }
  painter.text(
    { text: bar.label, x: scale.x, y: scale.y - scale.size * 0.7, size: scale.size, bold: false },
    INK,
  );
}

/** Paints a laid-out export: white page, map with its frame and scale bar, legend swatches, then every line. */
export function paintExport(painter: Painter, layout: ExportLayout, capture: MapCapture): void {
  painter.rect({ x: 0, y: 0, width: layout.width, height: layout.height }, '#ffffff');
  painter.image(capture.canvas, layout.map);
  painter.rect(layout.map, undefined, FRAME);
  paintScale(painter, layout, capture);
  for (const { box, entry } of layout.swatches) paintSwatch(painter, box, entry);
  for (const line of layout.text) painter.text(line, INK);
}
