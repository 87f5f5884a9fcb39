import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import { FINER_LEVEL_SHARE, finestLevel } from '../../functions/core/finest-level.ts';
import type { Indicator } from '../../functions/core/indicators.ts';
import { buildStyle, type Legend } from '../../functions/core/style.ts';
import { STYLE_DATASET, STYLE_ROUND } from '../helpers/style-meta.ts';

/**
 * Issue 15, items 1, 3, 4, 6: what the styles say when a round lacks the figure, where the sites sit and how
 * they are drawn, the no-data hatch's colours, and the finest level a round's figures are meant for.
 */

type Layer = Record<string, unknown> & { id: string };

function styleFor(
  indicator: Indicator,
  valuesByLevel: Record<string, Array<number | undefined>>,
  flavor?: 'qgis',
) {
  const style = buildStyle({
    dataset: STYLE_DATASET,
    round: STYLE_ROUND,
    tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
    indicator,
    lang: 'en',
    flavor,
    valuesByLevel,
    hasSites: true,
    levels: Object.keys(valuesByLevel),
    glyphsUrl: 'http://127.0.0.1:8080/fonts/{fontstack}/{range}.pbf',
  });
  const legend = (style.metadata as Record<string, unknown>)['dtm-atlas:legend'] as Legend;
  return { layers: style.layers as Layer[], legend };
}

describe('a round without the chosen figure', () => {
  it('says "not reported in this round" and lists no class', () => {
    // A 2014-like round: every area lacks returnees at its only level.
    const { legend } = styleFor('returnees_ind', { adm1: [undefined, undefined, undefined] });
    expect(legend.notReported).toBe('Not reported in this round');
    expect(legend.classes.adm1).toEqual([]);
    expect(legend.shown.adm1).toEqual({ zero: false, noData: true });
  });

  it('says a change has no previous round to compare with, never showing ± classes', () => {
    const { legend } = styleFor('idps_ind_change', { adm1: [undefined, undefined], adm2: [undefined] });
    expect(legend.notReported).toBe('No previous round on these boundaries to compare with');
    expect(legend.classes).toEqual({ adm1: [], adm2: [] });
  });

  it('is not said of a round with the figure at any level, even one level empty', () => {
    const { legend } = styleFor('idps_ind', { adm1: [10, 200], adm2: [undefined, undefined] });
    expect(legend.notReported).toBeUndefined();
  });
});

describe('sites', () => {
  for (const flavor of [undefined, 'qgis'] as const) {
    it(`sit above fills and borders and below the labels, as hollow rings (${flavor ?? 'web'})`, () => {
      const { layers, legend } = styleFor('idps_ind', { adm1: [10, 200] }, flavor);
      const ids = layers.map((layer) => layer.id);
      const sites = ids.indexOf('sites');
      expect(sites).toBeGreaterThan(ids.lastIndexOf('adm1-line'));
      expect(sites).toBeLessThan(ids.indexOf('labels'));
      const paint = layers[sites]?.paint as Record<string, unknown>;
      expect(paint['circle-opacity']).toBe(0);
      expect(paint['circle-stroke-width']).toBeGreaterThan(0);
      expect(legend.sites?.label).toBe('Assessed sites');
    });
  }

  it('stay small on the web map: at most 12 px at the largest site', () => {
    const { layers } = styleFor('idps_ind', { adm1: [10] });
    const paint = layers.find((l) => l.id === 'sites')?.paint as Record<string, unknown>;
    const radius = paint['circle-radius'];
    const stops = (radius as unknown[]).slice(3).filter((_, i) => i % 2 === 1) as number[];
    expect(Math.max(...stops)).toBeLessThanOrEqual(12);
  });

  it('are not in the legend of a round without sites', () => {
    const style = buildStyle({
      dataset: STYLE_DATASET,
      round: STYLE_ROUND,
      tileJsonUrl: 'x',
      indicator: 'idps_ind',
      lang: 'fr',
      valuesByLevel: { adm1: [1] },
    });
    const legend = (style.metadata as Record<string, unknown>)['dtm-atlas:legend'] as Legend;
    expect(legend.sites).toBeUndefined();
  });
});

describe('no data', () => {
  it('is the hatch base grey in the QGIS style, as in the legend the web map draws its hatch from', () => {
    const { layers, legend } = styleFor('idps_ind', { adm1: [undefined, 5] }, 'qgis');
    const noData = layers.find((l) => l.id === 'adm1-fill-no-data')?.paint as Record<string, unknown>;
    expect(noData['fill-color']).toBe(legend.noData.colour);
    expect(legend.noData.colour).toBe(NO_DATA_COLOUR);
    expect(legend.noData.hatch).toMatch(/^#[0-9a-f]{6}$/);
    expect(legend.noData.hatch).not.toBe(legend.noData.colour);
  });
});

const LEVELS = ['adm1', 'adm2', 'adm3'] as const;

describe('the finest level a round is meant for', () => {
  const coverage = (pairs: Array<[number, number]>) =>
    pairs.map(([reported, areas], i) => ({ level: LEVELS[i] ?? 'adm3', reported, areas }));

  it('stops above a level with few figures (47 of 53 cercles, 56 of 701 communes: cercles)', () => {
    expect(
      finestLevel(
        coverage([
          [10, 10],
          [47, 53],
          [56, 701],
        ]),
      )?.level,
    ).toBe('adm2');
  });

  it('judges a partial round on the areas it covers (3 of 10 provinces, then 44 of 140 districts)', () => {
    expect(
      finestLevel(
        coverage([
          [3, 10],
          [44, 140],
        ]),
      )?.level,
    ).toBe('adm2');
    expect(
      finestLevel(
        coverage([
          [3, 10],
          [10, 140],
        ]),
      )?.level,
    ).toBe('adm1');
  });

  it('keeps the coarsest level whatever its coverage, and goes no further once a level falls short', () => {
    expect(
      finestLevel(
        coverage([
          [0, 10],
          [5, 50],
        ]),
      )?.level,
    ).toBe('adm1');
    // Wards well covered cannot make up for districts that are not.
    expect(
      finestLevel(
        coverage([
          [10, 10],
          [2, 50],
          [400, 400],
        ]),
      )?.level,
    ).toBe('adm1');
    expect(finestLevel([])).toBeUndefined();
    expect(FINER_LEVEL_SHARE).toBe(0.5);
  });
});
