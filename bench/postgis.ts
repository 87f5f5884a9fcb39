import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgisServer {
  client: pg.Client;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL 15 cluster with PostGIS on a loopback port (Debian's packages), as the
 * unprivileged `postgres` user when run as root. Stopped by the PID in its postmaster.pid.
 */
export async function startPostgis(dir: string, port: number): Promise<PostgisServer> {
  const asPostgres = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asPostgres
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(PG_BIN, cmd), args, { stdio: 'pipe' });
  if (asPostgres) execFileSync('chown', ['postgres', dir]);
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const server = spawn(
    asPostgres ? 'runuser' : path.join(PG_BIN, 'postgres'),
    [
      ...(asPostgres ? ['-u', 'postgres', '--', path.join(PG_BIN, 'postgres')] : []),
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
      '-c',
      'shared_buffers=256MB',
    ],
    { stdio: 'ignore', detached: false },
  );
  let client: pg.Client;
  for (let attempt = 0; ; attempt++) {
    // A failed connect leaves the client unusable: a new one per attempt while the server starts.
    client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    try {
      await client.connect();
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    client,
    async stop() {
      await client.end();
      const pid = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGINT');
      await new Promise<void>((resolve) => server.once('exit', () => resolve()));
    },
  };
}
