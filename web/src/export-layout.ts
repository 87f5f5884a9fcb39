/**
 * Where each part of an exported map goes: title, map, legend, scale bar and credits, as boxes on a page.
 * Pure (text widths come from a `measure` function), so the PNG renderer (a 2D canvas, CSS pixels) and the
 * PDF renderer (jsPDF, points) draw the same composition, and the layout is unit-tested without a browser.
 */

/** A rectangle; `x`, `y` is its top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One legend entry as the map draws it: a class colour, the no-data grey with its hatch, or (compare mode
 * across a crosswalk) the "not the same ground" cross-hatch.
 */
export interface LegendEntry {
  kind: 'zero' | 'class' | 'no-data' | 'sites' | 'not-same';
  label: string;
  colour: string;
  /** The hatch lines' colour (no data). */
  hatch?: string;
}

/** The words of an export, in the page's language. */
export interface ExportContent {
  title: string;
  subtitle: string[];
  legendTitle: string;
  legend: LegendEntry[];
  /** Paragraphs under the map: source and credit lines, caveat, disclaimer, export date, link. */
  credits: string[];
}

/** Font sizes of the parts, in the page's units. */
export interface Typography {
  title: number;
  subtitle: number;
  body: number;
  small: number;
}

/** The page to lay out on. */
export interface PageSpec {
  width: number;
  /** A fixed page height (PDF); undefined: the page grows to fit and the map spans its full width (PNG). */
  height?: number;
  margin: number;
  type: Typography;
}

/** A line of text, `y` being its baseline. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}

/** Where the scale bar goes: its left end and baseline inside the map box, and its longest length. */
export interface ScaleSpot {
  x: number;
  y: number;
  maxLength: number;
  size: number;
}

/** The composition: page size and every part's place. */
export interface ExportLayout {
  width: number;
  height: number;
  map: Box;
  legend: Box;
  credits: Box;
  swatches: Array<{ box: Box; entry: LegendEntry }>;
  text: TextLine[];
  scale: ScaleSpot;
}

/** Width of `text` at font `size` (bold or not), in the page's units. */
export type Measure = (text: string, size: number, bold: boolean) => number;

const LINE = 1.3;

/**
 * Greedy word wrap of `text` to `width`; a word longer than the line (a URL) is cut where it must be.
 */
export function wrapText(
  text: string,
  width: number,
  size: number,
  bold: boolean,
  measure: Measure,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, size, bold) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (measure(line, size, bold) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut), size, bold) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of several paragraphs set from `top` at `x`, a half line between paragraphs; returns the bottom. */
function setParagraphs(
  paragraphs: string[],
  at: { x: number; top: number; width: number; size: number; bold: boolean },
  measure: Measure,
  out: TextLine[],
): number {
  let y = at.top;
  paragraphs.forEach((paragraph, index) => {
    if (index > 0) y += at.size * 0.5;
    for (const text of wrapText(paragraph, at.width, at.size, at.bold, measure)) {
      y += at.size * LINE;
      out.push({ text, x: at.x, y: y - at.size * 0.3, size: at.size, bold: at.bold });
    }
  });
  return y;
}

/** The legend column: its title, then one swatch and label per entry. Returns its bottom. */
function setLegend(
  content: ExportContent,
  box: Pick<Box, 'x' | 'y' | 'width'>,
  size: number,
  measure: Measure,
  out: Pick<Footer, 'text' | 'swatches'>,
): number {
  let y = setParagraphs([content.legendTitle], { ...box, top: box.y, size, bold: true }, measure, out.text);
  const swatch = size * 1.2;
  const labelX = box.x + swatch + size * 0.5;
  for (const entry of content.legend) {
    const top = y + size * 0.3;
    out.swatches.push({ box: { x: box.x, y: top, width: swatch, height: swatch }, entry });
    const bottom = setParagraphs(
      [entry.label],
      { x: labelX, top, width: box.x + box.width - labelX, size, bold: false },
      measure,
      out.text,
    );
    y = Math.max(bottom, top + swatch) + size * 0.15;
  }
  return y;
}

/** The legend column's width: its widest line, within 40 % of the content width. */
function legendWidth(content: ExportContent, size: number, contentWidth: number, measure: Measure): number {
  const labels = content.legend.map((entry) => measure(entry.label, size, false) + size * 1.7);
  const widest = Math.max(measure(content.legendTitle, size, true), ...labels);
  return Math.min(Math.ceil(widest), contentWidth * 0.4);
}

/** The footer (legend and credits) set from y = 0; moved under the map once the map's height is known. */
interface Footer {
  text: TextLine[];
  swatches: ExportLayout['swatches'];
  legend: Box;
  credits: Box;
}

function setFooter(page: PageSpec, content: ExportContent, measure: Measure): Footer {
  const { margin, type } = page;
  const footer: Footer = {
    text: [],
    swatches: [],
    legend: { x: margin, y: 0, width: 0, height: 0 },
    credits: { x: 0, y: 0, width: 0, height: 0 },
  };
  const width = legendWidth(content, type.body, page.width - 2 * margin, measure);
  const height = setLegend(content, { x: margin, y: 0, width }, type.body, measure, footer);
  footer.legend = { x: margin, y: 0, width, height };
  const x = margin + width + type.body * 1.5;
  const at = { x, top: 0, width: page.width - margin - x, size: type.small, bold: false };
  footer.credits = {
    x,
    y: 0,
    width: at.width,
    height: setParagraphs(content.credits, at, measure, footer.text),
  };
  return footer;
}

/** The map's box: its own size edge to edge on a growing page, else what the page leaves, centred. */
function placeMap(
  page: PageSpec,
  top: number,
  footerHeight: number,
  mapSize: { width: number; height: number },
): Box {
  const aspect = mapSize.height / mapSize.width;
  if (page.height === undefined) return { x: 0, y: top, width: page.width, height: page.width * aspect };
  const contentWidth = page.width - 2 * page.margin;
  const room = Math.max(page.height - page.margin - page.type.body - footerHeight - top, contentWidth * 0.1);
  const width = Math.min(contentWidth, room / aspect);
  return { x: page.margin + (contentWidth - width) / 2, y: top, width, height: width * aspect };
}

/**
 * Lays out an export: title and subtitle on top, the map (its `mapSize` aspect kept), then the legend on the
 * left and the credits beside it. On a fixed page the map takes what the text leaves; on a growing page (PNG)
 * the map keeps its own size, edge to edge, and the page grows to hold the text.
 */
export function layoutExport(
  page: PageSpec,
  mapSize: { width: number; height: number },
  content: ExportContent,
  measure: Measure,
): ExportLayout {
  const { margin, type } = page;
  const text: TextLine[] = [];
  const head = { x: margin, width: page.width - 2 * margin };
  let y = setParagraphs(
    [content.title],
    { ...head, top: margin, size: type.title, bold: true },
    measure,
    text,
  );
  y = setParagraphs(content.subtitle, { ...head, top: y, size: type.subtitle, bold: false }, measure, text);
  const footer = setFooter(page, content, measure);
  const footerHeight = Math.max(footer.legend.height, footer.credits.height);
  const map = placeMap(page, y + type.body * 0.6, footerHeight, mapSize);
  const top = map.y + map.height + type.body;
  const down = (box: Box): Box => ({ ...box, y: box.y + top });
  text.push(...footer.text.map((line) => ({ ...line, y: line.y + top })));
  return {
    width: page.width,
    height: page.height ?? Math.ceil(top + footerHeight + margin),
    map,
    legend: down(footer.legend),
    credits: down(footer.credits),
    swatches: footer.swatches.map(({ box, entry }) => ({ box: down(box), entry })),
    text,
    scale: {
      x: map.x + type.small,
      y: map.y + map.height - type.small,
      maxLength: Math.min(map.width / 4, type.small * 12),
      size: type.small,
    },
  };
}
