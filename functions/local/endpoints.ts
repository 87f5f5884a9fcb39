import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AwsEndpoints } from '../store/clients.ts';

/** Where a running `npm start` serves its stand-ins, so the ingest CLI can use them instead of the locked files. */
export interface RunningStandIns {
  pid: number;
  aws: AwsEndpoints;
  tableName: string;
  bucketName: string;
}

const FILE = 'endpoints.json';

export async function publishEndpoints(stateDir: string, running: RunningStandIns): Promise<void> {
  await writeFile(path.join(stateDir, FILE), JSON.stringify(running, null, 2));
}

export async function withdrawEndpoints(stateDir: string): Promise<void> {
  await rm(path.join(stateDir, FILE), { force: true });
}

/** The stand-ins of a running `npm start` on this state folder, if its process is alive. */
export async function findRunningStandIns(stateDir: string): Promise<RunningStandIns | undefined> {
  const text = await readFile(path.join(stateDir, FILE), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const running = JSON.parse(text) as RunningStandIns;
  try {
    process.kill(running.pid, 0);
    return running;
  } catch {
    return undefined;
  }
}
