import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { SHIPPED_DIR, shippedFile } from '../../geodata/shipped.ts';
import { decodeTile } from '../helpers/decode-tile.ts';
import { freePort, startLocalServer, waitForHealth } from '../helpers/local-server.ts';
import { DATA_DIR } from '../helpers/service.ts';

// `npm install && npm start` on a machine without the data folder: every dataset's boundaries (shipped in
// geodata/shipped/), no rounds, and the console saying how to get figures. DTM_DATA_DIR points at an empty
// folder, which is what a fresh clone's start sees.

describe('npm start with an empty data folder', () => {
  let dataDir: string;
  let stateDir: string;
  let origin: string;
  let server: ReturnType<typeof startLocalServer>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-nodata-'));
    stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-state-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = startLocalServer({ DTM_DATA_DIR: dataDir, DTM_STATE_DIR: stateDir, PORT: String(port) });
    await waitForHealth(origin, server.output);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  const json = async (url: string) => {
    const response = await fetch(`${origin}${url}`);
    expect(response.status, url).toBe(200);
    return response.json();
  };

  it('lists every dataset, each with no round', async () => {
    const { datasets } = await json('/api/v1/datasets');
    expect(datasets.map((d: { id: string }) => d.id).sort()).toEqual(['hti', 'mli']);
    for (const id of ['mli', 'hti']) expect((await json(`/api/v1/datasets/${id}/rounds`)).rounds).toEqual([]);
    expect((await fetch(`${origin}/tiles/mli/latest/tiles.json`)).status).toBe(404);
  });

  it('serves tiles of the boundaries, every area without data', async () => {
    for (const [dataset, tile, layer] of [
      ['mli', '5/15/14', 'adm2'],
      ['hti', '7/38/56', 'adm2'],
    ] as const) {
      const tilejson = await json(`/tiles/${dataset}/boundaries/tiles.json`);
      expect(tilejson.tiles[0]).toContain(`/tiles/${dataset}/boundaries/`);
      const response = await fetch(`${origin}/tiles/${dataset}/boundaries/${tile}.mvt`);
      expect(response.status, `${dataset} ${tile}`).toBe(200);
      const decoded = decodeTile(new Uint8Array(await response.arrayBuffer()));
      const features = decoded?.[layer]?.features ?? [];
      expect(features.length).toBeGreaterThan(0);
      expect(features.every((f) => f.properties.status === 'no_data' && !('idps_ind' in f.properties))).toBe(
        true,
      );
      const style = await json(`/styles/${dataset}/boundaries/style.json`);
      expect(style.sources).toBeTruthy();
    }
  });

  it('says on the console how to get figures, and which files it did not find', () => {
    const log = server.output();
    const howTo = /No DTM figures yet for (.*): the map shows the boundaries only/.exec(log)?.[1];
    expect(howTo?.split(', ').sort()).toEqual(['Haiti (hti)', 'Mali (mli)']);
    expect(log).toContain('DTM_API_KEY');
    expect(log).toContain(`point DTM_DATA_DIR at a folder of DTM files (now: ${dataDir})`);
    expect(log).toContain(
      `mali/dtm/dtm_mali_baseline_round72_2021-09-30_by_commune.csv: not found in ${dataDir}`,
    );
    expect(log).toContain('boundaries mli-codab-2021: stored');
    expect(log).toContain('boundaries hti-codab-2018: stored');
    expect(log).not.toMatch(/CHANGED FILE|seeding failed|warming tiles failed/);
  });
});

describe('the shipped boundaries', () => {
  it('prepare to the same boundary sets (content versions) as the data folder files', async () => {
    for (const manifest of await loadDatasetManifests()) {
      for (const set of manifest.boundarySets) {
        const fromData = await prepareBoundarySet(set, DATA_DIR);
        const fromShipped = await prepareBoundarySet(set, (level) =>
          import('node:fs/promises').then((fs) => fs.readFile(path.join(SHIPPED_DIR, shippedFile(level)))),
        );
        expect(fromShipped.manifest.version, set.id).toBe(fromData.manifest.version);
      }
    }
  });
});
