/**
 * The operator's path end to end, as docs/datasets.md ("Adding a country") tells it: `npm start` running on a
 * temporary state folder, then the real CLIs as child processes. A country is built from the Haiti files under
 * another id (`xht`: adm1 only, a TopoJSON made here from COD-AB's GeoJSON), its rounds imported from the DTM
 * API v3 admin 1 response, and it is served at once; `remove` is refused while rounds are published.
 * Reads ../shared/data at run time (SOURCES.md section 6); skipped when it is absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { FeatureCollection } from 'geojson';
import { PbfReader } from 'pbf';
import { topology } from 'topojson-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runEntry, waitForHealth } from '../helpers/local-server.ts';
import { DATA_DIR } from '../helpers/service.ts';

const ADM1 = path.join(DATA_DIR, 'haiti/boundaries/hti_admbnda_adm1_cnigs_20181129.geojson');
const API_ADM1 = path.join(DATA_DIR, 'haiti/dtm/dtm_api_v3_displacement_admin1_hti.json');
const API_LEVELS = [0, 1, 2].map((n) =>
  path.join(DATA_DIR, `haiti/dtm/dtm_api_v3_displacement_admin${n}_hti.json`),
);
const haveData = existsSync(ADM1) && API_LEVELS.every((file) => existsSync(file));
if (!haveData) console.warn(`operator.test.ts skipped: ${ADM1} or ${API_ADM1} is missing`);

describe.runIf(haveData)('adding a country with npm run dataset, with npm start running', () => {
  let stateDir: string;
  let workDir: string;
  let origin: string;
  let server: ReturnType<typeof runEntry>;
  const env = () => ({ DTM_STATE_DIR: stateDir, DTM_DATA_DIR: DATA_DIR });
  const cli = async (entry: 'dataset-cli' | 'ingest-cli', args: string[]) => {
    const run = runEntry(`functions/entry/${entry}.ts`, args, env());
    return { code: await run.exited, output: run.output() };
  };
  const dataset = (...args: string[]) => cli('dataset-cli', args);
  const get = (route: string) => fetch(`${origin}${route}`);
  const json = async (route: string) => (await get(route)).json() as Promise<Record<string, any>>;
  // The local server re-reads the catalog after a second (`metadataTtlMs`).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-operator-'));
    workDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-operator-files-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = runEntry('functions/entry/local-server.ts', [], {
      ...env(),
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    await waitForHealth(origin, server.output, 200_000);
  }, 240_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await rm(stateDir, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  it('refuses a bad boundary file, naming file, feature and field, and changes nothing', async () => {
    const geojson = JSON.parse(await readFile(ADM1, 'utf8')) as FeatureCollection;
    const first = geojson.features[0]?.properties?.ADM1_PCODE as string;
    (geojson.features[1]?.properties as Record<string, unknown>).ADM1_PCODE = first;
    const bad = path.join(workDir, 'bad_adm1.geojson');
    await writeFile(bad, JSON.stringify(geojson));
    const run = await dataset('add', 'xbad', '--country', 'HTI', '--name', 'Bad', '--boundaries', bad);
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      `${bad}, row 2, column "ADM1_PCODE": duplicate P-code ${first} (also row 1)`,
    );
    expect(run.output).toContain('nothing was changed');
    const listed = await dataset('list', '--json');
    const ids = JSON.parse(listed.output.trim().split('\n').at(-1) ?? '{}').datasets.map((d: any) => d.id);
    expect(ids).toEqual(['mli', 'hti']);
  }, 120_000);

  it('adds xht from a TopoJSON, imports every round of the API file, serves them at once, removes with --force', async () => {
    const geojson = JSON.parse(await readFile(ADM1, 'utf8')) as FeatureCollection;
    const topojson = path.join(workDir, 'xht_adm1.topojson.json');
    await writeFile(topojson, JSON.stringify(topology({ adm1: geojson }, 1e6)));
    const added = await dataset(
      'add',
      'xht',
      '--country',
      'HTI',
      '--name',
      'Haiti (adm1 test)',
      '--operation',
      'Countrywide monitoring',
      '--boundaries',
      topojson,
    );
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('using the stand-ins of the running server');
    expect(added.output).toContain('10 adm1');

    const ingested = await cli('ingest-cli', ['--dataset', 'xht', API_ADM1]);
    expect(ingested.code, ingested.output).toBe(0);
    expect(ingested.output).toMatch(/10\s+2025-06-30\s+27\s+adm1 27\s+0\s+0\s+1,287,593\s+published/);
    await settle();

    const { datasets } = await json('/api/v1/datasets');
    expect(datasets.find((d: { id: string }) => d.id === 'xht')).toMatchObject({
      name: 'Haiti (adm1 test)',
      country: 'HTI',
    });
    const { rounds } = await json('/api/v1/datasets/xht/rounds');
    expect(rounds.map((r: { key: string }) => r.key)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    const figures = await json('/api/v1/datasets/xht/rounds/10/figures?level=adm1');
    expect(figures.areas.find((a: { pcode: string }) => a.pcode === 'HT01')).toMatchObject({
      idps_ind: 413_216,
    });
    const catalog = await json('/tiles');
    expect(JSON.stringify(catalog)).toContain('/tiles/xht/');
    // Port-au-Prince, in Ouest, at zoom 8.
    const tile = await get('/tiles/xht/10/8/76/114.mvt');
    expect(tile.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer()))).layers.adm1;
    const areas = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer?.feature(i).properties);
    expect(areas.find((p) => p?.pcode === 'HT01')).toMatchObject({ idps_ind: 413_216 });
    const qgis = await get('/qgis/xht.xml');
    expect(qgis.status).toBe(200);
    expect(await qgis.text()).toContain('/tiles/xht/latest/{z}/{x}/{y}.mvt');

    const listed = await dataset('list');
    expect(listed.output).toMatch(
      /xht\s+HTI\s+Haiti \(adm1 test\)\s+Countrywide monitoring\s+added\s+10 \(latest 10\)/,
    );

    const refused = await dataset('remove', 'xht');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('dataset xht has 10 published round(s)');
    expect((await get('/api/v1/datasets/xht/rounds')).status).toBe(200);

    const removed = await dataset('remove', 'xht', '--force');
    expect(removed.code, removed.output).toBe(0);
    await settle();
    const after = await json('/api/v1/datasets');
    expect(after.datasets.map((d: { id: string }) => d.id)).not.toContain('xht');
    expect((await get('/api/v1/datasets/xht/rounds')).status).toBe(404);
    expect((await dataset('list')).output).not.toContain('xht');
  }, 300_000);

  it('npm run ingest reads several files as one feed, as seeding does: the seeded hti rounds are unchanged', async () => {
    const run = await cli('ingest-cli', ['--dataset', 'hti', ...API_LEVELS, '--json']);
    expect(run.code, run.output).toBe(0);
    // Progress goes to stderr; the summary is the one JSON line.
    const summary = JSON.parse(run.output.split('\n').findLast((line) => line.startsWith('{')) ?? '{}');
    expect(summary.rounds).toHaveLength(10);
    expect(summary.rounds.every((round: { outcome: string }) => round.outcome === 'unchanged')).toBe(true);
    expect(summary.rounds.at(-1)).toMatchObject({ key: '10', totals: { idps_ind: 1_287_593 } });
  }, 120_000);
});
