import { describe, expect, it } from 'vitest';
import { applyCorrections, type Correction } from '../../functions/core/corrections.ts';
import type { SourceRow } from '../../functions/core/join.ts';

const row = (n: number, code: string, name: string): SourceRow => ({
  row: n,
  codes: { 2: code },
  sourceCodes: { 2: code },
  names: { 2: name },
  idps_ind: 5,
});

const correction: Correction = {
  round: 'r1',
  level: 2,
  sourceCode: 'xx0299',
  sourceName: 'Lake',
  correctedCode: 'XX0201',
  reason: 'Made-up typo.',
  reviewedBy: 'test',
  reviewedOn: '2020-01-01',
};

describe('applyCorrections', () => {
  it('moves a row whose code and name both match, keeping the source code and recording why', () => {
    const [moved] = applyCorrections([row(2, 'XX0299', 'LAKE')], [correction], 'r1');
    expect(moved?.codes[2]).toBe('XX0201');
    expect(moved?.sourceCodes[2]).toBe('XX0299');
    expect(moved?.corrections).toEqual([
      {
        row: 2,
        level: 2,
        sourceCode: 'XX0299',
        sourceName: 'LAKE',
        correctedCode: 'XX0201',
        reason: 'Made-up typo.',
      },
    ]);
  });

  it('leaves a row whose name differs, and rows of other rounds', () => {
    const other = row(3, 'XX0299', 'Hill');
    expect(applyCorrections([other], [correction], 'r1')).toEqual([other]);
    const sameRow = row(2, 'XX0299', 'Lake');
    expect(applyCorrections([sameRow], [correction], 'r2')).toEqual([sameRow]);
  });

  it('applies a correction for every round (`*`)', () => {
    const [moved] = applyCorrections([row(2, 'XX0299', 'Lake')], [{ ...correction, round: '*' }], 'any');
    expect(moved?.codes[2]).toBe('XX0201');
  });
});
