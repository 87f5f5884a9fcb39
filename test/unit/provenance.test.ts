import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetManifest } from '../../functions/core/dataset-manifest.ts';
import type { RoundMeta } from '../../functions/core/types.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { createApp } from '../../functions/http/app.ts';
import { ingestFile } from '../../functions/ingest/ingest.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import type { CatalogReader } from '../../functions/store/ports.ts';
import { TINY_DIR, tinyManifest } from '../helpers/tiny.ts';

// What a user of the API, a download or a map client reads about where Testland's figures come from: the
// round's own credit line, licence, source file and caveat, and the correction that moved a figure.

const CREDIT = 'Source: nobody (invented figures); Nobody · Boundaries: Invented for tests';
const CAVEAT = { en: 'Invented caveat: district figures are guesses.', fr: 'Mise en garde inventée.' };
const REASON = 'Invented review: the Cedar row belongs to Dune';

/** Testland with a caveat on round 1 and a reviewed correction moving the Cedar row (XXX0201) to Dune. */
function manifest(): DatasetManifest {
  const base = tinyManifest();
  return {
    ...base,
    rounds: { '1': { ...base.rounds?.['1'], caveat: CAVEAT } } as DatasetManifest['rounds'],
    correctionList: [
      {
        round: '1',
        level: 2,
        sourceCode: 'XXX0201',
        sourceName: 'Cedar',
        correctedCode: 'XX0202',
        reason: REASON,
        reviewedBy: 'test',
        reviewedOn: '2026-01-01',
      },
    ],
  };
}

let catalog: MemoryCatalog;
let boundaries: MemoryBoundaries;
let app: ReturnType<typeof createApp>;
let sha256: string;

beforeAll(async () => {
  catalog = new MemoryCatalog();
  boundaries = new MemoryBoundaries();
  await seed([manifest()], dataFolder(TINY_DIR), catalog, boundaries, () => {});
  app = createApp({ catalog, boundaries });
  const file = await readFile(path.join(TINY_DIR, 'figures/round-1.csv'));
  sha256 = createHash('sha256').update(file).digest('hex');
});

const json = async (path: string, on = app) => {
  const response = await on.request(`http://atlas.test${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};

/** The CSV download as records keyed by header, with its hashtag row. */
async function csvDownload(level: string) {
  const response = await app.request(
    `http://atlas.test/api/v1/datasets/xx/rounds/1/figures.csv?level=${level}`,
  );
  const text = await response.text();
  const [header, hashtags, ...rows] = parse(text) as string[][];
  const records = rows.map((row) => Object.fromEntries(row.map((value, i) => [header?.[i], value])));
  return { text, header: header ?? [], hashtags: hashtags ?? [], records };
}

describe('provenance in the API', () => {
  it('lists the round with its own credit, licence, boundary set, source file hash and caveat', async () => {
    const { rounds } = await json('/api/v1/datasets/xx/rounds');
    expect(rounds[0].provenance).toMatchObject({
      attribution: CREDIT,
      credit: 'Source: nobody (invented figures)',
      organisations: 'Nobody',
      licence: 'Invented figures for tests; no terms.',
      boundaries: { attribution: 'Invented for tests', licence: 'Invented for tests: no terms' },
      source: { file: 'round-1.csv', sha256 },
    });
    expect(rounds[0].caveat).toEqual(CAVEAT);
  });

  it('carries provenance and caveat with the figures, the report, the sites and the series', async () => {
    const figures = await json('/api/v1/datasets/xx/rounds/1/figures?level=adm2');
    expect(figures.provenance.attribution).toBe(CREDIT);
    expect(figures.caveat).toEqual(CAVEAT);
    const report = await json('/api/v1/datasets/xx/rounds/1/report');
    expect(report.provenance.source.sha256).toBe(sha256);
    expect(report.caveat.fr).toBe(CAVEAT.fr);
    const sites = await json('/api/v1/datasets/xx/rounds/1/sites');
    expect(sites).toMatchObject({ round: '1', date: '2024-01-31', caveat: CAVEAT });
    expect(sites.provenance.attribution).toBe(CREDIT);
    const series = await json('/api/v1/datasets/xx/areas/XX0202/series');
    expect(series.provenance).toMatchObject([{ attribution: CREDIT, rounds: ['1'] }]);
    expect(series.series[0]).toMatchObject({ round: '1', caveat: CAVEAT });
  });

  it('credits the round, not the dataset, in TileJSON, the style and the catalog', async () => {
    const tilejson = await json('/tiles/xx/1/tiles.json');
    expect(tilejson.attribution).toBe(CREDIT);
    const style = await json('/styles/xx/1/style.json');
    expect(style.sources.dtm.attribution).toBe(CREDIT);
    const catalogBody = await json('/tiles');
    expect(catalogBody.datasets[0].attribution).toBe(CREDIT);
    expect(catalogBody.datasets[0].rounds[0].attribution).toBe(CREDIT);
  });

  it('falls back to the dataset attribution for a round stored without provenance', async () => {
    const strip = (round: RoundMeta | undefined) => round && { ...round, provenance: undefined };
    const old: CatalogReader = new Proxy(catalog, {
      get(target, property) {
        if (property === 'getRound')
          return async (dataset: string, key: string) => strip(await target.getRound(dataset, key));
        if (property === 'listRounds')
          return async (dataset: string) => (await target.listRounds(dataset)).map(strip);
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const legacy = createApp({ catalog: old, boundaries });
    const tilejson = await json('/tiles/xx/1/tiles.json', legacy);
    expect(tilejson.attribution).toBe('Made-up figures and boundaries for tests');
    const { rounds } = await json('/api/v1/datasets/xx/rounds', legacy);
    expect(rounds[0].provenance).toEqual({
      attribution: 'Made-up figures and boundaries for tests',
      source: expect.objectContaining({ sha256 }),
    });
  });
});

describe('provenance in the downloads', () => {
  it('repeats source, credit, licence, source hash and caveat on every CSV row under #meta hashtags', async () => {
    const { header, hashtags, records } = await csvDownload('adm2');
    const tag = (name: string) => hashtags[header.indexOf(name)];
    expect([tag('source'), tag('credit'), tag('licence'), tag('source_sha256'), tag('caveat')]).toEqual([
      '#meta+source',
      '#meta+credit',
      '#meta+licence',
      '#meta+sha256',
      '#meta+caveat',
    ]);
    expect([tag('round'), tag('date'), tag('correction')]).toEqual([
      '#round+code',
      '#date+reported',
      '#meta+correction',
    ]);
    expect(records).toHaveLength(4);
    for (const record of records) {
      expect(record).toMatchObject({
        round: '1',
        date: '2024-01-31',
        source: 'Testland baseline (invented), Round 1 (Nobody), round-1.csv',
        credit: CREDIT,
        source_sha256: sha256,
        caveat: CAVEAT.en,
      });
      expect(record.licence).toBe(
        'Figures: Invented figures for tests; no terms. Boundaries: Invented for tests: no terms',
      );
    }
  });

  it('says which correction moved an area’s figures, and nothing for the others', async () => {
    const { records } = await csvDownload('adm2');
    const byCode = new Map(records.map((record) => [record.pcode, record]));
    expect(byCode.get('XX0202')).toMatchObject({ status: 'reported', idps_ind: '50' });
    expect(byCode.get('XX0202')?.correction).toBe(`row 4: XXX0201 "Cedar" read as XX0202 (${REASON})`);
    expect(byCode.get('XX0201')).toMatchObject({ status: 'no_data', correction: '' });
    expect(byCode.get('XX0101')?.correction).toBe('');
  });

  it('is read back by DTM Atlas’s own ingest to the same figures', async () => {
    const { text } = await csvDownload('adm2');
    const set = await boundaries.getManifest('xx-2024');
    if (!set) throw new Error('no set');
    const prepared = { manifest: set, topology: await boundaries.getTopology(set) };
    const result = await ingestFile(
      tinyManifest(),
      'dtm-xx-1-adm2.csv',
      new TextEncoder().encode(text),
      { catalog: new MemoryCatalog(), boundarySet: async () => prepared },
      { dryRun: true },
    );
    expect(result.format).toBe('hxl-csv');
    expect(result.rounds.map((r) => [r.round.key, r.round.date])).toEqual([['1', '2024-01-31']]);
    expect(result.rounds[0]?.round.totals).toEqual({
      idps_ind: 250,
      idps_hh: 60,
      returnees_ind: 7,
      returnees_hh: 2,
    });
  });

  it('gives the GeoJSON top-level provenance, licence, caveat, round and date, and a per-feature correction', async () => {
    const response = await app.request(
      'http://atlas.test/api/v1/datasets/xx/rounds/1/figures.geojson?level=adm2',
    );
    const collection = (await response.json()) as any;
    expect(collection).toMatchObject({
      type: 'FeatureCollection',
      round: '1',
      date: '2024-01-31',
      caveat: CAVEAT,
      licence: expect.stringContaining('Invented figures for tests; no terms.'),
      provenance: { attribution: CREDIT, source: { sha256 } },
    });
    const byCode = new Map(collection.features.map((f: any) => [f.properties.pcode, f.properties]));
    expect(byCode.get('XX0202')).toMatchObject({ idps_ind: 50, correction: expect.stringContaining(REASON) });
    expect(byCode.get('XX0101')).not.toHaveProperty('correction');
  });
});
