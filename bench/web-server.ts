/**
 * The server the web bench measures: `npm start` itself (functions/entry/local-server.ts in a process of its
 * own, on a free loopback port, with a throw-away state folder), so the page's files come with whatever
 * headers and encodings the local server sends them; or a server already running at a given origin.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../functions/local/paths.ts';

/** A server to load the pages from, and how to stop it (nothing to stop for one the bench did not start). */
export interface BenchServer {
  origin: string;
  stop(): Promise<void>;
}

/** A port the OS has just handed out on 127.0.0.1 (free again once this returns). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return address.port;
}

/** Resolves once the child prints `ready`, rejects if it exits first or takes longer than `timeoutMs`. */
function untilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('npm start was not ready in time')), timeoutMs);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/DTM Atlas ready in/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/**
 * Starts the local server as `npm start` does (it builds web/dist if its sources are newer and seeds the
 * stand-ins from the data folder), waits until it says it is ready, and stops it by its PID.
 */
export async function startLocalServer(): Promise<BenchServer> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-bench-web-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/local-server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DTM_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await untilReady(child, 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://127.0.0.1:${port}`, stop };
}

/** A server someone else started (`--origin http://127.0.0.1:8080`): measured as it is, never stopped. */
export function existingServer(origin: string): BenchServer {
  const url = new URL(origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw new Error(`the web bench only loads pages from loopback, not ${url.hostname}`);
  return { origin: url.origin, stop: async () => {} };
}
