import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from '../../functions/local/paths.ts';

/** Runs an entry point of the repository as a child process, as `npm run` would, capturing its output. */
export function runEntry(entry: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Runs `npm start`'s entry point as a child process, as a user would, capturing its output. */
export function startLocalServer(env: Record<string, string>) {
  const run = runEntry('functions/entry/local-server.ts', [], { HOST: '127.0.0.1', ...env });
  const stop = async () => {
    if (run.child.exitCode === null) run.child.kill('SIGTERM');
    await run.exited;
  };
  return { ...run, stop };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until `/healthz` answers 200 (seeding done), or fails with the server's output so far. */
export async function waitForHealth(
  origin: string,
  output: () => string = () => '',
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${origin}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${origin} never became healthy:\n${output()}`);
}
