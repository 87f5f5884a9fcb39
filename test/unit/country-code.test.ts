import { describe, expect, it } from 'vitest';
import { groupByCountry } from '../../functions/core/countries.ts';
import { checkCountryCode } from '../../functions/core/country-code.ts';
import type { DatasetMeta } from '../../functions/core/types.ts';
import { checkRequest } from '../../functions/ingest/dataset-request.ts';
import { parseUploadManifest } from '../../functions/ingest/dataset-upload.ts';

const meta = (id: string, country: string, extra: Partial<DatasetMeta> = {}): DatasetMeta => ({
  id,
  name: `${id} dataset`,
  country,
  defaultBoundarySet: `${id}-set`,
  attribution: 'Made up',
  levelNames: { adm1: 'Province' },
  ...extra,
});

describe('a manifest’s iso2', () => {
  it('accepts a two-letter code in capitals, or none', () => {
    expect(() => checkCountryCode({ iso2: 'ML' }, 'mli.json')).not.toThrow();
    expect(() => checkCountryCode({}, 'mli.json')).not.toThrow();
  });

  it('refuses anything else, naming the file and the field', () => {
    expect(() => checkCountryCode({ iso2: 'MLI' }, 'mli.json')).toThrow(
      'mli.json, column "iso2": "MLI" is not an ISO 3166-1 alpha-2 code in capitals (e.g. ML for Mali)',
    );
    expect(() => checkCountryCode({ iso2: 'ml' }, 'x.json')).toThrow('x.json, column "iso2"');
  });

  it('is taken from an uploaded manifest and checked like the CLI’s --iso2', () => {
    const upload = (iso2: unknown) =>
      parseUploadManifest(
        JSON.stringify({ country: 'AFG', iso2, name: 'Afghanistan', boundaries: ['a.json'] }),
        'manifest.json',
        'afg',
      );
    expect(upload('AF').iso2).toBe('AF');
    expect(() => upload(7)).toThrow('manifest.json, column "iso2": expected a string');
    expect(() => checkRequest(upload('AFG'))).toThrow(
      'iso2 "AFG": give the ISO 3166-1 alpha-2 code in capitals',
    );
  });

  it('is served with the country’s group of the catalog', () => {
    const groups = groupByCountry([
      meta('aaa', 'AAA'),
      meta('bbb', 'BBB', { iso2: 'BB' }),
      meta('b2', 'BBB'),
    ]);
    expect(groups.map((group) => [group.country, group.iso2])).toEqual([
      ['AAA', undefined],
      ['BBB', 'BB'],
    ]);
  });
});
