import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededService, type TestService } from '../helpers/service.ts';

// On the real Mali data: each round is credited to the sources behind it. Round 72 is IOM DTM's on the 2021
// COD-AB layer; the 2012–2014 monthly rounds are IOM DTM's and the CMP's on the 9-région layer.

let service: TestService;
const json = async (path: string) => {
  const response = await service.app.request(`http://atlas.test${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};

beforeAll(async () => {
  service = await startSeededService();
});
afterAll(() => service.close());

const DTM_CREDIT =
  'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)';
const CMP = 'Commission on Population Movements (CMP)';

describe('what maps and GIS clients credit', () => {
  it('credits Round 72 to IOM DTM and the 2021 COD-AB layer, and 2014-06 to IOM DTM, the CMP and the 9-région layer', async () => {
    const r72 = (await json('/tiles/mli/72/tiles.json')).attribution;
    const june = (await json('/tiles/mli/2014-06/tiles.json')).attribution;
    expect(r72).toContain(DTM_CREDIT);
    expect(r72).toContain('OCHA COD-AB Mali (2021-12-20)');
    expect(r72).not.toContain('CMP');
    expect(r72).not.toContain('9-région');
    expect(june).toContain(DTM_CREDIT);
    expect(june).toContain(CMP);
    expect(june).toContain('9-région layer used for the 2012–2014 IDP series');
    expect(june).not.toContain('COD-AB');
    // The style a map loads says the same as the TileJSON it points at, per round.
    expect((await json('/styles/mli/72/style.json')).sources.dtm.attribution).toBe(r72);
    expect((await json('/styles/mli/2014-06/style.json?flavor=qgis')).sources.dtm.attribution).toBe(june);
    const mali = (await json('/tiles')).datasets.find((dataset: any) => dataset.id === 'mli');
    const byKey = new Map(mali.rounds.map((round: any) => [round.key, round.attribution]));
    expect([byKey.get('72'), byKey.get('2014-06'), byKey.get('2013-01')]).toEqual([r72, june, june]);
    expect(mali.attribution).toBe(r72);
  });

  it('gives every monthly round the CMP credit, the legacy licence and no caveat; Round 72 its caveat', async () => {
    const { rounds } = await json('/api/v1/datasets/mli/rounds');
    for (const round of rounds.filter((r: any) => r.key !== '72')) {
      expect(round.provenance.organisations, round.key).toBe(`IOM DTM and the ${CMP}`);
      expect(round.provenance.boundaries.licence).toMatch(/^No licence stated by the publisher/);
      expect(round).not.toHaveProperty('caveat');
    }
    const r72 = rounds.find((r: any) => r.key === '72');
    expect(r72.provenance).toMatchObject({ organisations: 'IOM DTM', credit: DTM_CREDIT });
    expect(r72.provenance.boundaries.licence).toMatch(/OCHA COD\/FOD Registry terms of use/);
    expect(r72.caveat.en).toMatch(/chef-lieu/);
    expect(r72.caveat.fr).toMatch(/chef-lieu/);
    const figures = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm3');
    expect(figures.caveat).toEqual(r72.caveat);
  });
});

describe('what the downloads say', () => {
  it('marks the corrected Ménaka cercle in the Round 72 CSV, with the source hash and caveat on every row', async () => {
    const response = await service.app.request(
      'http://atlas.test/api/v1/datasets/mli/rounds/72/figures.csv?level=adm2',
    );
    const [header, , ...rows] = parse(await response.text()) as string[][];
    const records = rows.map((row) => Object.fromEntries(row.map((v, i) => [header?.[i], v])));
    const { rounds } = await json('/api/v1/datasets/mli/rounds');
    const sha256 = rounds.find((r: any) => r.key === '72').source.sha256;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(records.map((r) => r.source_sha256))).toEqual(new Set([sha256]));
    expect(new Set(records.map((r) => r.caveat)).size).toBe(1);
    expect(records[0]?.caveat).toMatch(/chef-lieu/);
    expect(records[0]?.credit).toContain('COD-AB');
    const menaka = records.find((r) => r.pcode === 'ML1001');
    expect(menaka?.correction).toMatch(/MLI1004 "Menaka" read as ML1001/);
    const corrected = records.filter((r) => r.correction !== '').map((r) => r.pcode);
    expect(corrected.sort()).toEqual(['ML0106', 'ML1001']);
  });

  it('gives the 2014-06 GeoJSON the CMP credit and the 9-région layer, and no caveat', async () => {
    const response = await service.app.request(
      'http://atlas.test/api/v1/datasets/mli/rounds/2014-06/figures.geojson?level=adm1',
    );
    const collection = (await response.json()) as any;
    expect(collection).toMatchObject({ round: '2014-06', date: '2014-06-30' });
    expect(collection.provenance.attribution).toContain(CMP);
    expect(collection.provenance.boundaries.title).toMatch(/^Mali régions before 2016/);
    expect(collection.licence).toMatch(/non-commercial use only/);
    expect(collection).not.toHaveProperty('caveat');
    expect(collection.features.some((f: any) => 'correction' in f.properties)).toBe(false);
  });
});
