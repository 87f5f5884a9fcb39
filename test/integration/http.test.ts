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
  it('loads the boundary sets, Round 72 and the 23 monthly rounds once; a second run loads nothing', async () => {
    // Haiti (test/integration/haiti.test.ts) is seeded beside Mali.
    const mali = service.seedSummary.rounds.filter((r) => r.dataset === 'mli');
    expect(mali).toHaveLength(24);
    expect(service.seedSummary.rounds.every((r) => r.outcome === 'published')).toBe(true);
    const { seed } = await import('../../functions/ingest/seed.ts');
    const { dataFolder } = await import('../../functions/entry/data-folder.ts');
    const { loadDatasetManifests } = await import('../../geodata/datasets/index.ts');
    const { DATA_DIR } = await import('../helpers/service.ts');
    const again = await seed(
      await loadDatasetManifests(),
      dataFolder(DATA_DIR),
      service.catalog,
      service.boundaries,
      () => {},
    );
    expect(again.boundarySets.map((s) => s.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.rounds.every((r) => r.outcome === 'unchanged')).toBe(true);
  });
});

describe('API', () => {
  it('lists datasets and every round with key, date, source, boundary set, totals and version', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const { datasets } = await json('/api/v1/datasets');
    expect(datasets.map((d: { id: string }) => d.id).sort()).toEqual(['hti', 'mli']);
    const { rounds } = await json('/api/v1/datasets/mli/rounds');
    expect(rounds).toHaveLength(24);
    expect(rounds[0]).toMatchObject({ key: '2012-09', boundarySet: 'mli-legacy-2012' });
    const r72 = rounds[rounds.length - 1];
    expect(r72).toMatchObject({ key: '72', number: 72, date: '2021-09-30', boundarySet: 'mli-codab-2021' });
    expect(r72.totals).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
    expect(r72.version).toMatch(/^[0-9a-f]{16}$/);
    const june = rounds.find((r: { key: string }) => r.key === '2014-06');
    expect(june).toMatchObject({
      date: '2014-06-30',
      boundarySet: 'mli-legacy-2012',
      totals: { idps_ind: 128_866 },
    });
    // The 2012–2014 series counts individuals only: households are unknown, not zero.
    expect(june.totals).not.toHaveProperty('idps_hh');
  });

  it.each([
    ['adm1', 10],
    ['adm2', 53],
    ['adm3', 701],
  ])(
    'gives every %s area of Round 72, all 401,736 IDPs in 69,696 households placed',
    async (level, count) => {
      const body = await json(`/api/v1/datasets/mli/rounds/72/figures?level=${level}`);
      expect(body.areas).toHaveLength(count);
      expect(body.totals).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
      expect(body.placed).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
      expect(body.unplaced).toEqual({});
      const sum = body.areas.reduce((n: number, a: { idps_ind?: number }) => n + (a.idps_ind ?? 0), 0);
      expect(sum).toBe(401_736);
      for (const area of body.areas) {
        expect(['reported', 'no_data']).toContain(area.status);
        if (area.status === 'no_data') expect(area).not.toHaveProperty('idps_ind');
        else expect(area.sourceRows.length).toBeGreaterThan(0);
      }
    },
  );

  it('puts the corrected Ménaka figures on ML1001 with their source code and name kept', async () => {
    const adm2 = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm2');
    const find = (pcode: string) => adm2.areas.find((a: { pcode: string }) => a.pcode === pcode);
    expect(find('ML1001')).toMatchObject({
      name: 'Ménaka',
      status: 'reported',
      idps_ind: 12_995,
      sourceRows: [30],
    });
    expect(find('ML1001').corrections).toEqual([
      expect.objectContaining({
        row: 30,
        level: 2,
        sourceCode: 'MLI1004',
        sourceName: 'Menaka',
        correctedCode: 'ML1001',
      }),
    ]);
    expect(find('ML1004')).toMatchObject({ name: 'Tidermene', status: 'no_data' });
    expect(find('ML0106').sourceRows).toContain(17);
    expect(find('ML0205')).toMatchObject({ name: 'Kolokani', status: 'no_data' });
    const adm3 = await json('/api/v1/datasets/mli/rounds/72/figures?level=adm3');
    expect(adm3.areas.find((a: { pcode: string }) => a.pcode === 'ML100101')).toMatchObject({
      idps_ind: 12_995,
    });
  });

  it('serves the join report: corrections applied, spelling variants listed, nothing unmatched', async () => {
    const report = await json('/api/v1/datasets/mli/rounds/72/report');
    expect(report.corrections.map((c: { correctedCode: string }) => c.correctedCode).sort()).toEqual([
      'ML0106',
      'ML1001',
      'ML100101',
    ]);
    expect(report.unmatchedCodes).toEqual([]);
    expect(report.parentDisagreements).toEqual([]);
    expect(report.nameDisagreements.every((d: { agreement: string }) => d.agreement === 'spelling')).toBe(
      true,
    );
    expect(report.nameDisagreements.map((d: { boundaryName: string }) => d.boundaryName)).toEqual(
      expect.arrayContaining(['Koulikoro', 'Baraouéli', 'Dinlin Oualia']),
    );
    const adm2 = report.levels.find((l: { level: number }) => l.level === 2);
    expect(adm2).toMatchObject({ rowsMatched: 56, rowsCorrected: 2, rowsUnmatched: 0 });
    // After the corrections, the cercles without a Round 72 row: Diéma (its only row was Troungoumbe, which
    // lies in Nioro), Kolokani, Nara, Anderamboukane, Inekar and Tidermene.
    expect(adm2.withoutData).toEqual(['ML0102', 'ML0205', 'ML0207', 'ML1002', 'ML1003', 'ML1004']);
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

  it('gives the series of an area across the rounds of its boundary set, with gaps where it has no data', async () => {
    const gao = await json('/api/v1/datasets/mli/areas/MLI007/series');
    expect(gao).toMatchObject({ name: 'Gao', level: 'adm1' });
    // The 23 months of its own layout; Round 72 joins only across the crosswalk, marked (series-crosswalk.test.ts).
    const own = gao.series.filter((s: { crosswalk?: string }) => !s.crosswalk);
    expect(own).toHaveLength(23);
    expect(own.every((s: { boundarySet: string }) => s.boundarySet === 'mli-legacy-2012')).toBe(true);
    const total = (await json('/api/v1/datasets/mli/rounds/2014-06/figures?level=adm1')).areas.find(
      (a: { pcode: string }) => a.pcode === 'MLI007',
    ).idps_ind;
    expect(gao.series.find((s: { round: string }) => s.round === '2014-06').idps_ind).toBe(total);
    const kolokani = await json('/api/v1/datasets/mli/areas/ML0205/series');
    expect(kolokani.series).toEqual([expect.objectContaining({ round: '72', status: 'no_data' })]);
    expect((await get('/api/v1/datasets/mli/areas/ZZ99/series')).status).toBe(404);
    expect((await get('/api/v1/datasets/mli/areas/ML%2F01/series')).status).toBe(400);
  });

  it('keeps the 2012–2014 series on the 9-région layer, never on the 2021 régions', async () => {
    const june = await json('/api/v1/datasets/mli/rounds/2014-06/figures?level=adm1');
    expect(june.areas).toHaveLength(9);
    expect(june.areas.map((a: { pcode: string }) => a.pcode)).toContain('MLI007');
    expect(june.areas.find((a: { pcode: string }) => a.pcode === 'MLI007')).toMatchObject({
      name: 'Gao',
      idps_ind: expect.any(Number),
    });
    const tile = await get('/tiles/mli/2014-06/5/15/14.mvt');
    const decoded = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer())));
    expect(Object.keys(decoded.layers).sort()).toEqual(['adm1', 'labels']);
    const pcodes = Array.from(
      { length: decoded.layers.adm1?.length ?? 0 },
      (_, i) => decoded.layers.adm1?.feature(i).properties.pcode,
    );
    expect(pcodes.every((p) => String(p).startsWith('MLI00'))).toBe(true);
    const labels = Array.from(
      { length: decoded.layers.labels?.length ?? 0 },
      (_, i) => decoded.layers.labels?.feature(i).properties.pcode,
    );
    expect(labels.every((p) => String(p).startsWith('MLI00'))).toBe(true);
    const tilejson = await json('/tiles/mli/2014-06/tiles.json');
    // Région-level figures are not places: no assessed locations, so no sites layer.
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual(['adm1', 'labels']);
  });
});

describe('tiles for GIS clients', () => {
  const tileUrl = async (round: string) => (await json(`/tiles/mli/${round}/tiles.json`)).tiles[0] as string;
  const path = (url: string, z: number, x: number, y: number) =>
    new URL(url.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname +
    new URL(url.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0')).search;

  it('serves versioned tile URLs as immutable for a year, moving ones briefly', async () => {
    const template = await tileUrl('72');
    const versioned = await get(path(template, 5, 15, 14), { 'Accept-Encoding': 'gzip' });
    expect(versioned.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const plain = await get('/tiles/mli/72/5/15/14.mvt');
    expect(plain.headers.get('Cache-Control')).toBe('public, max-age=60');
    const stale = await get('/tiles/mli/72/5/15/14.mvt?v=0123456789abcdef');
    expect(stale.headers.get('Cache-Control')).toBe('public, max-age=60');
    const latest = await tileUrl('latest');
    expect(latest).toBe(template);
    expect((await get('/tiles/mli/72/5/15/14.mvt?v=../x')).status).toBe(400);
  });

  it('answers brotli when asked, HEAD without a body, and CORS on every status', async () => {
    const br = await get('/tiles/mli/72/5/15/14.mvt', { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    const { brotliDecompressSync } = await import('node:zlib');
    const raw = new Uint8Array(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())));
    const plain = new Uint8Array(
      await (await get('/tiles/mli/72/5/15/14.mvt', { 'Accept-Encoding': 'identity' })).arrayBuffer(),
    );
    expect(raw).toEqual(plain);
    expect(br.headers.get('ETag')).not.toBe(
      (await get('/tiles/mli/72/5/15/14.mvt', { 'Accept-Encoding': 'gzip' })).headers.get('ETag'),
    );
    const head = await service.app.request('http://atlas.test/tiles/mli/72/5/15/14.mvt', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('application/vnd.mapbox-vector-tile');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const etag = br.headers.get('ETag') as string;
    for (const [path, headers, status] of [
      ['/tiles/mli/72/5/15/14.mvt', { 'Accept-Encoding': 'br', 'If-None-Match': etag }, 304],
      ['/tiles/mli/72/4/0/0.mvt', {}, 204],
      ['/tiles/mli/99/4/0/0.mvt', {}, 404],
      ['/tiles/mli/72/x/0/0.mvt', {}, 400],
    ] as const) {
      const response = await get(path, { Origin: 'https://partner.example', ...headers });
      expect(response.status, path).toBe(status);
      expect(response.headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      expect(response.headers.get('Access-Control-Expose-Headers'), path).toContain('ETag');
    }
    const preflight = await service.app.request('http://atlas.test/tiles/mli/72/5/15/14.mvt', {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,OPTIONS');
  });

  it('lists datasets and rounds with their TileJSON in a catalog', async () => {
    const catalog = await json('/tiles');
    const mli = catalog.datasets.find((d: { id: string }) => d.id === 'mli');
    expect(mli.tilejson).toBe('http://atlas.test/tiles/mli/latest/tiles.json');
    expect(mli.rounds).toHaveLength(24);
    expect(mli.rounds.at(-1)).toMatchObject({
      key: '72',
      tilejson: 'http://atlas.test/tiles/mli/72/tiles.json',
    });
  });

  it('carries the change in IDPs since the previous round on the same boundary set, absent when there is none', async () => {
    const props = async (round: string) => {
      const decoded = new VectorTile(
        new PbfReader(new Uint8Array(await (await get(`/tiles/mli/${round}/5/15/14.mvt`)).arrayBuffer())),
      );
      return Array.from(
        { length: decoded.layers.adm1?.length ?? 0 },
        (_, i) => decoded.layers.adm1?.feature(i).properties ?? {},
      );
    };
    const figures = async (round: string) =>
      new Map(
        (await json(`/api/v1/datasets/mli/rounds/${round}/figures?level=adm1`)).areas.map((a: any) => [
          a.pcode,
          a.idps_ind,
        ]),
      );
    const [june, may] = [await figures('2014-06'), await figures('2014-05')];
    const gao = (await props('2014-06')).find((p) => p.pcode === 'MLI007');
    expect(gao?.idps_ind_change).toBe((june.get('MLI007') as number) - (may.get('MLI007') as number));
    for (const p of await props('2012-09')) expect(p).not.toHaveProperty('idps_ind_change');
    // Round 72 is the first on COD-AB 2021: nothing to compare with, whatever came before on the old layer.
    for (const p of await props('72')) expect(p).not.toHaveProperty('idps_ind_change');
  });

  it('gives QGIS a connection file it can load and a style without data expressions', async () => {
    const response = await get('/qgis/mli.xml');
    expect(response.headers.get('Content-Type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toContain('<qgsVectorTileConnections version="1.0">');
    expect(xml).toMatch(
      /<vectortile name="DTM Atlas – Mali \(latest round\)" url="http:\/\/atlas\.test\/tiles\/mli\/latest\/\{z\}\/\{x\}\/\{y\}\.mvt" zmin="0" zmax="10"/,
    );
    expect(xml).toContain('styleUrl="http://atlas.test/styles/mli/latest/style.json?flavor=qgis"');
    expect(xml.match(/<vectortile /g)).toHaveLength(25);
    expect((await get('/qgis/zzz.xml')).status).toBe(404);
    const style = await json('/styles/mli/72/style.json?flavor=qgis');
    expect(validateStyleMin(style as never)).toEqual([]);
    for (const layer of style.layers) {
      for (const value of Object.values(layer.paint ?? {}))
        expect(typeof value === 'object', `${layer.id}`).toBe(false);
    }
    expect(
      style.layers.filter((l: any) => l['source-layer'] === 'adm2' && l.type === 'fill').length,
    ).toBeGreaterThan(3);
  });

  it('styles the change indicator with diverging classes, valid for MapLibre', async () => {
    const style = await json('/styles/mli/2014-06/style.json?indicator=idps_ind_change&lang=fr');
    expect(validateStyleMin(style as never)).toEqual([]);
    const legend = style.metadata['dtm-atlas:legend'];
    expect(legend.title).toBe('Évolution des PDI depuis le round précédent');
    // Diverging classes, only those some région's change falls in (issue 12: no class that no area has).
    const { areas } = await json('/api/v1/datasets/mli/rounds/2014-06/figures?level=adm1');
    const changes = areas.map((a: any) => a.idps_ind_change).filter((v: unknown) => typeof v === 'number');
    expect(changes.length).toBeGreaterThan(0);
    const inClass = (c: { from?: number; to?: number }, v: number) =>
      (c.from === undefined || v >= c.from) && (c.to === undefined || v < c.to);
    expect(legend.classes.adm1.length).toBeGreaterThan(1);
    for (const entry of legend.classes.adm1)
      expect(
        changes.some((v: number) => inClass(entry, v)),
        JSON.stringify(entry),
      ).toBe(true);
    for (const v of changes)
      expect(
        legend.classes.adm1.some((c: any) => inClass(c, v)),
        String(v),
      ).toBe(true);
    expect(style.layers.map((l: any) => l.id)).not.toContain('adm2-fill');
  });
});

describe('downloads, embedding and security', () => {
  it('downloads figures as CSV with an HXL row that DTM Atlas itself reads back to the same totals', async () => {
    const response = await get('/api/v1/datasets/mli/rounds/72/figures.csv?level=adm2');
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toContain('dtm-mli-72-adm2.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte order mark first, so Excel reads the accents; then the header, and the HXL row second.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const [header, hxl] = csv.split('\r\n');
    expect(header).toMatch(/^pcode,name,parent_pcode,adm1_name,status,idps_ind/);
    expect(hxl).toMatch(/^#adm2\+code,#adm2\+name,#adm1\+code,#adm1\+name,#status,#affected\+idps\+ind/);
    expect(csv).toContain('ML0205,Kolokani,ML02,Koulikoro,no_data,,,,,,72,2021-09-30,');
    const { ingestFile } = await import('../../functions/ingest/ingest.ts');
    const { findDatasetManifest } = await import('../../geodata/datasets/index.ts');
    const manifest = findDatasetManifest('mli') as NonNullable<ReturnType<typeof findDatasetManifest>>;
    const result = await ingestFile(
      manifest,
      'export.csv',
      new TextEncoder().encode(csv),
      {
        catalog: service.catalog,
        boundarySet: async (id) => {
          const stored = await service.boundaries.getManifest(id);
          return { manifest: stored as any, topology: await service.boundaries.getTopology(stored as any) };
        },
      },
      { dryRun: true },
    );
    expect(result.format).toBe('hxl-csv');
    expect(result.rounds[0]?.round.totals).toMatchObject({ idps_ind: 401_736, idps_hh: 69_696 });
  });

  it('downloads the joined areas as GeoJSON', async () => {
    const response = await get('/api/v1/datasets/mli/rounds/72/figures.geojson?level=adm1');
    expect(response.headers.get('Content-Type')).toBe('application/geo+json');
    const collection = await response.json();
    expect(collection.features).toHaveLength(10);
    const menaka = collection.features.find((f: any) => f.properties.pcode === 'ML10');
    expect(menaka.geometry.type).toMatch(/Polygon/);
    expect(menaka.properties).toMatchObject({ name: 'Menaka', status: 'reported', idps_ind: 12_995 });
  });

  it('answers oEmbed with a responsive iframe of the embed page, and only for its own pages', async () => {
    const embed = await json(
      `/oembed?url=${encodeURIComponent('http://atlas.test/#round=72')}&format=json&maxwidth=640`,
    );
    expect(embed).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'DTM Atlas', width: 640 });
    expect(embed.html).toContain('<iframe src="http://atlas.test/embed/#round=72"');
    // Mali and Haiti are both served: the title names no single country.
    expect(embed.html).toMatch(/title="Displacement map \(IOM DTM\), DTM Atlas"/);
    expect((await get('/oembed?url=/embed/&format=json')).status).toBe(200);
    expect((await get(`/oembed?url=${encodeURIComponent('https://elsewhere.example/')}`)).status).toBe(404);
    expect((await get('/oembed?url=/&format=xml')).status).toBe(501);
    const redirect = await get('/embed?lang=fr');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('Location')).toBe('/embed/?lang=fr');
  });

  it('sends security headers, lets only /embed/ be framed, and refuses writes with 405', async () => {
    const page = await get('/api/v1/datasets');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'self'");
    expect(page.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(page.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('Set-Cookie')).toBeNull();
    const embed = await get('/embed/');
    expect(embed.headers.get('Content-Security-Policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('X-Frame-Options')).toBeNull();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await service.app.request('http://atlas.test/api/v1/datasets', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
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

  it('pre-builds the first view: every tile up to z5 over the newest round', async () => {
    const built = await service.app.warm();
    // Mali's tiles, then Haiti's (one tile per zoom up to z5).
    expect(built).toBe(1 + 2 + 2 + 2 + 4 + 9 + 6);
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
    expect(tilejson.tiles).toEqual([
      expect.stringMatching(
        /^http:\/\/atlas\.test\/tiles\/mli\/72\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=[0-9a-f]{16}$/,
      ),
    ]);
    expect(tilejson.attribution).toMatch(/IOM/);
    expect(tilejson.attribution).toMatch(/COD-AB/);
    const [west, south, east, north] = tilejson.bounds;
    expect(west).toBeCloseTo(-12.24, 1);
    expect(north).toBeCloseTo(25.0, 1);
    expect(east).toBeGreaterThan(4);
    expect(south).toBeGreaterThan(10);
    expect(tilejson.vector_layers.map((l: { id: string }) => l.id)).toEqual([
      'adm1',
      'adm2',
      'adm3',
      'labels',
      'sites',
    ]);
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

  it('places one assessed location inside each commune with Round 72 figures, marked admin3 precision', async () => {
    const { booleanPointInPolygon } = await import('@turf/turf');
    const { readFile } = await import('node:fs/promises');
    const { DATA_DIR } = await import('../helpers/service.ts');
    const communes = JSON.parse(await readFile(`${DATA_DIR}/mali/boundaries/adm3.geojson`, 'utf8'));
    const byCode = new Map(communes.features.map((f: any) => [f.properties.ADM3_PCODE, f]));
    const sites = await json('/api/v1/datasets/mli/rounds/72/sites');
    expect(sites.type).toBe('FeatureCollection');
    expect(sites.features).toHaveLength(56);
    for (const site of sites.features) {
      expect(site.properties.precision).toBe('admin3');
      expect(
        booleanPointInPolygon(site.geometry, byCode.get(site.properties.pcode) as any),
        site.properties.pcode,
      ).toBe(true);
    }
    const total = sites.features.reduce((n: number, f: any) => n + f.properties.idps_ind, 0);
    expect(total).toBe(401_736);
    const decoded = new VectorTile(
      new PbfReader(gunzipSync((await tile('/tiles/mli/72/6/31/29.mvt')).bytes)),
    );
    const siteLayer = decoded.layers.sites;
    expect(siteLayer?.length).toBeGreaterThan(0);
    expect(siteLayer?.feature(0).properties).toMatchObject({ precision: 'admin3', round: '72' });
    expect(decoded.layers.labels?.length).toBeGreaterThan(0);
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
