import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DtmApiStandIn, startDtmApiStandIn } from '../helpers/dtm-api-standin.ts';
import { freePort, startLocalServer, waitForHealth } from '../helpers/local-server.ts';
import { DATA_DIR } from '../helpers/service.ts';

// Issue 14's fresh clone with a key: no data folder, DTM_API_KEY set, so `npm start` serves the shipped
// boundaries and fills them from the DTM API (a stand-in serving the recorded Haiti responses) on start.

const HAS_DATA = existsSync(path.join(DATA_DIR, 'haiti/dtm/dtm_api_v3_displacement_admin2_hti.json'));
const KEY = 'start-key-5f1c';

describe.skipIf(!HAS_DATA)('npm start with DTM_API_KEY and no data folder', () => {
  let api: DtmApiStandIn;
  let dataDir: string;
  let stateDir: string;
  let origin: string;
  let server: ReturnType<typeof startLocalServer>;

  beforeAll(async () => {
    api = await startDtmApiStandIn(DATA_DIR, KEY);
    dataDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-nodata-'));
    stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-state-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = startLocalServer({
      DTM_DATA_DIR: dataDir,
      DTM_STATE_DIR: stateDir,
      PORT: String(port),
      DTM_API_URL: api.origin,
      DTM_API_KEY: KEY,
    });
    await waitForHealth(origin, server.output, 300_000);
  }, 320_000);
  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  const json = async (url: string) => {
    const response = await fetch(`${origin}${url}`);
    expect(response.status, url).toBe(200);
    return response.json();
  };

  it("publishes Countrywide monitoring's rounds from the API before it says it is ready", async () => {
    const { rounds } = await json('/api/v1/datasets/hti/rounds');
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
    expect(rounds.at(-1)).toMatchObject({ date: '2025-06-30', totals: { idps_ind: 1_287_593 } });
    expect(api.requests.every((request) => request.key === KEY)).toBe(true);
  });

  it('shows the operation as the live list says, credited to the request', async () => {
    const { datasets } = await json('/api/v1/datasets');
    const hti = datasets.find((d: { id: string }) => d.id === 'hti');
    expect(hti.operationStatus).toBe('Active');
    expect(hti.operationStatusSource.url).toBe(`${api.origin}/v3/displacement/operation-list`);
  });

  it('says what a dataset the API lacks did, and never prints the key', async () => {
    const log = server.output();
    // The stand-in serves Haiti only: Mali's operation has no records there, and the log says so.
    expect(log).toMatch(/mli[^\n]*(no record|failed)/i);
    expect(log).not.toContain(KEY);
    expect(log).not.toMatch(/seeding failed/);
  });
});
