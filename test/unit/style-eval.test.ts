import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inClass, NO_DATA_COLOUR, ZERO_COLOUR } from '../../functions/core/classes.ts';
import { INDICATORS, type Indicator } from '../../functions/core/indicators.ts';
import { buildStyle, type Legend } from '../../functions/core/style.ts';
import { STYLE_DATASET, STYLE_ROUND } from '../helpers/style-meta.ts';

/**
 * What the styles PAINT, evaluated with MapLibre's own style-spec package: an area whose row lacks the chosen
 * figure, an area with no row, a zero and a large figure, for every indicator, in the web style (its
 * `fill-color` expression) and the QGIS style (the one layer per class whose filter matches).
 */

const dataset = STYLE_DATASET;
const round = STYLE_ROUND;
/** One entry per area: figures (invented), changes below zero for the change indicator, and gaps. */
const VALUES = [
  undefined,
  0,
  -800,
  -40,
  -3,
  3,
  12,
  40,
  95,
  180,
  420,
  1_300,
  5_800,
  61_000,
  140_000,
  undefined,
];
const LARGE = 1_000_000;

type Layer = Record<string, unknown> & { id: string };
type Properties = Record<string, string | number>;

function styleFor(indicator: Indicator, flavor: 'maplibre' | 'qgis', adm2: Array<number | undefined>) {
  const style = buildStyle({
    dataset,
    round,
    tileJsonUrl: 'http://127.0.0.1:8080/tiles/xyz/3/tiles.json',
    indicator,
    lang: 'en',
    flavor,
    // adm2: a level where the round may lack the figure altogether (the 2012–2014 rounds and households).
    valuesByLevel: { adm1: VALUES, adm2 },
    levels: ['adm1', 'adm2'],
  });
  const legend = (style.metadata as Record<string, unknown>)['dtm-atlas:legend'] as Legend;
  return { layers: style.layers as Layer[], legend };
}

function colour(value: unknown, layerId: string, properties: Properties): string {
  const expression = styleSpec.expression.normalizePropertyExpression(
    value as never,
    `layers.${layerId}.paint.fill-color` as never,
    (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill['fill-color'] as never,
  ) as unknown as { evaluate(globals: object, feature: object): styleSpec.Color };
  return expression.evaluate({ zoom: 6 }, { type: 3, properties, geometry: [] }).toString();
}

/** The colour the web style's fill layer gives the area. */
function webColour(layers: Layer[], level: string, properties: Properties): string {
  const fill = layers.find((layer) => layer.id === `${level}-fill`);
  if (!fill) throw new Error(`no ${level}-fill`);
  return colour((fill.paint as Record<string, unknown>)['fill-color'], fill.id, properties);
}

/** The colour QGIS draws: exactly one of the level's class layers may match the area. */
function qgisColour(layers: Layer[], level: string, properties: Properties): string {
  const feature = { type: 3, properties, geometry: [] };
  const matching = layers.filter(
    (layer) =>
      layer.type === 'fill' &&
      layer['source-layer'] === level &&
      styleSpec
        .featureFilter(layer.filter as never, `layers.${layer.id}.filter` as never)
        .filter({ zoom: 6 } as never, feature as never),
  );
  expect(
    matching.map((layer) => layer.id),
    JSON.stringify(properties),
  ).toHaveLength(1);
  const [only] = matching as [Layer];
  return colour((only.paint as Record<string, unknown>)['fill-color'], only.id, properties);
}

const rgba = (hex: string) => (styleSpec.Color.parse(hex) as styleSpec.Color).toString();
const NO_DATA = rgba(NO_DATA_COLOUR);
const ZERO = rgba(ZERO_COLOUR);
const BLACK = 'rgba(0,0,0,1)';

const indicators = Object.keys(INDICATORS) as Indicator[];
const flavours = [
  ['web', 'maplibre', webColour],
  ['QGIS', 'qgis', qgisColour],
] as const;

describe.each(flavours)('the %s style paints', (_name, flavor, paint) => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // MapLibre warns when an expression fails and falls back (to black for a colour).
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.each(indicators)('%s: no data for a missing figure, zero, and the top class', (indicator) => {
    const { layers, legend } = styleFor(indicator, flavor, VALUES);
    const top = legend.classes.adm1?.at(-1)?.colour ?? '';
    const area = (figures: Properties): Properties => ({ pcode: 'XX01', status: 'reported', ...figures });
    const otherFigure = indicator === 'idps_ind' ? 'idps_hh' : 'idps_ind';

    // A reported area whose row lacks this figure (it has another one).
    expect(paint(layers, 'adm1', area({ [otherFigure]: 120 }))).toBe(NO_DATA);
    expect(paint(layers, 'adm1', { pcode: 'XX02', status: 'no_data' })).toBe(NO_DATA);
    expect(paint(layers, 'adm1', area({ [indicator]: 0 }))).toBe(ZERO);
    expect(top).toMatch(/^#/);
    expect(paint(layers, 'adm1', area({ [indicator]: LARGE }))).toBe(rgba(top));
    expect(rgba(top)).not.toBe(NO_DATA);
    expect(rgba(top)).not.toBe(BLACK);
  });

  it.each(indicators)('%s: a level where no area has the figure is all no data', (indicator) => {
    const { layers, legend } = styleFor(indicator, flavor, [undefined, undefined]);
    expect(legend.classes.adm2).toEqual([]);
    expect(legend.shown.adm2).toEqual({ zero: false, noData: true });
    // The 2012–2014 rounds: IDP individuals only, so "IDPs (households)" has no figure anywhere.
    const other = indicator === 'idps_ind' ? 'idps_hh' : 'idps_ind';
    expect(paint(layers, 'adm2', { pcode: 'XX0101', status: 'reported', [other]: 40 })).toBe(NO_DATA);
    expect(paint(layers, 'adm2', { pcode: 'XX0102', status: 'no_data' })).toBe(NO_DATA);
  });
});

describe('the legend', () => {
  it.each(indicators)('%s: lists no data and zero where areas have them, and no empty class', (indicator) => {
    const { legend } = styleFor(indicator, 'maplibre', [5, 50]);
    const present = (indicator === 'idps_ind_change' ? VALUES : VALUES.filter((v) => (v ?? 0) >= 0)).filter(
      (v): v is number => v !== undefined,
    );
    for (const entry of legend.classes.adm1 ?? [])
      expect(
        present.some((v) => inClass(entry, v)),
        JSON.stringify(entry),
      ).toBe(true);
    expect(legend.shown.adm1).toEqual({ zero: true, noData: true });
    // Every area has the figure, none has 0: neither entry is listed.
    expect(legend.shown.adm2).toEqual({ zero: false, noData: false });
  });
});
