import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { CHANGE_PALETTE, inClass, NO_DATA_COLOUR } from '../../functions/core/classes.ts';
import {
  type ComparableRound,
  comparableRounds,
  comparedFigure,
  compareLevel,
  inOrder,
  totalsChange,
} from '../../web/src/compare-data.ts';
import { COMPARE_CLASS, compareFillColour } from '../../web/src/compare-paint.ts';
import { formatHash, parseState } from '../../web/src/state.ts';

/** Made-up rounds: two on one boundary set, one on another. */
const R1: ComparableRound = {
  key: 'r1',
  date: '2020-01-31',
  boundarySet: 'set-a',
  totals: { idps_ind: 1_000 },
};
const R2: ComparableRound = {
  key: 'r2',
  date: '2020-06-30',
  boundarySet: 'set-a',
  totals: { idps_ind: 1_250 },
};
const R3: ComparableRound = { key: 'r3', date: '2021-01-31', boundarySet: 'set-b', totals: {} };

/** Made-up areas: a rise, a fall, no change, one missing in the later round, one with no row earlier. */
const EARLIER = [
  { pcode: 'XX01', idps_ind: 100 },
  { pcode: 'XX02', idps_ind: 900 },
  { pcode: 'XX03', idps_ind: 50 },
  { pcode: 'XX04', idps_ind: 70 },
];
const LATER = [
  { pcode: 'XX01', idps_ind: 400 },
  { pcode: 'XX02', idps_ind: 300 },
  { pcode: 'XX03', idps_ind: 50 },
  { pcode: 'XX04' },
  { pcode: 'XX05', idps_ind: 20 },
];

/** The colour MapLibre paints an area with this feature-state, evaluated by its own style-spec package. */
function painted(colour: unknown, state: Record<string, unknown>): string {
  const expression = styleSpec.expression.normalizePropertyExpression(
    colour as never,
    'layers.adm1-fill.paint.fill-color' as never,
    (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill['fill-color'] as never,
  ) as unknown as { evaluate(globals: object, feature: object, state: object): styleSpec.Color };
  return expression.evaluate({ zoom: 6 }, { type: 3, properties: {}, geometry: [] }, state).toString();
}

describe('compare two rounds: differences and classes', () => {
  const level = compareLevel(EARLIER, LATER, 'idps_ind');

  it('takes the difference later − earlier where both rounds have a figure', () => {
    expect(level.areas.get('XX01')?.diff).toBe(300);
    expect(level.areas.get('XX02')?.diff).toBe(-600);
    expect(level.areas.get('XX03')?.diff).toBe(0);
  });

  it('never takes a missing figure as 0: no difference, no class, listed as missing', () => {
    expect(level.areas.get('XX04')).toEqual({ pcode: 'XX04', before: 70, after: undefined, cls: -1 });
    expect(level.areas.get('XX05')).toEqual({ pcode: 'XX05', after: 20, cls: -1 });
    expect(level.missing.sort()).toEqual(['XX04', 'XX05']);
  });

  it('puts each difference in the class that holds it: a rise red, a fall blue, no change neutral', () => {
    for (const pcode of ['XX01', 'XX02', 'XX03']) {
      const area = level.areas.get(pcode);
      const entry = level.classes[area?.cls ?? -1];
      expect(entry && inClass(entry, area?.diff ?? Number.NaN), pcode).toBe(true);
    }
    const colourOf = (pcode: string) => level.classes[level.areas.get(pcode)?.cls ?? -1]?.colour;
    expect(CHANGE_PALETTE.slice(4)).toContain(colourOf('XX01'));
    expect(CHANGE_PALETTE.slice(0, 3)).toContain(colourOf('XX02'));
    expect(colourOf('XX03')).toBe(CHANGE_PALETTE[3]);
  });

  it('lists only classes some area falls in, symmetric around 0', () => {
    const diffs = [...level.areas.values()].flatMap((area) => (area.diff === undefined ? [] : [area.diff]));
    for (const entry of level.classes) expect(diffs.some((diff) => inClass(entry, diff))).toBe(true);
    const wide = compareLevel(
      [0, 1, 2, 3, 4, 5].map((i) => ({ pcode: `A${i}`, idps_ind: 1_000 })),
      [-900, -90, -5, 5, 90, 900].map((d, i) => ({ pcode: `A${i}`, idps_ind: 1_000 + d })),
      'idps_ind',
    );
    const bounds = wide.classes.map((entry) => [entry.from, entry.to]);
    // Each rise class has a fall class with the mirrored bounds (classes run [from, to)).
    for (const [from, to] of bounds.filter(([from]) => (from ?? 0) >= 1)) {
      const mirrored = bounds.some(
        ([f, t]) => t === -(from as number) + 1 && f === (to === undefined ? undefined : -to + 1),
      );
      expect(mirrored, `mirror of [${from}, ${to})`).toBe(true);
    }
  });

  it('paints each class its colour through feature-state, and an area without one in the no-data grey', () => {
    const colour = compareFillColour(level);
    const area = level.areas.get('XX01');
    const expected = styleSpec.Color.parse(level.classes[area?.cls ?? -1]?.colour)?.toString();
    expect(painted(colour, { [COMPARE_CLASS]: area?.cls })).toBe(expected);
    const grey = styleSpec.Color.parse(NO_DATA_COLOUR)?.toString();
    expect(painted(colour, { [COMPARE_CLASS]: -1 })).toBe(grey);
    expect(painted(colour, {})).toBe(grey);
    expect(compareFillColour({ classes: [] })).toBe(NO_DATA_COLOUR);
  });
});

describe('compare two rounds: rounds, totals, hash', () => {
  it('offers only the other rounds on the same boundaries', () => {
    expect(comparableRounds([R1, R2, R3], R2).map((round) => round.key)).toEqual(['r1']);
    expect(comparableRounds([R1, R2, R3], R3)).toEqual([]);
  });

  it('orders the rounds in time whichever is shown, and compares IDPs for the change indicator', () => {
    expect(inOrder(R2, R1)).toEqual({ earlier: R1, later: R2 });
    expect(comparedFigure('idps_ind_change')).toBe('idps_ind');
    expect(comparedFigure('returnees_hh')).toBe('returnees_hh');
  });

  it('gives both totals, the difference and its percentage; no difference when a total is missing', () => {
    expect(totalsChange(R1, R2, 'idps_ind')).toEqual({ before: 1_000, after: 1_250, diff: 250, percent: 25 });
    expect(totalsChange(R1, R3, 'idps_ind')).toEqual({ before: 1_000, after: undefined });
    const zero = { ...R1, totals: { idps_ind: 0 } };
    expect(totalsChange(zero, R2, 'idps_ind')).toEqual({ before: 0, after: 1_250, diff: 1_250 });
  });

  it('keeps compare= in the hash, after the older keys, and reads it back', () => {
    const state = parseState('#round=72&indicator=idps_ind&lang=fr&dataset=mli&compare=70', '', 'en');
    expect(state.compare).toBe('70');
    expect(formatHash(state)).toBe('#round=72&indicator=idps_ind&lang=fr&dataset=mli&compare=70');
    expect(parseState('#round=72&compare=<x>', '', 'en').compare).toBeUndefined();
    expect(formatHash({ ...state, compare: undefined })).not.toContain('compare');
  });
});
