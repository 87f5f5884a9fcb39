import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { classBreaks, legendClasses, NO_DATA_COLOUR, ZERO_COLOUR } from '../../functions/core/classes.ts';
import { buildStyle } from '../../functions/core/style.ts';
import type { DatasetMeta, RoundMeta } from '../../functions/core/types.ts';

const dataset: DatasetMeta = {
  id: 'xyz',
  name: 'Testland',
  country: 'XYZ',
  defaultBoundarySet: 'xyz-2020',
  attribution: 'IOM DTM · OCHA COD-AB',
  levelNames: { adm1: 'Province', adm2: 'District', adm3: 'Ward' },
};
const round: RoundMeta = {
  dataset: 'xyz',
  key: '3',
  number: 3,
  date: '2020-01-31',
  source: { title: 'Round 3', organisation: 'IOM DTM', file: 'r3.csv', sha256: 'x' },
  boundarySet: 'xyz-2020',
  totals: { idps_ind: 10, idps_hh: 2, returnees_ind: 0, returnees_hh: 0 },
  status: 'published',
  version: 'v1',
};

describe('class breaks for skewed counts', () => {
  it('gives round-number quantile breaks over positive values', () => {
    const skewed = [0, 3, 12, 40, 95, 180, 420, 1_300, 5_800, 61_000, 140_000];
    const breaks = classBreaks(skewed);
    expect(breaks[0]).toBe(1);
    expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
    expect(breaks.length).toBeGreaterThanOrEqual(4);
    for (const b of breaks) expect(String(b)).toMatch(/^\d{1,2}0*$/);
    expect(classBreaks([0, 0])).toEqual([]);
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

  it('draws no data in its own colour before any class', () => {
    const fill = (style.layers as Array<Record<string, unknown>>).find((l) => l.id === 'adm1-fill');
    const colour = (fill?.paint as Record<string, unknown> | undefined)?.['fill-color'] as unknown[];
    expect(colour.slice(0, 3)).toEqual(['case', ['==', ['get', 'status'], 'no_data'], NO_DATA_COLOUR]);
    const legend = (style.metadata as Record<string, { classes: Record<string, unknown[]> }>)[
      'dtm-atlas:legend'
    ];
    expect(legend?.classes.adm1?.length).toBeGreaterThan(1);
  });
});
