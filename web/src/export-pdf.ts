import type { jsPDF } from 'jspdf';
import type { MapCapture } from './export-capture.ts';
import { type ExportContent, type LegendEntry, layoutExport, type Measure } from './export-layout.ts';
import { type Painter, paintExport, swatchPixels } from './export-paint.ts';
import { pdfText } from './export-pdf-text.ts';

/** The paper sizes offered. */
export type Paper = 'a4' | 'letter';
export type Orientation = 'portrait' | 'landscape';

/** The PDF's type sizes in points. */
const TYPE = { title: 16, subtitle: 10.5, body: 9, small: 7.5 };

function hex(colour: string): [number, number, number] {
  const value = Number.parseInt(colour.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The no-data hatch as an image for a swatch: the map's 8-pixel tile repeated, drawn at 4 pixels a point. */
function hatchImage(entry: LegendEntry, box: { width: number; height: number }): string {
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * 4);
  canvas.height = Math.ceil(box.height * 4);
  const ctx = canvas.getContext('2d');
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  tile.getContext('2d')?.putImageData(new ImageData(swatchPixels(entry), 8, 8), 0, 0);
  const pattern = ctx?.createPattern(tile, 'repeat');
  if (ctx && pattern) {
    ctx.fillStyle = pattern;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  return canvas.toDataURL('image/png');
}

/**
 * A painter over a jsPDF page in points. Text goes through the standard Helvetica font as real text (it can be
 * searched, copied and read by `pdftotext`), in WinAnsi: `pdfText` swaps the few characters it lacks.
 */
function pdfPainter(doc: jsPDF): Painter {
  return {
    rect(box, fill, stroke) {
      if (fill) doc.setFillColor(...hex(fill));
      if (stroke) {
        doc.setDrawColor(...hex(stroke));
        doc.setLineWidth(0.5);
      }
      doc.rect(box.x, box.y, box.width, box.height, fill && stroke ? 'FD' : fill ? 'F' : 'S');
    },
    hatch(box, entry) {
      doc.addImage(hatchImage(entry, box), 'PNG', box.x, box.y, box.width, box.height);
    },
    circle(x, y, radius, stroke) {
      doc.setDrawColor(...hex(stroke));
      doc.setLineWidth(1);
      doc.circle(x, y, radius, 'S');
    },
    line(x1, y1, x2, y2, colour, width) {
      doc.setDrawColor(...hex(colour));
      doc.setLineWidth(width);
      doc.line(x1, y1, x2, y2);
    },
    image(canvas, box) {
      // JPEG goes into the PDF as it is (no re-encoding), and is far smaller than PNG for a map.
      doc.addImage(canvas.toDataURL('image/jpeg', 0.92), 'JPEG', box.x, box.y, box.width, box.height);
    },
    text(line, colour) {
      doc.setFont('helvetica', line.bold ? 'bold' : 'normal');
      doc.setFontSize(line.size);
      doc.setTextColor(...hex(colour));
      doc.text(pdfText(line.text), line.x, line.y);
    },
  };
}

/**
 * The export as a PDF page of `paper` in `orientation`. jsPDF is loaded on first use (its own chunk), so the
 * map page does not carry it.
 */
export async function renderPdf(
  content: ExportContent,
  capture: MapCapture,
  paper: Paper,
  orientation: Orientation,
): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'pt', format: paper, orientation, compress: true });
  doc.setProperties({
    title: pdfText(content.title),
    subject: pdfText(content.subtitle.join(' · ')),
    creator: 'DTM Atlas',
  });
  const measure: Measure = (text, size, bold) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    return doc.getTextWidth(pdfText(text));
  };
  const page = {
    width: doc.internal.pageSize.getWidth(),
    height: doc.internal.pageSize.getHeight(),
    margin: 32,
    type: TYPE,
  };
  const layout = layoutExport(page, { width: capture.cssWidth, height: capture.cssHeight }, content, measure);
  paintExport(pdfPainter(doc), layout, capture);
  return doc.output('blob');
}
