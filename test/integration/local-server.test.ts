import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineCsv, MOPTI, SEGOU } from '../helpers/fixtures.ts';
import { freePort, runEntry, waitForHealth } from '../helpers/local-server.ts';
import { DATA_DIR } from '../helpers/service.ts';

/** `npm start`'s entry point. */
const start = (env: Record<string, string>) =>
  runEntry('functions/entry/local-server.ts', [], { HOST: '127.0.0.1', ...env });

/** Runs the ingest CLI to completion. */
async function ingestCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const run = runEntry('functions/entry/ingest-cli.ts', args, env);
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('npm start', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-state-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('names the missing data folder and how to set it', async () => {
    const run = start({
      DTM_DATA_DIR: '/nowhere/dtm-data',
      DTM_STATE_DIR: stateDir,
      PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('/nowhere/dtm-data');
    expect(run.output()).toContain('DTM_DATA_DIR');
  });

  it('says clearly when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const run = start({ DTM_DATA_DIR: DATA_DIR, DTM_STATE_DIR: stateDir, PORT: String(port) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`port ${port}`);
    expect(run.output()).toContain('already in use');
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  it('seeds on first start, keeps the data in its state folder, and loads nothing twice on restart', async () => {
    for (const expected of ['published', 'unchanged']) {
      const port = await freePort();
      const run = start({ DTM_DATA_DIR: DATA_DIR, DTM_STATE_DIR: stateDir, PORT: String(port) });
      await waitForHealth(`http://127.0.0.1:${port}`, run.output, 90_000);
      const rounds = await fetch(`http://127.0.0.1:${port}/api/v1/datasets/mli/rounds`).then((r) => r.json());
      const keys = rounds.rounds.map((r: { key: string }) => r.key);
      expect(keys).toHaveLength(24);
      expect(keys.at(-1)).toBe('72');
      run.child.kill('SIGTERM');
      await run.exited;
      const log = run.output();
      if (expected === 'published') {
        expect(log).toContain('1 round(s) on mli-codab-2021: 1 published');
        expect(log).toContain('23 round(s) on mli-legacy-2012: 23 published');
      } else {
        expect(log).toContain('1 round(s) on mli-codab-2021: 1 unchanged');
        expect(log).toContain('23 round(s) on mli-legacy-2012: 23 unchanged');
        expect(log).toContain('boundaries mli-codab-2021: unchanged');
      }
    }
  }, 300_000); // two whole starts (seeding Mali and Haiti, building the page) on a busy 2-core machine

  it('the ingest CLI imports into a running server, which serves the round without a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-cli-'));
    const port = await freePort();
    const run = start({ DTM_DATA_DIR: DATA_DIR, DTM_STATE_DIR: stateDir, PORT: String(port) });
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, run.output, 90_000);
      const file = path.join(dir, 'round-cli.csv');
      await writeFile(file, baselineCsv([SEGOU, MOPTI]));
      const ok = await ingestCli(['--dataset', 'mli', file, '--round', 'cli-1', '--date', '2022-01-31'], {
        DTM_STATE_DIR: stateDir,
      });
      expect(ok.code, ok.output).toBe(0);
      expect(ok.output).toContain('using the stand-ins of the running server');
      expect(ok.output).toMatch(/cli-1\s+2022-01-31\s+2\s+adm1 2 adm2 2 adm3 2\s+0\s+0\s+150\s+published/);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const latest = await fetch(`http://127.0.0.1:${port}/api/v1/datasets/mli/rounds/latest`).then((r) =>
        r.json(),
      );
      expect(latest.key).toBe('cli-1');

      await writeFile(file, baselineCsv([SEGOU, { ...MOPTI, idps: [1, -3] }]));
      const bad = await ingestCli(['--dataset', 'mli', file, '--round', 'cli-2', '--date', '2022-02-28'], {
        DTM_STATE_DIR: stateDir,
      });
      expect(bad.code).toBe(1);
      expect(bad.output).toMatch(/row 3, column "idp_individuals"/);
      expect(bad.output).toContain('nothing was changed');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('the ingest CLI works without a running server, on the state folder itself', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-cli-'));
    const file = path.join(dir, 'offline.csv');
    await writeFile(file, baselineCsv([SEGOU]));
    const result = await ingestCli(
      ['--dataset', 'mli', file, '--round', 'offline', '--date', '2022-03-31', '--dry-run'],
      {
        DTM_STATE_DIR: dir,
        DTM_DATA_DIR: DATA_DIR,
      },
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`opened ${dir}`);
    expect(result.output).toMatch(/offline\s+2022-03-31.*dry-run/);
    await rm(dir, { recursive: true, force: true });
  });

  it('an import killed half-way (SIGKILL) leaves the published round whole, and the next run completes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-kill-'));
    const env = { DTM_STATE_DIR: dir, DTM_DATA_DIR: DATA_DIR };
    const small = path.join(dir, 'v1.csv');
    await writeFile(small, baselineCsv([SEGOU]));
    expect(
      (await ingestCli(['--dataset', 'mli', small, '--round', 'kill', '--date', '2022-05-31'], env)).code,
    ).toBe(0);
    // Every commune of Mali: hundreds of items written in batches, long enough to be killed in the middle.
    const communes = JSON.parse(await readFile(path.join(DATA_DIR, 'mali/boundaries/adm3.geojson'), 'utf8'));
    const dtm = (code: string) => code.replace(/^ML/, 'MLI');
    const rows = communes.features.map((f: { properties: Record<string, string> }) => ({
      adm1: [dtm(f.properties.ADM1_PCODE as string), f.properties.ADM1_FR as string] as [string, string],
      adm2: [dtm(f.properties.ADM2_PCODE as string), f.properties.ADM2_FR as string] as [string, string],
      adm3: [dtm(f.properties.ADM3_PCODE as string), f.properties.ADM3_FR as string] as [string, string],
      idps: [1, 5] as [number, number],
      date: '2022-05-31',
    }));
    const big = path.join(dir, 'v2.csv');
    await writeFile(big, baselineCsv(rows));
    const args = ['--dataset', 'mli', big, '--round', 'kill', '--date', '2022-05-31', '--replace'];
    const run = runEntry('functions/entry/ingest-cli.ts', args, env);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (run.output().includes('round(s)')) {
          clearInterval(timer);
          setTimeout(() => {
            run.child.kill('SIGKILL');
            resolve();
          }, 40);
        }
      }, 5);
    });
    await run.exited;

    // Whatever moment it died at, readers see the old round whole or the new one whole.
    const { startStandIns } = await import('../../functions/local/standins.ts');
    const { createDocumentClient } = await import('../../functions/store/clients.ts');
    const { DynamoCatalog } = await import('../../functions/store/dynamo-catalog.ts');
    const standIns = await startStandIns({ dataDir: dir });
    try {
      const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
      const round = await catalog.getRound('mli', 'kill');
      const figures = await catalog.getFigures('mli', 'kill', round?.version as string);
      const communesWithData = figures.filter((f) => f.level === 3).length;
      expect([1, rows.length]).toContain(communesWithData);
      expect(round?.totals.idps_ind).toBe(communesWithData === 1 ? 50 : rows.length * 5);
    } finally {
      await standIns.close();
    }
    const again = await ingestCli(args, env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/kill\s+2022-05-31\s+701\s.*(published|unchanged)/);
    await rm(dir, { recursive: true, force: true });
  });
});
