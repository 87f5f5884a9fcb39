import { describe, expect, it } from 'vitest';
import type { AtlasError } from '../../functions/core/errors.ts';
import { featureIdForPcode } from '../../functions/core/feature-id.ts';
import { parseKey, parseTileCoord } from '../../functions/core/tile-path.ts';

const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AtlasError).kind;
  }
  return 'ok';
};

describe('tile paths', () => {
  it('accepts .mvt and .pbf', () => {
    expect(parseTileCoord('5', '15', '14.mvt')).toEqual({ z: 5, x: 15, y: 14 });
    expect(parseTileCoord('0', '0', '0.pbf')).toEqual({ z: 0, x: 0, y: 0 });
  });

  it('refuses malformed parts with 400 and absent zooms with 404', () => {
    expect(kindOf(() => parseTileCoord('5', 'a', '1.mvt'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('-1', '0', '0.mvt'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('5', '1.5', '1.mvt'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('5', '01', '1.mvt'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('5', '1', '1.png'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('3', '8', '0.mvt'))).toBe('bad_request');
    expect(kindOf(() => parseTileCoord('11', '0', '0.mvt'))).toBe('not_found');
    expect(kindOf(() => parseKey('../etc', 'round'))).toBe('bad_request');
    expect(kindOf(() => parseKey('72', 'round'))).toBe('ok');
  });

  it('gives every P-code a stable numeric id', () => {
    expect(featureIdForPcode('ML0101')).toBe(featureIdForPcode('ml0101'));
    expect(featureIdForPcode('ML0101')).not.toBe(featureIdForPcode('ML0102'));
    const long = featureIdForPcode('ABCDEFGHIJKLMN');
    expect(Number.isSafeInteger(long)).toBe(true);
    expect(Number.isSafeInteger(featureIdForPcode('ZZZZZZZZZZ'))).toBe(true);
  });
});
