import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { classColour } from '../../functions/core/class-colour.ts';
import { changeClasses, classBreaks, legendClasses, NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import { INDICATORS, type Indicator } from '../../functions/core/indicators.ts';
import { fillColour } from '../../functions/core/style-web.ts';
import { type ThumbnailArea, thumbnailSvg } from '../../functions/core/thumbnail-svg.ts';

/** A made-up square of one degree at column `i` near 10°N. */
const square = (i: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [i, 10],
      [i + 1, 10],
      [i + 1, 11],
      [i, 11],
      [i, 10],
    ],
  ],
});

/** Invented figures: four classes' worth of values, a zero and an area without the figure. */
const VALUES: Array<number | undefined> = [0, 3, 40, 900, 12_000, undefined];
const AREAS: ThumbnailArea[] = VALUES.map((value, i) => ({
  geometry: square(i),
  properties: { pcode: `XX0${i}`, ...(value === undefined ? {} : { idps_ind: value }) },
}));
const LEGEND = {
  title: 'IDPs',
  zero: { label: 'Zero reported', colour: '#f7f7f7' },
  noData: { label: 'No data', colour: NO_DATA_COLOUR, hatch: '#6e6e6e' },
};

/** The `fill` of each area's path, in the order drawn. */
function areaFills(svg: string): string[] {
  const group = /<g stroke="#6b6b6b"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<path d="[^"]+" fill="([^"]+)"\/>/g)].map((m) => m[1] as string);
}

describe('thumbnail SVG', () => {
  const classes = legendClasses(classBreaks(VALUES.filter((v): v is number => v !== undefined)));
  const svg = thumbnailSvg({
    areas: AREAS,
    indicator: 'idps_ind',
    classes,
    legend: LEGEND,
    title: 'Testland: IDPs, 2024-01-31',
    credit: 'Source: nobody (invented figures)',
    width: 640,
    height: 400,
  });

  it('fills each area with its legend class’s colour, no data hatched', () => {
    const fills = areaFills(svg);
    expect(fills).toHaveLength(AREAS.length);
    const expected = VALUES.map((value) => {
      if (value === undefined) return 'url(#no-data)';
      if (value === 0) return LEGEND.zero.colour;
      const entry = classes.find((c) => value >= (c.from ?? 0) && (c.to === undefined || value < c.to));
      return entry?.colour;
    });
    expect(fills).toEqual(expected);
    // Every class of the legend is on the picture, in the areas and as a legend swatch.
    for (const entry of classes) expect(fills).toContain(entry.colour);
    expect(svg).toContain(`<rect width="6" height="6" fill="${NO_DATA_COLOUR}"/>`);
  });

  it('has the title and the credit line, escaped', () => {
    const withAmp = thumbnailSvg({
      areas: AREAS,
      indicator: 'idps_ind',
      classes,
      legend: LEGEND,
      title: 'A & B',
      credit: 'IOM <DTM>',
      width: 640,
      height: 400,
    });
    expect(withAmp).toContain('A &#38; B');
    expect(withAmp).toContain('IOM &#60;DTM&#62;');
    expect(svg).toMatch(/^<svg [^>]*width="640" height="400"/);
  });

  it('fits the selected area and outlines it', () => {
    const fitted = thumbnailSvg({
      areas: AREAS,
      indicator: 'idps_ind',
      classes,
      legend: LEGEND,
      title: 't',
      credit: 'c',
      width: 640,
      height: 400,
      area: 'XX02',
    });
    expect(fitted).toContain('<g fill="none" stroke="#111111"');
    // The selected square fills the map's height: its path spans more than half the picture.
    const outline = /<g fill="none"[^>]*><path d="([^"]+)"/.exec(fitted)?.[1] ?? '';
    const ys = [...outline.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(200);
  });
});

describe('classColour paints what the web style paints', () => {
  const paint = (indicator: Indicator, classes: ReturnType<typeof legendClasses>, value: unknown) => {
    const expression = styleSpec.expression.normalizePropertyExpression(
      fillColour(indicator, classes) as never,
      'layers.fill.paint.fill-color' as never,
      (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill[
        'fill-color'
      ] as never,
    ) as unknown as { evaluate: (g: unknown, f: unknown) => { r: number; g: number; b: number } };
    const properties = typeof value === 'number' ? { [indicator]: value } : {};
    const c = expression.evaluate({ zoom: 5 }, { type: 3, properties, geometry: [] });
    const hex = (n: number) =>
      Math.round(n * 255)
        .toString(16)
        .padStart(2, '0');
    return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
  };
  const counts = [0, 1, 2, 7, 40, 95, 420, 1_300, 5_800, 61_000];
  const changes = [-900, -40, -3, 0, 3, 40, 900];

  it('for every indicator, at every value and without one', () => {
    for (const indicator of Object.keys(INDICATORS) as Indicator[]) {
      const change = indicator === 'idps_ind_change';
      const values = change ? changes : counts;
      const classes = change ? changeClasses(values) : legendClasses(classBreaks(values));
      for (const value of [...values, -5_000, 1_000_000, undefined])
        expect(classColour(indicator, classes, value), `${indicator} ${value}`).toBe(
          paint(indicator, classes, value),
        );
    }
  });
});
