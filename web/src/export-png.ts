import type { MapCapture } from './export-capture.ts';
import { type ExportContent, layoutExport, type Measure, type PageSpec } from './export-layout.ts';
import { type Painter, paintExport, swatchPixels } from './export-paint.ts';

/** The PNG's type sizes in CSS pixels; the page is as wide as the map. */
const TYPE = { title: 20, subtitle: 13, body: 12, small: 11 };

function font(size: number, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${size}px system-ui, "Noto Sans", sans-serif`;
}

/** A painter over a 2D canvas whose units are CSS pixels (the context is scaled by the export's ratio). */
function canvasPainter(ctx: CanvasRenderingContext2D): Painter {
  return {
    rect(box, fill, stroke) {
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fillRect(box.x, box.y, box.width, box.height);
      }
      if (stroke) {
        ctx.strokeStyle = stroke;
        ctx.lineWidth = 1;
        ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
      }
    },
    hatch(box, entry) {
      const tile = new OffscreenCanvas(8, 8);
      const data = swatchPixels(entry);
      tile.getContext('2d')?.putImageData(new ImageData(data, 8, 8), 0, 0);
      const pattern = ctx.createPattern(tile, 'repeat');
      if (!pattern) return;
      ctx.fillStyle = pattern;
      ctx.fillRect(box.x, box.y, box.width, box.height);
    },
    circle(x, y, radius, stroke) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.stroke();
    },
    line(x1, y1, x2, y2, colour, width) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    },
    image(canvas, box) {
      ctx.drawImage(canvas, box.x, box.y, box.width, box.height);
    },
    text(line, colour) {
      ctx.font = font(line.size, line.bold);
      ctx.fillStyle = colour;
      ctx.fillText(line.text, line.x, line.y);
    },
  };
}

/**
 * The export as a PNG: as wide as the map on screen (times `ratio`), the map at its own size edge to edge,
 * the title above and the legend and credits below.
 */
export async function renderPng(content: ExportContent, capture: MapCapture, ratio: number): Promise<Blob> {
  const measuring = document.createElement('canvas').getContext('2d');
  if (!measuring) throw new Error('no 2D canvas');
  const measure: Measure = (text, size, bold) => {
    measuring.font = font(size, bold);
    return measuring.measureText(text).width;
  };
  const page: PageSpec = { width: capture.cssWidth, margin: 16, type: TYPE };
  const layout = layoutExport(page, { width: capture.cssWidth, height: capture.cssHeight }, content, measure);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(layout.width * ratio);
  canvas.height = Math.round(layout.height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(ratio, ratio);
  paintExport(canvasPainter(ctx), layout, capture);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}
