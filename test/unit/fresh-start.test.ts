import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderState, howToGetFigures } from '../../functions/entry/fresh-start.ts';

// How `npm start` treats the data folder: absent at the default place is a fresh clone (start with the
// shipped boundaries); absent where DTM_DATA_DIR says is a mistake worth stopping for.

describe('npm start and the data folder', () => {
  it('starts without ../shared/data, but stops when DTM_DATA_DIR names no folder', async () => {
    expect(await dataFolderState('/nowhere/shared/data', {})).toBe('absent');
    expect(await dataFolderState('/nowhere/dtm-data', { DTM_DATA_DIR: '/nowhere/dtm-data' })).toBeNull();
    const dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-folder-'));
    try {
      expect(await dataFolderState(dir, { DTM_DATA_DIR: dir })).toBe('present');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says both ways of getting figures, naming the datasets without any', () => {
    const text = howToGetFigures(['Mali (mli)'], '/data');
    expect(text).toContain('No DTM figures yet for Mali (mli)');
    expect(text).toMatch(/DTM_API_KEY.*sync/);
    expect(text).toContain('DTM_DATA_DIR');
  });
});
