import { describe, expect, it } from 'vitest';
import type { AreaIndex } from '../../functions/core/join.ts';
import { deriveAssessedLocations, placeSites, siteProperties } from '../../functions/core/sites.ts';
import type { AreaProperties } from '../../functions/core/types.ts';
import { InputErrorLog } from '../../functions/ingest/input-log.ts';

const town: AreaProperties = {
  pcode: 'XX010101',
  name: 'Hilltown',
  level: 3,
  parent: 'XX0101',
  anchor: [1, 2],
};
const areas: AreaIndex = new Map([[3, new Map([[town.pcode, town]])]]);

describe('sites', () => {
  it('derives one assessed location per area with figures at the level, at its anchor', () => {
    const figures = [
      { pcode: 'XX010101', level: 3 as const, sourceRows: [2], idps_ind: 9 },
      { pcode: 'XX0101', level: 2 as const, sourceRows: [2], idps_ind: 9 },
    ];
    expect(deriveAssessedLocations(figures, areas.get(3) ?? new Map(), 3)).toEqual([
      {
        id: 'XX010101',
        name: 'Hilltown',
        lon: 1,
        lat: 2,
        pcode: 'XX010101',
        type: 'assessed location',
        precision: 'admin3',
        sourceRows: [2],
        idps_ind: 9,
      },
    ]);
  });

  it('gives tile properties: strings and numbers, unknown figures absent', () => {
    const site = {
      id: 'S1',
      name: 'Camp',
      lon: 1,
      lat: 2,
      precision: 'gps' as const,
      sourceRows: [2],
      idps_hh: 3,
    };
    expect(siteProperties(site, { key: 'r1', date: '2020-01-31' })).toEqual({
      id: 'S1',
      name: 'Camp',
      precision: 'gps',
      round: 'r1',
      date: '2020-01-31',
      idps_hh: 3,
    });
  });

  it('places listed sites on areas after the code rules, refusing a code that is no area', () => {
    const errors = new InputErrorLog();
    const set = { id: 'xx-test', codeRules: [{ pattern: '^XXX', replacement: 'XX' }] };
    const parsed = [
      { row: 2, id: 'S1', name: 'Camp', lon: 1, lat: 2, sourceCode: 'xxx010101' },
      { row: 3, id: 'S2', name: 'Lost', lon: 1, lat: 2, sourceCode: 'XX999999' },
    ];
    const sites = placeSites(parsed, set, areas, 'sites.csv', errors);
    expect(sites.map((site) => [site.id, site.pcode, site.precision])).toEqual([['S1', 'XX010101', 'gps']]);
    expect(errors.examples[0]?.message).toBe(
      'sites.csv, row 3, column "pcode": XX999999 is not an area of boundary set xx-test',
    );
  });
});
