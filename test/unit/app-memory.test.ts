import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyService } from '../helpers/tiny.ts';

// The HTTP app on the in-memory ports with Testland (test/fixtures/tiny): what a user of the API, the map or
// QGIS would notice, without stand-ins or the shared data.
let app: Awaited<ReturnType<typeof tinyService>>['app'];

beforeAll(async () => {
  ({ app } = await tinyService());
});

const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);
const json = async (path: string) => {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};

describe('API on memory ports', () => {
  it('lists the dataset and its round with totals summed from the file', async () => {
    const { datasets, countries } = await json('/api/v1/datasets');
    expect(datasets.map((d: { id: string }) => d.id)).toEqual(['xx']);
    // Testland's manifest names no operation list: its country is named by its code, its status unknown.
    expect(countries).toEqual([
      { country: 'XXX', name: 'XXX', datasets: [{ id: 'xx', name: 'Testland', operationStatus: 'unknown' }] },
    ]);
    const { rounds } = await json('/api/v1/datasets/xx/rounds');
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({
      key: '1',
      date: '2024-01-31',
      boundarySet: 'xx-2024',
      totals: { idps_ind: 250, idps_hh: 60, returnees_ind: 7, returnees_hh: 2 },
    });
  });

  it('serves the figures per district, and no_data for the district without a row', async () => {
    const { areas } = await json('/api/v1/datasets/xx/rounds/1/figures?level=adm2');
    const byCode = new Map(areas.map((area: { pcode: string }) => [area.pcode, area]));
    expect(byCode.get('XX0101')).toMatchObject({ name: 'Amber', status: 'reported', idps_ind: 120 });
    expect(byCode.get('XX0102')).toMatchObject({ status: 'reported', idps_ind: 80, returnees_ind: 7 });
    expect(byCode.get('XX0202')).toMatchObject({ name: 'Dune', status: 'no_data' });
    expect(byCode.get('XX0202')).not.toHaveProperty('idps_ind');
  });

  it('sums districts into regions, and follows an area across rounds', async () => {
    const { areas } = await json('/api/v1/datasets/xx/rounds/latest/figures?level=adm1');
    expect(areas.map((a: { pcode: string; idps_ind: number }) => [a.pcode, a.idps_ind])).toEqual([
      ['XX01', 200],
      ['XX02', 50],
    ]);
    const { series } = await json('/api/v1/datasets/xx/areas/XX0101/series');
    expect(series).toMatchObject([{ round: '1', status: 'reported', idps_ind: 120 }]);
  });

  it('answers 404 for an unknown round or dataset and 400 for a bad level', async () => {
    expect((await get('/api/v1/datasets/xx/rounds/9/figures')).status).toBe(404);
    expect((await get('/api/v1/datasets/nope/rounds')).status).toBe(404);
    expect((await get('/api/v1/datasets/xx/rounds/1/figures?level=adm7')).status).toBe(400);
  });
});

describe('tiles on memory ports', () => {
  it('decodes a tile over Testland with the figures as properties', async () => {
    const response = await get('/tiles/xx/1/6/32/30.mvt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer())));
    const adm2 = tile.layers.adm2;
    const features = Array.from({ length: adm2?.length ?? 0 }, (_, i) => adm2?.feature(i));
    const amber = features.find((f) => f?.properties.pcode === 'XX0101');
    expect(amber?.properties).toMatchObject({ name: 'Amber', status: 'reported', idps_ind: 120, round: '1' });
    const dune = features.find((f) => f?.properties.pcode === 'XX0202');
    expect(dune?.properties.status).toBe('no_data');
    expect(dune?.properties).not.toHaveProperty('idps_ind');
  });

  it('answers 204 for a tile outside the boundary set, 404 for an unknown round, 400 for a bad path', async () => {
    expect((await get('/tiles/xx/1/6/0/0.mvt')).status).toBe(204);
    expect((await get('/tiles/xx/9/0/0/0.mvt')).status).toBe(404);
    expect((await get('/tiles/xx/1/a/b/c.mvt')).status).toBe(400);
  });

  it('describes the tiles in TileJSON and a style that point at this server', async () => {
    const tilejson = await json('/tiles/xx/1/tiles.json');
    expect(tilejson.tiles[0]).toMatch(/^http:\/\/atlas\.test\/tiles\/xx\/1\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=/);
    expect(tilejson.bounds).toEqual([0, 10, 2, 11]);
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toContain('adm2');
    const style = await json('/styles/xx/1/style.json');
    expect(JSON.stringify(style.sources)).toContain('http://atlas.test/tiles/xx/1/tiles.json');
    expect(style.layers.length).toBeGreaterThan(0);
  });

  it('offers QGIS connections for a known dataset and 404 for an unknown one', async () => {
    const qgis = await get('/qgis/xx.xml');
    expect(qgis.status).toBe(200);
    expect(await qgis.text()).toContain('url="http://atlas.test/tiles/xx/1/{z}/{x}/{y}.mvt"');
    expect((await get('/qgis/x.xml')).status).toBe(404);
  });
});
