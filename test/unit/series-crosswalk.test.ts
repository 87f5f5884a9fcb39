import { describe, expect, it } from 'vitest';
import type { SeriesResponse } from '../../functions/core/api-types.ts';
import { checkCrosswalks, crosswalkLinks } from '../../functions/core/crosswalk.ts';
import type { DatasetManifest } from '../../functions/core/dataset-manifest.ts';
import type { Crosswalk } from '../../functions/core/types.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { createApp } from '../../functions/http/app.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { TINY_DIR, tinyManifest } from '../helpers/tiny.ts';

const NOTE = { en: 'Old Southmere then held the islands too.' };

/** Testland's made-up older layout (test/fixtures/tiny/crosswalk) and a crosswalk from it to xx-2024. */
function crosswalk(overrides: Partial<Crosswalk> = {}): Crosswalk {
  return {
    from: 'xx-2010',
    to: 'xx-2024',
    level: 'adm1',
    pairs: [{ from: 'XY01', to: 'XX01' }],
    marked: [{ from: 'XY02', to: ['XX02'], note: NOTE }],
    caveat: { en: 'Figures before 2024 are on the old regions.' },
    ...overrides,
  };
}

function manifest(crosswalks: Crosswalk[]): DatasetManifest {
  const tiny = tinyManifest();
  return {
    ...tiny,
    crosswalks,
    boundarySets: [
      ...tiny.boundarySets,
      {
        id: 'xx-2010',
        title: 'Testland, the old regions (invented)',
        attribution: 'Invented for tests',
        licence: 'Invented for tests: no terms',
        codeRules: [],
        codePattern: '^XY0[0-9]$',
        levels: [
          { level: 1, file: 'crosswalk/old-adm1.geojson', pcodeField: 'OLD_CODE', nameField: 'OLD_NAME' },
        ],
      },
    ],
    sources: [
      ...tiny.sources,
      {
        file: 'crosswalk/old-months.csv',
        boundarySet: 'xx-2010',
        title: 'Testland monthly (invented)',
        organisation: 'Nobody',
      },
    ],
  };
}

async function served(crosswalks: Crosswalk[]) {
  const catalog = new MemoryCatalog();
  const boundaries = new MemoryBoundaries();
  await seed([manifest(crosswalks)], dataFolder(TINY_DIR), catalog, boundaries, () => {});
  const app = createApp({ catalog, boundaries });
  const series = async (pcode: string) =>
    (await (await app.request(`/api/v1/datasets/xx/areas/${pcode}/series`)).json()) as SeriesResponse;
  return { app, catalog, series };
}

describe('an area series across a crosswalk', () => {
  it('runs a matched area across both layouts, each point naming its boundary set', async () => {
    const { series } = await served([crosswalk()]);
    const northvale = await series('XX01');
    expect(northvale.series.map((p) => [p.round, p.boundarySet, p.idps_ind, p.crosswalk])).toEqual([
      ['2010-01', 'xx-2010', 300, 'matched'],
      ['2010-02', 'xx-2010', 280, 'matched'],
      ['1', 'xx-2024', 200, undefined],
    ]);
    expect(northvale.series[0]?.areas).toEqual(['XY01']);
    expect(northvale.crosswalks?.[0]?.caveat.en).toBe('Figures before 2024 are on the old regions.');
    // And back: the old area's series gains the new round.
    const old = await series('XY01');
    expect(old.series.map((p) => [p.round, p.idps_ind, p.crosswalk])).toEqual([
      ['2010-01', 300, undefined],
      ['2010-02', 280, undefined],
      ['1', 200, 'matched'],
    ]);
  });

  it('marks the points of a marked area partial with the note, and keeps a missing month no_data', async () => {
    const { series } = await served([crosswalk()]);
    const southmere = await series('XX02');
    const [january, february, own] = southmere.series;
    expect(january).toMatchObject({ round: '2010-01', idps_ind: 90, crosswalk: 'partial', note: NOTE });
    expect(february).toMatchObject({ round: '2010-02', status: 'no_data', crosswalk: 'partial' });
    expect(february?.idps_ind).toBeUndefined();
    expect(own).toMatchObject({ round: '1', boundarySet: 'xx-2024', idps_ind: 50 });
    expect(own?.crosswalk).toBeUndefined();
  });

  it('keeps each layout apart without a crosswalk, and exposes the crosswalk with the dataset', async () => {
    const { series } = await served([]);
    expect((await series('XX01')).series.map((p) => p.round)).toEqual(['1']);
    const withIt = await served([crosswalk()]);
    const datasets = (await (await withIt.app.request('/api/v1/datasets')).json()) as {
      datasets: Array<{ id: string; crosswalks?: Crosswalk[] }>;
    };
    expect(datasets.datasets.find((d) => d.id === 'xx')?.crosswalks?.[0]).toMatchObject({ from: 'xx-2010' });
  });

  it('refuses a crosswalk naming an area its boundary set lacks, naming the file and field, storing nothing', async () => {
    const bad = crosswalk({ pairs: [{ from: 'XY01', to: 'XX09' }] });
    const catalog = new MemoryCatalog();
    const run = seed([manifest([bad])], dataFolder(TINY_DIR), catalog, new MemoryBoundaries(), () => {});
    await expect(run).rejects.toThrow(
      'xx.json, column "crosswalks[0].pairs[0].to": XX09 is not an adm1 area of xx-2024',
    );
    expect(await catalog.getDataset('xx')).toBeUndefined();
  });
});

describe('checkCrosswalks and crosswalkLinks', () => {
  const codes = (set: string) => new Set(set === 'a' ? ['A1', 'A2'] : ['B1', 'B2', 'B3']);
  const split: Crosswalk = {
    from: 'a',
    to: 'b',
    level: 'adm1',
    pairs: [{ from: 'A1', to: 'B1' }],
    marked: [{ from: 'A2', to: ['B2', 'B3'], note: { en: 'A2 split in two.' } }],
    caveat: { en: 'c' },
  };

  it('names the field of an unknown set, a repeated area and a missing note', () => {
    const check = (c: Crosswalk) => () => checkCrosswalks([c], 'm.json', ['a', 'b'], codes);
    expect(check(split)).not.toThrow();
    expect(check({ ...split, to: 'z' })).toThrow(
      'm.json, column "crosswalks[0].to": z is not a boundary set',
    );
    expect(check({ ...split, pairs: [{ from: 'A1', to: 'B2' }] })).toThrow(
      'column "crosswalks[0].marked[0].to[0]": B2 is already in crosswalks[0].pairs[0].to',
    );
    const noNote = { ...split, marked: [{ from: 'A2', to: ['B2'], note: { en: '' } }] };
    expect(check(noNote)).toThrow('column "crosswalks[0].marked[0].note.en"');
  });

  it('links a split area to both parts from the old side, and each part to the whole', () => {
    expect(crosswalkLinks([split], 'a', 'adm1', 'A2')).toMatchObject([
      { boundarySet: 'b', pcodes: ['B2', 'B3'], kind: 'partial' },
    ]);
    expect(crosswalkLinks([split], 'b', 'adm1', 'B3')).toMatchObject([
      { boundarySet: 'a', pcodes: ['A2'], kind: 'partial', note: { en: 'A2 split in two.' } },
    ]);
    expect(crosswalkLinks([split], 'b', 'adm1', 'B1')).toMatchObject([{ pcodes: ['A1'], kind: 'matched' }]);
    expect(crosswalkLinks([split], 'b', 'adm2', 'B1')).toEqual([]);
  });
});
