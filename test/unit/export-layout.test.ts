import { describe, expect, it } from 'vitest';
import {
  type Box,
  type ExportContent,
  layoutExport,
  type Measure,
  wrapText,
} from '../../web/src/export-layout.ts';
import { pdfText } from '../../web/src/export-pdf-text.ts';
import { metresPerPixel, scaleBar } from '../../web/src/export-scale-bar.ts';

/** Every character half its font size wide, bold a little wider: enough to lay out without a browser. */
const measure: Measure = (text, size, bold) => text.length * size * (bold ? 0.55 : 0.5);

const CONTENT: ExportContent = {
  title: 'IDPs (individuals)',
  subtitle: ['Districts · Round 3, 1 Mar 2024 · Testland', 'Selected: North (TL01)'],
  legendTitle: 'Legend · District',
  legend: [
    { kind: 'zero', label: 'Zero reported', colour: '#f2f2f2' },
    { kind: 'class', label: '1 – 999', colour: '#fee8c8' },
    { kind: 'class', label: '1,000 – 9,999', colour: '#fdbb84' },
    { kind: 'class', label: '≥ 10,000', colour: '#e34a33' },
    { kind: 'no-data', label: 'No data', colour: '#d9d9d9', hatch: '#9a9a9a' },
  ],
  credits: [
    'Source: Made-up Org, Round 3, 1 Mar 2024',
    'Source: Made-up Organisation (MO), Made-up Tracking; Made-up Org · Boundaries: Testland admin layer',
    'Caveat: these figures are made up for the test and say nothing about any real place or people at all.',
    'The names and boundaries shown on this map do not imply official endorsement or acceptance by IOM.',
    'Exported on 1 Jan 2026 from DTM Atlas.',
    'This view: http://127.0.0.1:8080/#round=3&indicator=idps_ind&area=TL01&dataset=tst&map=6.5/13.5/-3.1',
  ],
};

const PDF_TYPE = { title: 16, subtitle: 10.5, body: 9, small: 7.5 };
const within = (inner: Box, outer: { width: number; height: number }) =>
  inner.x >= 0 &&
  inner.y >= 0 &&
  inner.x + inner.width <= outer.width &&
  inner.y + inner.height <= outer.height;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('export layout', () => {
  it.each([
    ['A4 landscape', 841.89, 595.28],
    ['A4 portrait', 595.28, 841.89],
    ['Letter landscape', 792, 612],
    ['Letter portrait', 612, 792],
  ])('fits title, map, legend and credits on %s without overlap', (_name, width, height) => {
    const page = { width, height, margin: 32, type: PDF_TYPE };
    const layout = layoutExport(page, { width: 1280, height: 700 }, CONTENT, measure);
    for (const box of [layout.map, layout.legend, layout.credits]) expect(within(box, layout)).toBe(true);
    expect(overlap(layout.map, layout.legend)).toBe(false);
    expect(overlap(layout.map, layout.credits)).toBe(false);
    expect(overlap(layout.legend, layout.credits)).toBe(false);
    // The map keeps the screen's proportions and is the largest part of the page.
    expect(layout.map.height / layout.map.width).toBeCloseTo(700 / 1280, 6);
    expect(layout.map.width * layout.map.height).toBeGreaterThan(0.3 * (width - 64) * (height - 64));
    // Every line of text is on the page and, below the title, clear of the map.
    for (const line of layout.text) {
      expect(line.y).toBeLessThanOrEqual(height);
      const inMap = line.y > layout.map.y && line.y - line.size < layout.map.y + layout.map.height;
      expect(inMap, line.text).toBe(false);
    }
    expect(layout.text[0]).toMatchObject({ text: 'IDPs (individuals)', bold: true, size: 16 });
  });

  it('keeps the map at its own size edge to edge on a growing page, and doubles exactly at 2×', () => {
    const page = { width: 1280, margin: 16, type: { title: 20, subtitle: 13, body: 12, small: 11 } };
    const layout = layoutExport(page, { width: 1280, height: 700 }, CONTENT, measure);
    expect(layout.map).toMatchObject({ x: 0, width: 1280, height: 700 });
    expect(layout.width).toBe(1280);
    expect(Number.isInteger(layout.height)).toBe(true);
    expect(layout.height).toBeGreaterThan(layout.map.y + 700);
    expect(layout.credits.y + layout.credits.height).toBeLessThanOrEqual(layout.height);
  });

  it('lists one swatch per legend entry, in order, left of the credits', () => {
    const page = { width: 841.89, height: 595.28, margin: 32, type: PDF_TYPE };
    const layout = layoutExport(page, { width: 1000, height: 600 }, CONTENT, measure);
    expect(layout.swatches.map((swatch) => swatch.entry.label)).toEqual(CONTENT.legend.map((e) => e.label));
    const ys = layout.swatches.map((swatch) => swatch.box.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    for (const { box } of layout.swatches) expect(box.x + box.width).toBeLessThan(layout.credits.x);
  });

  it('wraps on spaces and cuts a word longer than the line, such as a URL', () => {
    expect(wrapText('one two three four', 40, 10, false, measure)).toEqual(['one two', 'three', 'four']);
    const url = 'http://127.0.0.1:8080/#round=3&indicator=idps_ind';
    const lines = wrapText(`This view: ${url}`, 100, 10, false, measure);
    expect(lines.join('')).toBe(`This view:${url}`);
    for (const line of lines) expect(measure(line, 10, false)).toBeLessThanOrEqual(100);
  });
});

describe('scale bar', () => {
  it('measures a pixel as Web Mercator does: 156 km at zoom 0 on the equator, half that at 60°', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    expect(metresPerPixel(60, 0)).toBeCloseTo(78_271.5 / 2, 0);
    expect(metresPerPixel(0, 10)).toBeCloseTo(76.437, 2);
  });

  it('picks the longest round distance that fits, in km from 1 km', () => {
    // Mali at zoom 6.5, 14° N: about 840 m a pixel; 100 pixels hold 84 km (a 50 km bar), 200 hold 168 km.
    const mpp = metresPerPixel(14, 6.5);
    const bar = scaleBar(mpp, 100);
    expect(bar.label).toBe('50 km');
    expect(bar.length).toBeCloseTo(50_000 / mpp, 6);
    expect(scaleBar(mpp, 200).label).toBe('100 km');
    expect(scaleBar(1, 80)).toMatchObject({ metres: 50, label: '50 m' });
    expect(scaleBar(10, 35)).toMatchObject({ metres: 300, label: '300 m' });
    expect(scaleBar(100, 25)).toMatchObject({ metres: 2000, label: '2 km' });
  });
});

describe('PDF text', () => {
  it('keeps French accents and quotes, and swaps what the standard fonts cannot write', () => {
    expect(pdfText('Mise en garde\u202f: « Ségou » n’a pas ç à')).toBe(
      'Mise en garde\u00a0: « Ségou » n’a pas ç à',
    );
    expect(pdfText('≥ 15\u202f000 · ≤ −31 000')).toBe('>= 15\u00a0000 · <= -31 000');
    expect(pdfText('2× 北')).toBe('2× ?');
    expect(pdfText('Sept 2012 → June 2014')).toBe('Sept 2012 -> June 2014');
  });
});
