import { describe, expect, it } from 'vitest';
import { changeClasses } from '../../functions/core/classes.ts';
import type { Crosswalk } from '../../functions/core/types.ts';
import { crossLevel, layoutYear } from '../../web/src/compare-crosswalk.ts';
import { type ComparableRound, comparableRounds, crosswalkBetween } from '../../web/src/compare-data.ts';

/**
 * Made-up layouts: the old set has three regions, OLD3 later split into NEW3 and NEW4 (marked partial);
 * NEW5 is a new region the crosswalk does not name.
 */
const CROSSWALK: Crosswalk = {
  from: 'old-2000',
  to: 'new-2020',
  level: 'adm1',
  pairs: [
    { from: 'OLD1', to: 'NEW1' },
    { from: 'OLD2', to: 'NEW2' },
  ],
  marked: [{ from: 'OLD3', to: ['NEW3', 'NEW4'], note: { en: 'Old 3 then held New 4.', fr: 'Ancien 3.' } }],
  caveat: { en: 'Old regions before 2020.' },
};
const DATASET = { id: 'xx', crosswalks: [CROSSWALK] };

const OLD_A: ComparableRound = { key: 'a', date: '2001-03-31', boundarySet: 'old-2000', totals: {} };
const OLD_B: ComparableRound = { key: 'b', date: '2002-03-31', boundarySet: 'old-2000', totals: {} };
const NEW_C: ComparableRound = { key: 'c', date: '2021-03-31', boundarySet: 'new-2020', totals: {} };
const ELSE_D: ComparableRound = { key: 'd', date: '2022-03-31', boundarySet: 'other-2022', totals: {} };

const OLD_ROWS = [
  { pcode: 'OLD1', name: 'One', idps_ind: 100 },
  { pcode: 'OLD2', name: 'Two', idps_ind: 500 },
  { pcode: 'OLD3', name: 'Three', idps_ind: 3_000 },
];
const NEW_ROWS = [
  { pcode: 'NEW1', name: 'One', idps_ind: 250 },
  { pcode: 'NEW2', name: 'Two', idps_ind: 200 },
  { pcode: 'NEW3', name: 'Three', idps_ind: 120 },
  { pcode: 'NEW4', name: 'Four', idps_ind: 90 },
  { pcode: 'NEW5', name: 'Five', idps_ind: 40 },
];

describe('compare across a crosswalk', () => {
  it('offers the rounds of a crosswalked layout, and none of a layout without a crosswalk', () => {
    const rounds = [OLD_A, OLD_B, NEW_C, ELSE_D];
    expect(comparableRounds(rounds, NEW_C, DATASET).map((r) => r.key)).toEqual(['a', 'b']);
    expect(comparableRounds(rounds, OLD_A, DATASET).map((r) => r.key)).toEqual(['b', 'c']);
    expect(comparableRounds(rounds, NEW_C).map((r) => r.key)).toEqual([]);
    expect(crosswalkBetween(DATASET, 'new-2020', 'old-2000')).toBe(CROSSWALK);
    expect(crosswalkBetween(DATASET, 'old-2000', 'old-2000')).toBeUndefined();
  });

  it('maps the old figures onto the new areas: matched pairs compare, the split region is not the same ground', () => {
    const change = crossLevel(
      { boundarySet: 'new-2020', rows: NEW_ROWS },
      { boundarySet: 'old-2000', rows: OLD_ROWS },
      'idps_ind',
      CROSSWALK,
      true,
    );
    expect([...change.areas.keys()]).toEqual(['NEW1', 'NEW2', 'NEW3', 'NEW4', 'NEW5']);
    expect(change.areas.get('NEW1')).toMatchObject({ before: 100, after: 250, diff: 150 });
    expect(change.areas.get('NEW2')).toMatchObject({ before: 500, after: 200, diff: -300 });
    expect(change.areas.get('NEW1')?.cls).toBeGreaterThanOrEqual(0);
    // Both parts of the old region: its whole figure beside theirs, no difference, no class.
    for (const pcode of ['NEW3', 'NEW4']) {
      const area = change.areas.get(pcode);
      expect(area).toMatchObject({ before: 3_000, cls: -1, crossed: { kind: 'partial', pcodes: ['OLD3'] } });
      expect(area?.diff).toBeUndefined();
      expect(area?.crossed?.note?.en).toBe('Old 3 then held New 4.');
    }
    expect(change.partial).toEqual(['NEW3', 'NEW4']);
    // A region the crosswalk does not name has no figure in the old round: missing, never 0.
    expect(change.areas.get('NEW5')).toMatchObject({ before: undefined, after: 40, cls: -1 });
    expect(change.missing).toEqual(['NEW5']);
    // The classes come from the matched differences alone, not from the split region's would-be change.
    expect(change.classes).toEqual(changeClasses([150, -300]));
    expect(change.classes).not.toEqual(changeClasses([150, -300, -2_880, -2_910]));
  });

  it('maps the new figures onto the old areas the other way, summing the parts only as partial', () => {
    const change = crossLevel(
      { boundarySet: 'old-2000', rows: OLD_ROWS },
      { boundarySet: 'new-2020', rows: NEW_ROWS },
      'idps_ind',
      CROSSWALK,
      false,
    );
    expect(change.areas.get('OLD2')).toMatchObject({ before: 500, after: 200, diff: -300 });
    expect(change.areas.get('OLD3')).toMatchObject({
      before: 3_000,
      after: 210,
      cls: -1,
      crossed: { kind: 'partial', pcodes: ['NEW3', 'NEW4'], names: ['Three', 'Four'] },
    });
    expect(change.partial).toEqual(['OLD3']);
    expect(change.missing).toEqual([]);
  });

  it('leaves a matched area without a figure in the other round as missing, not zero', () => {
    const change = crossLevel(
      { boundarySet: 'new-2020', rows: NEW_ROWS },
      { boundarySet: 'old-2000', rows: [{ pcode: 'OLD1' }, ...OLD_ROWS.slice(1)] },
      'idps_ind',
      CROSSWALK,
      true,
    );
    expect(change.areas.get('NEW1')).toMatchObject({ before: undefined, cls: -1 });
    expect(change.missing).toContain('NEW1');
  });

  it('names a layout by the year of its first round', () => {
    expect(layoutYear([OLD_A, OLD_B, NEW_C], 'old-2000')).toBe('2001');
    expect(layoutYear([OLD_A, NEW_C], 'none')).toBeUndefined();
  });
});
