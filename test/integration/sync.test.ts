/**
 * `npm run sync` as a user runs it, against a stand-in DTM API serving the recorded Haiti responses
 * (test/helpers/dtm-api-standin.ts) and a state folder of its own: the first run publishes Countrywide
 * monitoring's ten rounds with the figures of the file, the next changes nothing, each fault leaves the
 * published rounds as they were with a message naming the request, and the key is printed nowhere.
 * Skipped when the shared data folder is absent.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFromEnv } from '../../functions/entry/data-folder.ts';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { type DtmApiStandIn, startDtmApiStandIn } from '../helpers/dtm-api-standin.ts';

const DATA_DIR = dataDirFromEnv();
const HAS_DATA = existsSync(path.join(DATA_DIR, 'haiti/dtm/dtm_api_v3_displacement_admin2_hti.json'));
const KEY = 'sync-test-key-6f1c0d9e2b';
const ROUNDS = ['0', '1', '2', '3', '5', '6', '7', '8', '9', '10'];

// Each run is a child process starting tsx and the embedded stand-ins: on two shared cores that takes tens of
// seconds, so the tests get a budget of minutes (the fault test runs four).
let api: DtmApiStandIn;
let stateDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/sync-cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DTM_DATA_DIR: DATA_DIR,
      DTM_STATE_DIR: stateDir,
      DTM_API_URL: api.origin,
      DTM_API_KEY: KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What is published in the state folder: hti's rounds and, per round key, the figures of some areas. */
async function published(pcodes: string[] = []) {
  const standIns = await startStandIns({ dataDir: stateDir });
  try {
    const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
    const rounds = await catalog.listRounds('hti');
    const figures = new Map<string, Record<string, number | undefined>>();
    for (const round of rounds.filter((r) => r.key === '10')) {
      for (const area of await catalog.getFigures('hti', round.key, round.version))
        if (pcodes.includes(area.pcode)) figures.set(area.pcode, { idps_ind: area.idps_ind });
    }
    return { rounds, figures };
  } finally {
    await standIns.close();
  }
}

const json = (run: Run) => JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
const expectNoKey = (run: Run) => expect(`${run.stdout}\n${run.stderr}`).not.toContain(KEY);

/** Round 10 one better everywhere: as DTM would republish a corrected round. */
function correctRound10(apiStandIn: DtmApiStandIn) {
  const bump = (match: (r: Record<string, unknown>) => boolean) => (records: Record<string, unknown>[]) => {
    const record = records.find(
      (r) => r.operation === 'Countrywide monitoring' && r.roundNumber === 10 && match(r),
    );
    if (record) record.numPresentIdpInd = Number(record.numPresentIdpInd) + 100;
  };
  apiStandIn.edit(
    'admin0',
    bump(() => true),
  );
  apiStandIn.edit(
    'admin1',
    bump((r) => r.admin1Pcode === 'HT01'),
  );
  apiStandIn.edit(
    'admin2',
    bump((r) => r.admin2Pcode === 'HT0111'),
  );
}

describe.skipIf(!HAS_DATA)('npm run sync against a stand-in DTM API', () => {
  beforeAll(async () => {
    api = await startDtmApiStandIn(DATA_DIR, KEY);
    stateDir = await mkdtemp(path.join(tmpdir(), 'atlas-sync-'));
  });
  afterAll(async () => {
    await api?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('publishes the ten rounds of Countrywide monitoring with the figures of the file, through a 429', async () => {
    api.fault('admin1', { kind: 'status', status: 429, retryAfter: '1' });
    const run = await runSync(['--dataset', 'hti', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expectNoKey(run);
    const report = json(run);
    const hti = report.datasets[0];
    expect(hti).toMatchObject({
      dataset: 'hti',
      status: 'synced',
      counts: { new: 10, changed: 0, unchanged: 0, refused: 0 },
    });
    expect(hti.rounds.map((r: { key: string }) => r.key)).toEqual(ROUNDS);
    expect(hti.requests).toEqual([
      `GET ${api.origin}/v3/displacement/operation-list`,
      `GET ${api.origin}/v3/displacement/admin0?Admin0Pcode=HTI`,
      `GET ${api.origin}/v3/displacement/admin1?Admin0Pcode=HTI`,
      `GET ${api.origin}/v3/displacement/admin2?Admin0Pcode=HTI`,
    ]);
    // The 429 was retried after its Retry-After, with the key each time.
    expect(api.requests.filter((r) => r.endpoint === 'admin1')).toHaveLength(2);
    expect(api.requests.every((r) => r.key === KEY)).toBe(true);
    expect(run.stderr).toContain('answered 429');

    const { rounds, figures } = await published(['HT01', 'HT0111']);
    expect(rounds.map((r) => r.key)).toEqual(ROUNDS);
    const round10 = rounds.find((r) => r.key === '10');
    expect(round10).toMatchObject({ date: '2025-06-30', totals: { idps_ind: 1_287_593 } });
    expect(round10?.source.file).toBe('DTM API v3: HTI admin0+admin1+admin2');
    expect(figures.get('HT01')).toEqual({ idps_ind: 413_216 });
    expect(figures.get('HT0111')).toEqual({ idps_ind: 169_261 });
    const report10 = hti.rounds.find((r: { key: string }) => r.key === '10').report;
    expect(report10.levelCheck).toMatchObject({ against: 'national', matches: true });
  }, 180_000);

  it('changes nothing on a second run (all unchanged), through a 500, and prints what it did', async () => {
    const before = await published();
    api.fault('admin0', { kind: 'status', status: 500 });
    const run = await runSync(['--dataset', 'hti']);
    expect(run.code, run.stderr).toBe(0);
    expectNoKey(run);
    expect(run.stdout).toContain(
      'hti (HTI, "Countrywide monitoring"): 0 new, 0 changed, 10 unchanged, 0 refused',
    );
    const after = await published();
    expect(after.rounds.map((r) => [r.key, r.version, r.publishedAt])).toEqual(
      before.rounds.map((r) => [r.key, r.version, r.publishedAt]),
    );
  }, 180_000);

  it('leaves the published rounds as they were on each fault, naming the request and the field', async () => {
    const before = await published();
    correctRound10(api);
    const admin = (level: number) => `GET ${api.origin}/v3/displacement/admin${level}?Admin0Pcode=HTI`;
    const cases: Array<{ setup: () => void; says: string[]; env?: Record<string, string> }> = [
      { setup: () => api.fault('admin2', { kind: 'malformed' }), says: [admin(2), 'not JSON'] },
      {
        setup: () => api.fault('admin1', { kind: 'not-success', message: 'Operation is not public' }),
        says: [admin(1), 'isSuccess false', 'Operation is not public'],
      },
      {
        setup: () => api.fault('admin2', { kind: 'drop-field', field: 'admin2Pcode', index: 479 }),
        says: [admin(2), 'row 480', 'admin2Pcode'],
      },
      {
        setup: () => api.fault('admin1', { kind: 'slow-body', stallMs: 5000 }, Number.POSITIVE_INFINITY),
        says: [admin(1), 'no complete answer within 0.5 s', 'gave up after 4 attempts'],
        env: { DTM_API_TIMEOUT_MS: '500' },
      },
    ];
    for (const { setup, says, env } of cases) {
      api.clearFaults();
      setup();
      const run = await runSync(['--dataset', 'hti'], env);
      expect(run.code, run.stdout).toBe(1);
      expectNoKey(run);
      for (const text of says) expect(run.stdout).toContain(text);
      expect(run.stdout).toContain('nothing was changed for this dataset');
    }
    api.clearFaults();
    const after = await published(['HT0111']);
    expect(after.rounds.map((r) => [r.key, r.version])).toEqual(before.rounds.map((r) => [r.key, r.version]));
    expect(after.figures.get('HT0111')).toEqual({ idps_ind: 169_261 });
  }, 300_000);

  it('publishes a round DTM corrected as "changed", the others unchanged; no key, no sync', async () => {
    correctRound10(api);
    const run = await runSync(['--dataset', 'hti', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run).datasets[0].counts).toEqual({ new: 0, changed: 1, unchanged: 9, refused: 0 });
    const { rounds, figures } = await published(['HT0111']);
    expect(rounds.find((r) => r.key === '10')?.totals).toEqual({ idps_ind: 1_287_693 });
    expect(figures.get('HT0111')).toEqual({ idps_ind: 169_361 });

    const keyless = await runSync(['--dataset', 'hti'], { DTM_API_KEY: '', DTM_SUBSCRIPTION_KEY: '' });
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toContain('DTM_API_KEY is not set');
  }, 180_000);
});
