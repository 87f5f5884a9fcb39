import { describe, expect, it } from 'vitest';
import { compareNames, foldName } from '../../functions/core/names.ts';

describe('place names', () => {
  it('folds accents, case and punctuation', () => {
    expect(foldName('Ségou')).toBe('segou');
    expect(foldName('  SÉGOU ')).toBe(foldName('segou'));
    expect(foldName('Mopti Commune', ['commune'])).toBe('mopti');
  });

  it('tells a spelling variant from another place', () => {
    expect(compareNames('Baroueli', 'Baraouéli')).toBe('spelling');
    expect(compareNames('Oualia', 'Dinlin Oualia')).toBe('spelling');
    expect(compareNames('Koulikouro', 'Koulikoro')).toBe('spelling');
    expect(compareNames('Segou Commune', 'Ségou', ['commune'])).toBe('same');
    expect(compareNames('Nioro', 'Diéma')).toBe('different');
    expect(compareNames('Menaka', 'Tidermene')).toBe('different');
    expect(compareNames('Commune I', 'Commune II', ['commune'])).toBe('different');
  });
});
