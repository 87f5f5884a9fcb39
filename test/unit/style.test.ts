import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  changeClasses,
  classBreaks,
  legendClasses,
  NO_DATA_COLOUR,
  ZERO_COLOUR,
} from '../../functions/core/classes.ts';
import { buildStyle } from '../../functions/core/style.ts';
import { STYLE_DATASET, STYLE_ROUND } from '../helpers/style-meta.ts';

const dataset = STYLE_DATASET;
const round = STYLE_ROUND;

describe('class breaks for skewed counts', () => {
  it('gives round-number quantile breaks over positive values', () => {
    const skewed = [0, 3, 12, 40, 95, 180, 420, 1_300, 5_800, 61_000, 140_000];
    // Quantiles of the ten positive values at 20/40/60/80 %: 40, 180, 1,300, 61,000; each class holds two.
    expect(classBreaks(skewed)).toEqual([1, 40, 180, 1_300, 61_000]);
    expect(legendClasses(classBreaks(skewed))).toEqual([
      { from: 1, to: 40, colour: '#fed976' },
      { from: 40, to: 180, colour: '#feb24c' },
      { from: 180, to: 1_300, colour: '#fd8d3c' },
      { from: 1_300, to: 61_000, colour: '#f03b20' },
      { from: 61_000, colour: '#bd0026' },
    ]);
    // Quantiles 1,234, 5,678, 87,654 and 140,000 rounded to two digits; "88,000 – 139,999" would hold no
    // value, so it merges with the class above it.
    expect(classBreaks([3, 1_234, 5_678, 87_654, 140_000])).toEqual([1, 1_200, 5_700, 88_000]);
    expect(classBreaks([0, 0])).toEqual([]);
  });

  it('never makes a class that no value falls in', () => {
    // 12 alone: the quantile break 12 would leave "1 – 11" empty; 149 rounds up to 150, leaving "≥ 150" empty.
    expect(classBreaks([12])).toEqual([1]);
    expect(classBreaks([149, 149, 149])).toEqual([1]);
    expect(legendClasses(classBreaks([12]))).toEqual([{ from: 1, colour: '#bd0026' }]);
    // Change: no decrease at all gives no decrease class; no change gives no "no change" class.
    const change = changeClasses([5, 50, 500]);
    expect(change.every((entry) => (entry.from ?? -1) >= 1)).toBe(true);
    expect(change.map((entry) => entry.colour)).toEqual(['#fddbc7', '#ef8a62', '#b2182b']);
    expect(changeClasses([])).toEqual([]);
  });

  it('colours every class and keeps zero and no data apart from them', () => {
    const classes = legendClasses([1, 100, 1000]);
    expect(classes.map((c) => c.colour)).not.toContain(NO_DATA_COLOUR);
    expect(classes.map((c) => c.colour)).not.toContain(ZERO_COLOUR);
    expect(classes[2]).not.toHaveProperty('to');
  });
});

describe('MapLibre style', () => {
  const style = buildStyle({
    dataset,
    round,
    tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
    indicator: 'idps_ind',
    lang: 'en',
    valuesByLevel: { adm1: [10, 2000, 90000], adm2: [5, 50], adm3: [] },
  });

  it('passes the style-spec validator', () => {
    expect(validateStyleMin(style as never)).toEqual([]);
  });

  it('draws an area without the figure in the no-data colour before any class', () => {
    const fill = (style.layers as Array<Record<string, unknown>>).find((l) => l.id === 'adm1-fill');
    const colour = (fill?.paint as Record<string, unknown> | undefined)?.['fill-color'] as unknown[];
    // Not `status`: a reported area can lack the chosen figure (evaluated in style-eval.test.ts).
    expect(colour.slice(0, 3)).toEqual([
      'case',
      ['!=', ['typeof', ['get', 'idps_ind']], 'number'],
      NO_DATA_COLOUR,
    ]);
    const legend = (style.metadata as Record<string, { classes: Record<string, unknown[]> }>)[
      'dtm-atlas:legend'
    ];
    expect(legend?.classes.adm1?.length).toBeGreaterThan(1);
  });
});

describe('web and QGIS styles', () => {
  const input = {
    dataset,
    round,
    tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
    indicator: 'idps_ind' as const,
    lang: 'fr' as const,
    valuesByLevel: { adm1: [10, 2000, 90000], adm2: [5, 50], adm3: [0, 7] },
    hasSites: true,
    glyphsUrl: 'http://127.0.0.1:8080/fonts/{fontstack}/{range}.pbf',
  };
  const web = buildStyle(input);
  const qgis = buildStyle({ ...input, flavor: 'qgis' });
  type Layer = Record<string, unknown> & { id: string };
  const layers = (style: Record<string, unknown>) => style.layers as Layer[];
  const byId = (style: Record<string, unknown>) => new Map(layers(style).map((l) => [l.id, l]));

  it('both pass the style-spec validator', () => {
    expect(validateStyleMin(web as never)).toEqual([]);
    expect(validateStyleMin(qgis as never)).toEqual([]);
  });

  it('share the legend, the source, and every layer but the fills, in the same order', () => {
    const { layers: _w, ...webRest } = web;
    const { layers: _q, ...qgisRest } = qgis;
    expect(qgisRest).toEqual(webRest);
    const notFill = (style: Record<string, unknown>) =>
      layers(style)
        .filter((l) => l.type !== 'fill')
        .map((l) => l.id);
    expect(notFill(qgis)).toEqual(notFill(web));
    expect(notFill(web)).toEqual(['background', 'adm1-line', 'adm2-line', 'adm3-line', 'sites', 'labels']);
  });

  it('give borders, labels and sites the same source layer, zooms and colours', () => {
    const w = byId(web);
    const q = byId(qgis);
    for (const id of ['adm1-line', 'adm2-line', 'adm3-line', 'labels', 'sites']) {
      const { paint: wp, filter: _wf, layout: wl, ...wRest } = w.get(id) ?? { id };
      const { paint: qp, filter: _qf, layout: ql, ...qRest } = q.get(id) ?? { id };
      expect(qRest, id).toEqual(wRest);
      const colourOf = (paint: unknown) => (paint as Record<string, unknown>)['line-color'];
      expect(colourOf(qp), id).toEqual(colourOf(wp));
      const { 'text-field': _wt, ...wLayout } = (wl ?? {}) as Record<string, unknown>;
      const { 'text-field': _qt, ...qLayout } = (ql ?? {}) as Record<string, unknown>;
      expect(qLayout, id).toEqual(wLayout);
    }
    // QGIS labels the régions only: the levels the web filter draws at the lowest zooms.
    expect(q.get('labels')?.filter).toEqual(['==', 'level', 'adm1']);
    expect(JSON.stringify(w.get('labels')?.filter)).toContain('"adm1"');
  });

  it('fill each level over the same source layer and zooms; QGIS with one layer per class of the legend', () => {
    const legend = (web.metadata as Record<string, { classes: Record<string, unknown[]> }>)[
      'dtm-atlas:legend'
    ];
    for (const level of ['adm1', 'adm2', 'adm3']) {
      const webFill = byId(web).get(`${level}-fill`);
      const qgisFills = layers(qgis).filter((l) => l.id.startsWith(`${level}-fill-`));
      // no data, zero, then one per class
      expect(qgisFills).toHaveLength(2 + (legend?.classes[level]?.length ?? 0));
      for (const fill of qgisFills) {
        for (const key of ['type', 'source', 'source-layer', 'minzoom', 'maxzoom'])
          expect(fill[key], `${fill.id} ${key}`).toEqual(webFill?.[key]);
        const opacity = (layer: Layer | undefined) =>
          (layer?.paint as Record<string, unknown> | undefined)?.['fill-opacity'];
        expect(opacity(fill)).toBe(opacity(webFill));
      }
    }
  });
});
