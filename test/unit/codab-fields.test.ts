import { describe, expect, it } from 'vitest';
import type { BoundaryLevelSource } from '../../functions/core/dataset-manifest.ts';
import { detectLevel } from '../../geodata/codab-fields.ts';
import { normaliseLevel } from '../../geodata/normalize.ts';

const square = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ],
];
const file = (...properties: Record<string, unknown>[]) => ({
  type: 'FeatureCollection',
  features: properties.map((p) => ({
    type: 'Feature',
    properties: p,
    geometry: { type: 'Polygon', coordinates: square },
  })),
});
const adm2: BoundaryLevelSource = { level: 2, file: 'xx_adm2.geojson' };
const read = (source: BoundaryLevelSource, ...properties: Record<string, unknown>[]) =>
  normaliseLevel(file(...properties), source, undefined).map((area) => area.properties);

/** A commune as COD-AB writes it, with the fields that look like names but are not. */
const commune = {
  Shape_Area: 0.01,
  adm2_pcode: 'xx0101',
  Adm2_En: 'Alpha town',
  ADM2_FR: 'Ville d’Alpha',
  ADM2_HT: 'Vil Alfa',
  ADM2_REF: 'Reference name',
  ADM2ALT1FR: 'Alternative name',
  ADM2_FR_UP: 'VILLE D’ALPHA',
  ADM1_FR: 'Région Un',
  ADM1_PCODE: 'xx01',
  ADM0_PCODE: 'XX',
};

describe('COD-AB boundary fields are detected from their names, in any case', () => {
  it('reads P-code, parent, the own-language name (French first) and every language', () => {
    expect(read(adm2, commune)).toEqual([
      expect.objectContaining({
        pcode: 'XX0101',
        parent: 'XX01',
        level: 2,
        name: 'Ville d’Alpha',
        names: { en: 'Alpha town', fr: 'Ville d’Alpha', ht: 'Vil Alfa' },
      }),
    ]);
  });

  it('takes English when there is no French, else the first language, and the manifest’s language', () => {
    const { ADM2_FR: _fr, ...noFrench } = commune;
    expect(read(adm2, noFrench)[0]?.name).toBe('Alpha town');
    const { Adm2_En: _en, ...creoleOnly } = noFrench;
    expect(read(adm2, creoleOnly)[0]).toMatchObject({ name: 'Vil Alfa', names: { ht: 'Vil Alfa' } });
    expect(read({ ...adm2, language: 'HT' }, commune)[0]?.name).toBe('Vil Alfa');
  });

  it('leaves out a language an area has no name in, and the other areas keep it', () => {
    const areas = read(adm2, { ...commune, ADM2_HT: '' }, { ...commune, adm2_pcode: 'XX0102' });
    expect(areas[0]?.names).toEqual({ en: 'Alpha town', fr: 'Ville d’Alpha' });
    expect(areas[1]?.names?.ht).toBe('Vil Alfa');
  });

  it('lets the manifest override every field', () => {
    const source = { ...adm2, pcodeField: 'CODE', nameField: 'ADM2_REF', parentField: 'UP' };
    expect(read(source, { ...commune, CODE: 'XX0199', UP: 'XX09' })[0]).toMatchObject({
      pcode: 'XX0199',
      parent: 'XX09',
      name: 'Reference name',
      names: { en: 'Alpha town', fr: 'Ville d’Alpha', ht: 'Vil Alfa' },
    });
  });

  it('has no parent at level 1 and no names where the file has no language fields', () => {
    const [region] = read(
      { level: 1, file: 'adm1.geojson' },
      { ADM1_PCODE: 'XX01', ADM1_EN: 'One', ADM0_PCODE: 'XX' },
    );
    expect(region).not.toHaveProperty('parent');
    const [legacy] = read(
      { ...adm2, pcodeField: 'PCode', nameField: 'NAME' },
      { PCode: 'XX0101', NAME: 'Alpha' },
    );
    expect(legacy).not.toHaveProperty('names');
    expect(legacy).not.toHaveProperty('parent');
  });

  it.each([
    [
      'no P-code field',
      adm2,
      { CODE: 'XX0101', NAME: 'Alpha' },
      'xx_adm2.geojson, column "ADM2_PCODE": no P-code field found: expected ADM2_PCODE (any case) or pcodeField in the manifest; fields seen: CODE, NAME',
    ],
    [
      'P-code of another level only',
      adm2,
      { ADM1_PCODE: 'XX01', ADM1_FR: 'Un' },
      /column "ADM2_PCODE": no P-code field found.*fields seen: ADM1_PCODE, ADM1_FR$/,
    ],
    [
      'no name field',
      adm2,
      { ADM2_PCODE: 'XX0101', ADM2_REF: 'x', ADM2ALT1EN: 'y' },
      /column "ADM2_EN": no name field found: expected ADM2_<language>.*fields seen: ADM2_PCODE, ADM2_REF, ADM2ALT1EN/,
    ],
    [
      'the manifest’s language missing',
      { ...adm2, language: 'es' },
      commune,
      /column "ADM2_ES": no name field in language "es" found/,
    ],
    [
      'two spellings of the P-code field',
      adm2,
      { ...commune, ADM2_PCODE: 'XX0101' },
      /column "ADM2_PCODE": fields "adm2_pcode" and "ADM2_PCODE" differ only in case/,
    ],
  ])('names the file and the field looked for: %s', (_name, source, properties, message) => {
    expect(() => read(source, properties)).toThrow(message);
  });

  it('suggests the level from the deepest ADMn_PCODE', () => {
    expect(detectLevel(Object.keys(commune))).toBe(2);
    expect(detectLevel(['adm3_pcode', 'ADM2_PCODE'])).toBe(3);
    expect(detectLevel(['ADM0_PCODE', 'PCODE'])).toBeUndefined();
  });
});
