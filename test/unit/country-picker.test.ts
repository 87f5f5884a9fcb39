import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../functions/core/api-types.ts';
import { countryName } from '../../web/src/country-name.ts';
import { type CatalogDataset, groupByCountry, inactive } from '../../web/src/country-picker.ts';
import { areaName, levelName } from '../../web/src/local-names.ts';

/** Made-up catalog entries: two operations in one country, one in another. */
const dataset = (id: string, country: string, name: string, extra: Partial<CatalogDataset> = {}) =>
  ({
    id,
    name,
    country,
    defaultBoundarySet: `${id}-set`,
    attribution: 'IOM DTM',
    levelNames: { adm1: 'Province' },
    links: { rounds: '', tilejson: '' },
    ...extra,
  }) as DatasetSummary & CatalogDataset;

const FLAT = [
  dataset('aaa', 'AAA', 'Aland', { operation: 'Countrywide monitoring', operationStatus: 'Active' }),
  dataset('bbb', 'BBB', 'Bland'),
  dataset('aaa-flood', 'AAA', 'Aland', { operation: 'Flood response', operationStatus: 'Inactive' }),
];

describe('the country picker’s groups', () => {
  it('groups the flat list by country, in order of first mention, named by code (never by dataset)', () => {
    expect(groupByCountry({ datasets: FLAT }).map((g) => [g.name, g.datasets.map((d) => d.id)])).toEqual([
      ['AAA', ['aaa', 'aaa-flood']],
      ['BBB', ['bbb']],
    ]);
  });

  it('names a country in the page’s language from the manifest’s iso2, else as the catalog does', () => {
    const groups = groupByCountry({
      datasets: [dataset('hti', 'HTI', 'Haiti', { iso2: 'HT' }), dataset('zzz', 'ZZZ', 'Zland')],
      countries: [
        { country: 'HTI', name: 'Haiti', datasets: ['hti'] },
        { country: 'ZZZ', datasets: ['zzz'] },
      ],
    });
    expect(groups.map((g) => countryName(g, 'fr'))).toEqual(['Haïti', 'ZZZ']);
    expect(groups.map((g) => countryName(g, 'en'))).toEqual(['Haiti', 'ZZZ']);
    expect(countryName({ name: 'Mali', iso2: 'ML' }, 'fr')).toBe('Mali');
    // A code the browser has no name for, or not a code at all: the catalog's name.
    expect(countryName({ name: 'QQQ', iso2: 'QQ' }, 'en')).toBe('QQQ');
    expect(countryName({ name: 'XYZ', iso2: 'xyz' }, 'en')).toBe('XYZ');
  });

  it('follows the catalog’s countries when it has them, by id or by entry', () => {
    const groups = groupByCountry({
      datasets: FLAT,
      countries: [
        { country: 'BBB', name: 'Bland Republic', datasets: ['bbb'] },
        { country: 'AAA', name: 'Aland', datasets: [{ id: 'aaa-flood' }, 'aaa', 'gone'] },
      ],
    });
    expect(groups.map((g) => [g.name, g.datasets.map((d) => d.id)])).toEqual([
      ['Bland Republic', ['bbb']],
      ['Aland', ['aaa-flood', 'aaa']],
    ]);
    expect(groups[1]?.datasets.map(inactive)).toEqual([true, false]);
  });
});

describe('names in the page’s language', () => {
  const haiti = {
    levelNames: { adm1: 'Département', adm2: 'Commune' },
    levelNamesByLanguage: { en: { adm1: 'Department' } },
  };

  it('names a level in the page’s language, else as the manifest’s levelNames, else by key', () => {
    expect(levelName(haiti, 'adm1', 'en')).toBe('Department');
    expect(levelName(haiti, 'adm1', 'fr')).toBe('Département');
    expect(levelName(haiti, 'adm2', 'en')).toBe('Commune');
    expect(levelName(haiti, 'adm3', 'en')).toBe('adm3');
  });

  it('names an area in the page’s language where the boundaries have it', () => {
    const west = { name: 'Ouest', name_en: 'West', name_fr: 'Ouest' };
    expect(areaName(west, 'en')).toBe('West');
    expect(areaName(west, 'fr')).toBe('Ouest');
    expect(areaName({ name: 'Kayes', name_fr: 'Kayes' }, 'en')).toBe('Kayes');
  });
});
