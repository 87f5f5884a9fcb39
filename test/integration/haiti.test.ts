/**
 * Haiti served as Mali is: the `hti` dataset (geodata/datasets/hti.json) seeded by the seeding code from the
 * recorded DTM API v3 responses (../shared/data/haiti/dtm, SOURCES.md section 6: admin 0, 1 and 2 in three
 * files, read as one feed) on COD-AB Haiti, then asked through the HTTP app. Round 10 of "Countrywide
 * monitoring" is 1,287,593 IDPs at every level; each record counts only at its own level.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededService, type TestService } from '../helpers/service.ts';

let service: TestService;
const get = (path: string) => service.app.request(`http://atlas.test${path}`);
const json = async (path: string) => (await get(path)).json() as Promise<Record<string, any>>;
type Area = { pcode: string; status: string; idps_ind?: number; breakdown?: Record<string, any> };
const sum = (items: Array<{ idps_ind?: number }>) => items.reduce((n, item) => n + (item.idps_ind ?? 0), 0);

beforeAll(async () => {
  service = await startSeededService();
}, 240_000);
afterAll(() => service.close());

describe('Haiti from the DTM feed', () => {
  it('seeds hti beside mli: the ten rounds of Countrywide monitoring, numbered as DTM numbers them', async () => {
    const hti = service.seedSummary.rounds.filter((round) => round.dataset === 'hti');
    expect(hti.map((round) => round.key)).toEqual(['0', '1', '2', '3', '5', '6', '7', '8', '9', '10']);
    const { datasets } = await json('/api/v1/datasets');
    expect(datasets.map((d: { id: string }) => d.id).sort()).toEqual(['hti', 'mli']);
    expect(datasets.find((d: { id: string }) => d.id === 'hti')).toMatchObject({
      name: 'Haiti',
      country: 'HTI',
      levelNames: { adm1: 'Département', adm2: 'Commune' },
    });
    const { rounds } = await json('/api/v1/datasets/hti/rounds');
    expect(rounds.map((r: { key: string; date: string }) => [r.key, r.date])).toEqual([
      ['0', '2022-04-30'],
      ['1', '2022-09-30'],
      ['2', '2022-11-30'],
      ['3', '2023-03-31'],
      ['5', '2023-11-30'],
      ['6', '2024-03-31'],
      ['7', '2024-05-31'],
      ['8', '2024-09-30'],
      ['9', '2024-12-31'],
      ['10', '2025-06-30'],
    ]);
    expect(rounds.at(-1)).toMatchObject({ number: 10, totals: { idps_ind: 1_287_593 } });
    // The round summary carries the admin 0 check: every level's records sum to the national figure.
    expect((await json('/api/v1/datasets/hti/rounds/10')).levelCheck).toEqual({
      against: 'national',
      levels: [0, 1, 2].map((level) => ({ level, sum: { idps_ind: 1_287_593 } })),
      matches: true,
    });
  });

  it('lists Haiti and Mali by country, each operation Active in the DTM operation list', async () => {
    const { countries } = await json('/api/v1/datasets');
    expect(countries).toEqual([
      {
        country: 'HTI',
        iso2: 'HT',
        name: 'Haiti',
        datasets: [
          { id: 'hti', name: 'Haiti', operation: 'Countrywide monitoring', operationStatus: 'Active' },
        ],
      },
      {
        country: 'MLI',
        iso2: 'ML',
        name: 'Mali',
        datasets: [{ id: 'mli', name: 'Mali', operation: 'Mali Conflict', operationStatus: 'Active' }],
      },
    ]);
  });

  it('gives round 10 at admin 1: 1,287,593 IDPs, Ouest 413,216', async () => {
    const body = await json('/api/v1/datasets/hti/rounds/10/figures?level=adm1');
    expect(body.totals).toEqual({ idps_ind: 1_287_593 });
    expect(body.areas).toHaveLength(10);
    expect(sum(body.areas)).toBe(1_287_593);
    expect(body.unplaced).toEqual({});
    expect(body.areas.find((a: Area) => a.pcode === 'HT01')).toMatchObject({ idps_ind: 413_216 });
  });

  it('gives round 10 at admin 2: Port-au-Prince 169,261 with its parts, HT0135 no data', async () => {
    const body = await json('/api/v1/datasets/hti/rounds/10/figures?level=adm2');
    expect(body.areas).toHaveLength(140);
    expect(sum(body.areas)).toBe(1_287_593);
    const areas = new Map<string, Area>(body.areas.map((a: Area) => [a.pcode, a]));
    expect(areas.get('HT0135')?.status).toBe('no_data');
    expect(areas.get('HT0135')).not.toHaveProperty('idps_ind');
    const portAuPrince = areas.get('HT0111');
    expect(portAuPrince).toMatchObject({ status: 'reported', idps_ind: 169_261 });
    const { reason, assessmentType } = portAuPrince?.breakdown ?? {};
    expect(reason.map((p: { label: string }) => p.label)).toEqual(['Conflict', 'Insecurity']);
    expect(sum(reason)).toBe(169_261);
    expect(sum(assessmentType)).toBe(169_261);
  });

  it('reports the admin 0 check as matching, and the other operations as skipped', async () => {
    const report = await json('/api/v1/datasets/hti/rounds/10/report');
    expect(report.levelCheck).toEqual({
      against: 'national',
      levels: [0, 1, 2].map((level) => ({ level, sum: { idps_ind: 1_287_593 } })),
      matches: true,
    });
    // Counted over the three files, never imported.
    const skipped = new Map(report.skippedOperations.map((s: any) => [s.operation, s.rows]));
    expect(Object.fromEntries(skipped)).toEqual({
      'Haiti Earthquake': 438,
      'Hurricane Matthew': 114,
      'Hurricane Season in the Caribbean (2017)': 37,
      'Earthquake (August-2021)': 20,
    });
    // Every row of the operation is placed; round 10 reports 137 of the 140 communes.
    expect(report.unmatchedCodes).toEqual([]);
    expect(report.levels.map((l: any) => [l.level, l.areasWithData])).toEqual([
      [1, 10],
      [2, 137],
    ]);
  });

  it('serves tiles, TileJSON, style and the QGIS file for hti as for mli', async () => {
    const tilejson = await json('/tiles/hti/10/tiles.json');
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['adm1', 'adm2']),
    );
    // Port-au-Prince at zoom 8.
    const tile = await get('/tiles/hti/10/8/76/114.mvt');
    expect(tile.status).toBe(200);
    const decoded = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer())));
    expect(Object.keys(decoded.layers)).toEqual(expect.arrayContaining(['adm1', 'adm2']));
    const adm2 = decoded.layers.adm2;
    const features = Array.from({ length: adm2?.length ?? 0 }, (_, i) => adm2?.feature(i).properties);
    expect(features.find((p) => p?.pcode === 'HT0111')).toMatchObject({ idps_ind: 169_261 });
    const style = await get('/styles/hti/10/style.json');
    expect(style.status).toBe(200);
    expect(validateStyleMin((await style.json()) as never)).toEqual([]);
    const qgis = await get('/qgis/hti.xml');
    expect(qgis.status).toBe(200);
    expect(await qgis.text()).toContain('url="http://atlas.test/tiles/hti/latest/{z}/{x}/{y}.mvt"');
  });
});
