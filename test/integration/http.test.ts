import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededService, type TestService } from '../helpers/service.ts';

let service: TestService;
const get = (path: string, headers: Record<string, string> = {}) =>
  service.app.request(`http://atlas.test${path}`, { headers });
const json = async (path: string) => (await get(path)).json() as Promise<Record<string, any>>;

beforeAll(async () => {
  service = await startSeededService();
});
afterAll(() => service.close());

describe('seeding', () => {
  it('loads the boundaries and Round 72 once; a second run loads nothing', async () => {
    expect(service.seedSummary.rounds).toEqual([{ dataset: 'mli', key: '72', outcome: 'published' }]);
    const { seed } = await import('../../functions/local/seed.ts');
    const { loadDatasetManifests } = await import('../../geodata/dataset-manifest.ts');
    const { DATA_DIR } = await import('../helpers/service.ts');
    const again = await seed(
      await loadDatasetManifests(),
      DATA_DIR,
      service.catalog,
      service.boundaries,
      () => {},
    );
    expect(again.boundarySets).toEqual([{ id: 'mli-codab-2021', outcome: 'unchanged' }]);
    expect(again.rounds).toEqual([{ dataset: 'mli', key: '72', outcome: 'unchanged' }]);
  });
});

describe('API', () => {
  it('lists datasets and rounds', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const { datasets } = await json('/api/v1/datasets');
    expect(datasets.map((d: { id: string }) => d.id)).toEqual(['mli']);
    const { rounds } = await json('/api/v1/datasets/mli/rounds');
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({
      key: '72',
      number: 72,
      date: '2021-09-30',
      boundarySet: 'mli-codab-2021',
    });
    expect(rounds[0].totals).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
  });

  it.each([
    ['adm1', 10],
    ['adm2', 53],
    ['adm3', 701],
  ])(
    'gives every %s area with the round totals of 401,736 IDPs in 69,696 households',
    async (level, count) => {
      const body = await json(`/api/v1/datasets/mli/rounds/72/figures?level=${level}`);
      expect(body.areas).toHaveLength(count);
      expect(body.totals).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
      // What the map shows at this level plus what could not be placed is the source total.
      expect(body.placed.idps_ind + body.unplaced.idps_ind).toBe(401_736);
      expect(body.placed.idps_hh + body.unplaced.idps_hh).toBe(69_696);
      const sum = body.areas.reduce((n: number, a: { idps_ind?: number }) => n + (a.idps_ind ?? 0), 0);
      expect(sum).toBe(body.placed.idps_ind);
      for (const area of body.areas) {
        expect(['reported', 'no_data']).toContain(area.status);
        if (area.status === 'no_data') expect(area).not.toHaveProperty('idps_ind');
        else expect(area.sourceRows.length).toBeGreaterThan(0);
      }
    },
  );

  it('places all of Round 72 at région and cercle level; the mis-coded Ménaka row stays unplaced at commune level', async () => {
    const adm1 = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm1');
    expect(adm1.unplaced.idps_ind).toBe(0);
    const adm3 = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm3');
    expect(adm3.unplaced.idps_ind).toBeGreaterThan(0);
    const adm2 = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm2');
    const kolokani = adm2.areas.find((a: { pcode: string }) => a.pcode === 'ML0205');
    expect(kolokani).toMatchObject({ name: 'Kolokani', status: 'no_data' });
  });

  it('serves the join report with the known code errors of Round 72', async () => {
    const report = await json('/api/v1/datasets/mli/rounds/72/report');
    expect(report.unmatchedCodes).toEqual([
      expect.objectContaining({ level: 3, sourceCode: 'MLI100403', code: 'ML100403', sourceName: 'Menaka' }),
    ]);
    const different = report.nameDisagreements.filter(
      (d: { agreement: string }) => d.agreement === 'different',
    );
    expect(different).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 2,
          code: 'ML1004',
          boundaryName: 'Tidermene',
          sourceName: 'Menaka',
          suggestions: [{ pcode: 'ML1001', name: 'Ménaka' }],
        }),
        expect.objectContaining({
          level: 2,
          code: 'ML0102',
          boundaryName: 'Diéma',
          sourceName: 'Nioro',
          suggestions: [{ pcode: 'ML0106', name: 'Nioro' }],
        }),
      ]),
    );
    expect(report.parentDisagreements).toEqual([
      expect.objectContaining({ code: 'ML010614', sourceParent: 'ML0102', boundaryParent: 'ML0106' }),
    ]);
  });

  it('answers unknown datasets and rounds with 404 and bad parameters with 400, as JSON', async () => {
    for (const [path, status] of [
      ['/api/v1/datasets/zzz/rounds', 404],
      ['/api/v1/datasets/mli/rounds/71/figures', 404],
      ['/api/v1/datasets/mli/rounds/72/figures?level=adm9', 400],
      ['/nothing/here', 404],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect((await response.json()).error.status).toBe(status);
    }
  });
});

describe('tiles', () => {
  const tile = async (path: string) => {
    const response = await get(path, { 'Accept-Encoding': 'gzip' });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  it('serves gzip MVT with typed attributes, an ETag and 304 on revalidation', async () => {
    const { response, bytes } = await tile('/tiles/mli/72/5/15/14.mvt');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const etag = response.headers.get('ETag') as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const decoded = new VectorTile(new PbfReader(gunzipSync(bytes)));
    const adm2 = decoded.layers.adm2;
    expect(adm2?.version).toBe(2);
    const features = Array.from({ length: adm2?.length ?? 0 }, (_, i) => adm2?.feature(i).properties ?? {});
    const goundam = features.find((p) => p.pcode === 'ML0602');
    expect(goundam).toMatchObject({ name: 'Goundam', status: 'reported', round: '72', date: '2021-09-30' });
    for (const key of ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'])
      expect(typeof goundam?.[key]).toBe('number');
    for (const props of features) expect(Object.values(props)).not.toContain('null');

    const again = await get('/tiles/mli/72/5/15/14.mvt', {
      'Accept-Encoding': 'gzip',
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    const plain = await get('/tiles/mli/72/5/15/14.pbf');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(new Uint8Array(gunzipSync(bytes)));
  });

  it('serves latest as the newest round', async () => {
    const latest = await tile('/tiles/mli/latest/6/30/29.mvt');
    const keyed = await tile('/tiles/mli/72/6/30/29.mvt');
    expect(latest.bytes).toEqual(keyed.bytes);
    expect(latest.response.headers.get('Cache-Control')).toMatch(/max-age=60\b/);
  });

  it('answers 204 for an empty tile, 404 past maxzoom or for an unknown round, 400 for a bad path', async () => {
    expect((await get('/tiles/mli/72/4/0/0.mvt')).status).toBe(204);
    expect((await get('/tiles/mli/72/11/980/940.mvt')).status).toBe(404);
    expect((await get('/tiles/mli/73/4/7/7.mvt')).status).toBe(404);
    expect((await get('/tiles/nowhere/72/4/7/7.mvt')).status).toBe(404);
    expect((await get('/tiles/mli/72/4/7/x.mvt')).status).toBe(400);
    expect((await get('/tiles/mli/72/4/16/0.mvt')).status).toBe(400);
    expect((await get('/tiles/mli/72/4/7/7.png')).status).toBe(400);
  });

  it('describes the tiles in TileJSON 3.0.0 that matches what is served', async () => {
    const tilejson = await json('/tiles/mli/72/tiles.json');
    expect(tilejson.tilejson).toBe('3.0.0');
    expect(tilejson.tiles).toEqual(['http://atlas.test/tiles/mli/72/{z}/{x}/{y}.mvt']);
    expect(tilejson.attribution).toMatch(/IOM/);
    expect(tilejson.attribution).toMatch(/COD-AB/);
    const [west, south, east, north] = tilejson.bounds;
    expect(west).toBeCloseTo(-12.24, 1);
    expect(north).toBeCloseTo(25.0, 1);
    expect(east).toBeGreaterThan(4);
    expect(south).toBeGreaterThan(10);
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual(['adm1', 'adm2', 'adm3']);
    const maxzoom = tilejson.maxzoom;
    expect((await get(`/tiles/mli/72/${maxzoom}/490/470.mvt`)).status).not.toBe(404);
    expect((await get(`/tiles/mli/72/${maxzoom + 1}/980/940.mvt`)).status).toBe(404);
    const decoded = new VectorTile(
      new PbfReader(gunzipSync((await tile('/tiles/mli/72/6/30/29.mvt')).bytes)),
    );
    for (const layer of Object.values(decoded.layers)) {
      const declared = tilejson.vector_layers.find((l: { id: string }) => l.id === layer.name);
      for (let i = 0; i < layer.length; i++) {
        for (const field of Object.keys(layer.feature(i).properties))
          expect(declared.fields).toHaveProperty(field);
      }
    }
  });

  it('serves a valid MapLibre style per round and indicator', async () => {
    const style = await json('/styles/mli/72/style.json');
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.sources.dtm.url).toBe('http://atlas.test/tiles/mli/72/tiles.json');
    const returnees = await json('/styles/mli/72/style.json?indicator=returnees_ind&lang=fr');
    expect(returnees.metadata['dtm-atlas:legend'].title).toBe('Retournés (individus)');
    expect((await get('/styles/mli/72/style.json?indicator=nonsense')).status).toBe(400);
  });
});
