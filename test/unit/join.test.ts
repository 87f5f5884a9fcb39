import { describe, expect, it } from 'vitest';
import { type AreaIndex, joinRows, type SourceRow } from '../../functions/core/join.ts';
import type { AdminLevel, AreaProperties } from '../../functions/core/types.ts';

const area = (pcode: string, name: string, level: AdminLevel, parent?: string): AreaProperties => ({
  pcode,
  name,
  level,
  ...(parent ? { parent } : {}),
});

const areas: AreaIndex = new Map([
  [1, new Map([['AA01', area('AA01', 'North', 1)]])],
  [
    2,
    new Map([
      ['AA0101', area('AA0101', 'Hill', 2, 'AA01')],
      ['AA0102', area('AA0102', 'Lake', 2, 'AA01')],
    ]),
  ],
  [
    3,
    new Map([
      ['AA010101', area('AA010101', 'Hilltown', 3, 'AA0101')],
      ['AA010201', area('AA010201', 'Laketown', 3, 'AA0102')],
      ['AA010202', area('AA010202', 'Shore', 3, 'AA0102')],
    ]),
  ],
]);

function row(
  n: number,
  codes: [string, string, string],
  names: [string, string, string],
  idps: number,
  hh: number,
): SourceRow {
  return {
    row: n,
    codes: { 1: codes[0], 2: codes[1], 3: codes[2] },
    sourceCodes: { 1: codes[0], 2: codes[1], 3: codes[2] },
    names: { 1: names[0], 2: names[1], 3: names[2] },
    idps_ind: idps,
    idps_hh: hh,
    returnees_ind: 0,
    returnees_hh: 0,
  };
}

describe('joinRows', () => {
  const rows = [
    row(2, ['AA01', 'AA0101', 'AA010101'], ['North', 'Hill', 'Hilltown'], 100, 20),
    row(3, ['AA01', 'AA0102', 'AA010201'], ['North', 'Lake', 'Laketown Commune'], 50, 10),
    // Code points at Hill, name says Lake, and the commune sits under Lake in the boundaries.
    row(4, ['AA01', 'AA0101', 'AA010202'], ['North', 'Lake', 'Shore'], 7, 1),
    // Commune code that does not exist.
    row(5, ['AA01', 'AA0102', 'AA010299'], ['North', 'Lake', 'Shore'], 3, 1),
  ];
  const result = joinRows(rows, areas, { ignoreNameWords: ['commune'] });

  it('sums each level on the row codes and keeps round totals equal to the source', () => {
    expect(result.totals.idps_ind).toBe(160);
    for (const level of result.report.levels) {
      expect((level.placed.idps_ind ?? 0) + (level.unplaced.idps_ind ?? 0)).toBe(160);
    }
    const hill = result.figures.find((f) => f.pcode === 'AA0101');
    expect(hill).toMatchObject({ idps_ind: 107, idps_hh: 21, sourceRows: [2, 4] });
    expect(result.figures.find((f) => f.pcode === 'AA01')?.idps_ind).toBe(160);
  });

  it('leaves an unknown code unplaced, with the area its name suggests', () => {
    expect(result.report.unmatchedCodes).toEqual([
      expect.objectContaining({
        row: 5,
        level: 3,
        code: 'AA010299',
        idps_ind: 3,
        suggestions: [{ pcode: 'AA010202', name: 'Shore' }],
      }),
    ]);
    expect(result.figures.some((f) => f.pcode === 'AA010299')).toBe(false);
    const adm3 = result.report.levels.find((l) => l.level === 3);
    expect(adm3).toMatchObject({ rowsUnmatched: 1, areasWithData: 3, areasWithoutData: 0 });
  });

  it('lists a name that disagrees with its code, and a commune under another parent', () => {
    expect(result.report.nameDisagreements).toEqual([
      expect.objectContaining({
        row: 4,
        level: 2,
        code: 'AA0101',
        sourceName: 'Lake',
        boundaryName: 'Hill',
        agreement: 'different',
        suggestions: [{ pcode: 'AA0102', name: 'Lake' }],
      }),
    ]);
    expect(result.report.parentDisagreements).toEqual([
      { row: 4, level: 3, code: 'AA010202', sourceParent: 'AA0101', boundaryParent: 'AA0102' },
    ]);
  });

  it('reports areas without data separately from zero', () => {
    const adm2 = result.report.levels.find((l) => l.level === 2);
    expect(adm2).toMatchObject({ areasWithData: 2, areasWithoutData: 0 });
    const single = joinRows([rows[0] as SourceRow], areas);
    expect(single.report.levels.find((l) => l.level === 3)).toMatchObject({
      areasWithData: 1,
      areasWithoutData: 2,
    });
  });
});

describe('parts of one figure (DTM API rows by reason and assessment type)', () => {
  const part = (n: number, idps: number, part: SourceRow['part']): SourceRow => ({
    row: n,
    codes: { 1: 'AA01', 2: 'AA0101' },
    sourceCodes: { 1: 'AA01', 2: 'AA0101' },
    names: {},
    idps_ind: idps,
    ...(part ? { part } : {}),
  });

  it('keeps a breakdown whose parts sum to the figure at every level, case differences folded', () => {
    const { figures, report } = joinRows(
      [
        part(1, 500, { reason: 'Conflict', assessmentType: 'BA', males: 200, females: 300 }),
        part(2, 500, { reason: 'Natural disaster', assessmentType: 'BA', males: 250, females: 250 }),
        part(3, 40, { reason: 'conflict', assessmentType: 'SA', males: 20, females: 20 }),
      ],
      areas,
    );
    const expected = {
      reason: [
        { label: 'Conflict', idps_ind: 540 },
        { label: 'Natural disaster', idps_ind: 500 },
      ],
      assessmentType: [
        { label: 'BA', idps_ind: 1000 },
        { label: 'SA', idps_ind: 40 },
      ],
      sex: { males: 470, females: 570 },
    };
    expect(figures.find((f) => f.pcode === 'AA0101')).toMatchObject({ idps_ind: 1040, breakdown: expected });
    expect(figures.find((f) => f.pcode === 'AA01')?.breakdown).toEqual(expected);
    expect(report.merges).toEqual([{ level: 2, code: 'AA0101', rows: [1, 2, 3] }]);
  });

  it('leaves out a dimension some part does not name, and sexes that do not add up to the figure', () => {
    const { figures } = joinRows(
      [
        part(1, 500, { reason: 'Conflict', assessmentType: 'BA', males: 200, females: 299 }),
        part(2, 100, { assessmentType: 'BA', males: 50, females: 50 }),
      ],
      areas,
    );
    expect(figures.find((f) => f.pcode === 'AA0101')?.breakdown).toEqual({
      assessmentType: [{ label: 'BA', idps_ind: 600 }],
    });
  });

  it('gives rows of one-row-per-area sources no breakdown', () => {
    const { figures } = joinRows([part(1, 500, undefined)], areas);
    expect(figures.every((f) => f.breakdown === undefined)).toBe(true);
  });
});
