import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { SHIPPED_DIR, shippedFile } from '../../geodata/shipped.ts';

// A fresh clone has every dataset's boundaries in geodata/shipped/ and no DTM figure: the 9-région layer of
// 2012–2014 is published with the monthly IDP figures among its properties, so only its codes and names ship.

const manifests = await loadDatasetManifests();
const levels = manifests.flatMap((m) => m.boundarySets.flatMap((set) => set.levels));
const HEX = /^[0-9a-f]{64}$/;

describe('the bundled manifests say where each file comes from', () => {
  it.each(levels.map((level) => [level.file, level] as const))('boundary file %s', (_file, level) => {
    expect(level.sha256).toMatch(HEX);
    expect(level.publisher).toBeTruthy();
    expect(level.title).toBeTruthy();
    expect(level.url).toMatch(/^https:\/\//);
  });

  it.each(manifests.flatMap((m) => m.sources).map((s) => [s.file, s] as const))(
    'DTM file %s',
    (_f, source) => {
      expect(source.sha256).toMatch(HEX);
      expect(source.publisher).toBeTruthy();
      expect(source.title).toBeTruthy();
    },
  );
});

describe('geodata/shipped/', () => {
  it.each(levels.map((level) => [shippedFile(level), level] as const))(
    'has %s, with the recorded bytes',
    async (file, level) => {
      const bytes = await readFile(path.join(SHIPPED_DIR, file));
      const hash = createHash('sha256').update(bytes).digest('hex');
      // A stripped copy has its own hash, recorded beside the source's with the reason.
      expect(hash).toBe(level.shipped ? level.shipped.sha256 : level.sha256);
      if (level.shipped) expect(level.shipped.why).toMatch(/figures/);
    },
  );

  it('ships the 9-région layer with codes and names only: no monthly IDP figure, no population', async () => {
    const mli = manifests.find((m) => m.id === 'mli');
    const level = mli?.boundarySets.find((s) => s.id === 'mli-legacy-2012')?.levels[0];
    if (!level?.shipped) throw new Error('the legacy level has a stripped copy');
    const collection = JSON.parse(
      await readFile(path.join(SHIPPED_DIR, level.shipped.file), 'utf8'),
    ) as FeatureCollection;
    expect(collection.features).toHaveLength(9);
    for (const feature of collection.features) {
      const names = Object.keys(feature.properties ?? {});
      expect(names.filter((name) => !level.shipped?.properties.includes(name))).toEqual([]);
      // The source's figure columns are named after months (Sept2012 … July2014) and POP2013_F/M, TOTAL.
      expect(names.filter((name) => /201[234]|^TOTAL$/i.test(name))).toEqual([]);
      expect(feature.properties?.PCode).toMatch(/^MLI00[1-9]$/);
      expect(feature.properties?.REGION_NAM).toBeTruthy();
    }
  });

  it('ships no DTM figure file: only boundaries', async () => {
    const files = await readdir(SHIPPED_DIR, { recursive: true });
    const data = files.filter((f) => /\.[a-z]+$/i.test(f));
    expect(data.every((f) => f.endsWith('.geojson') && f.includes('boundaries'))).toBe(true);
    expect(data.sort()).toEqual(levels.map((level) => shippedFile(level)).sort());
  });
});
