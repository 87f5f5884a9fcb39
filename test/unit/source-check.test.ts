import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetManifest } from '../../functions/core/dataset-manifest.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { TINY_DIR, tinyManifest } from '../helpers/tiny.ts';

// Every file a manifest names carries the sha256 of the bytes it was reviewed as: a file that has changed
// since is named on the console with both hashes and not seeded as if it were the same source.

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

let dir: string;
let manifest: DatasetManifest;
let catalog: MemoryCatalog;
let boundaries: MemoryBoundaries;
let lines: string[];

/** Testland with the hashes of its files recorded, as `npm run geodata:hashes` writes them. */
async function hashedManifest(): Promise<DatasetManifest> {
  const base = tinyManifest();
  const [set] = base.boundarySets;
  if (!set) throw new Error('tiny has a boundary set');
  const levels = await Promise.all(
    set.levels.map(async (level) => ({ ...level, sha256: await sha256(path.join(TINY_DIR, level.file)) })),
  );
  const sources = await Promise.all(
    base.sources.map(async (source) => ({
      ...source,
      sha256: await sha256(path.join(TINY_DIR, source.file)),
    })),
  );
  return { ...base, boundarySets: [{ ...set, levels }], sources };
}

const run = (folder = dataFolder(dir)) => seed([manifest], folder, catalog, boundaries, (l) => lines.push(l));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-hash-'));
  await cp(TINY_DIR, dir, { recursive: true });
  manifest = await hashedManifest();
  catalog = new MemoryCatalog();
  boundaries = new MemoryBoundaries();
  lines = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('seeding checks each file against its manifest sha256', () => {
  it('seeds files whose bytes are the recorded ones', async () => {
    const summary = await run();
    expect(summary.changed).toEqual([]);
    expect((await catalog.listRounds('xx')).map((r) => r.key)).toEqual(['1']);
  });

  it('names a changed round file with both hashes and does not publish it', async () => {
    const file = path.join(dir, 'figures/round-1.csv');
    await appendFile(file, 'an extra line\n');
    const actual = await sha256(file);
    const summary = await run();
    const expected = manifest.sources[0]?.sha256;
    expect(summary.changed).toEqual([{ dataset: 'xx', file: 'figures/round-1.csv', expected, actual }]);
    const line = lines.find((l) => l.includes('figures/round-1.csv') && l.includes(actual));
    expect(line).toContain(expected);
    expect(await catalog.listRounds('xx')).toEqual([]);
    // The boundaries are still there to draw.
    expect(summary.boundarySets.map((s) => s.id)).toEqual(['xx-2024']);
  });

  it('keeps the round published from the reviewed file when the file later changes', async () => {
    await run();
    const [before] = await catalog.listRounds('xx');
    await appendFile(path.join(dir, 'figures/round-1.csv'), 'XX,XXX01,Made up,XXX0101,Made up,999\n');
    const summary = await run();
    expect(summary.changed.map((c) => c.file)).toEqual(['figures/round-1.csv']);
    const [after] = await catalog.listRounds('xx');
    expect(after?.version).toBe(before?.version);
    expect(after?.totals).toEqual(before?.totals);
  });

  it('names a changed boundary file and seeds neither its set nor the rounds drawn on it', async () => {
    await appendFile(path.join(dir, 'boundaries/adm2.geojson'), '\n');
    const summary = await run();
    expect(summary.changed.map((c) => c.file)).toEqual(['boundaries/adm2.geojson']);
    expect(await boundaries.getManifest('xx-2024')).toBeUndefined();
    expect(await catalog.listRounds('xx')).toEqual([]);
    expect(lines.join('\n')).toContain(
      'figures/round-1.csv: not seeded, as its boundary set xx-2024 was not',
    );
  });
});

describe('a data folder without the DTM files (a fresh clone)', () => {
  it('reads boundaries from the shipped copies and skips the missing round files', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-empty-'));
    try {
      const summary = await run(dataFolder(empty, dir));
      expect(summary.boundarySets.map((s) => s.id)).toEqual(['xx-2024']);
      expect(summary.missing).toEqual([{ dataset: 'xx', file: 'figures/round-1.csv' }]);
      expect(summary.changed).toEqual([]);
      expect(await catalog.listRounds('xx')).toEqual([]);
      expect(lines.join('\n')).toContain(`figures/round-1.csv: not found in ${empty}: skipped`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
