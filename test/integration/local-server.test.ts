import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { DATA_DIR } from '../helpers/service.ts';

/** Runs `npm start`'s entry point as a child process, as a user would. */
function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHealth(origin: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${origin}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${origin} never became healthy`);
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
      await waitForHealth(`http://127.0.0.1:${port}`);
      const rounds = await fetch(`http://127.0.0.1:${port}/api/v1/datasets/mli/rounds`).then((r) => r.json());
      expect(rounds.rounds.map((r: { key: string }) => r.key)).toEqual(['72']);
      run.child.kill('SIGTERM');
      await run.exited;
      expect(run.output()).toContain(`round mli/72: ${expected}`);
      if (expected === 'unchanged') expect(run.output()).toContain('boundaries mli-codab-2021: unchanged');
    }
  });
});
