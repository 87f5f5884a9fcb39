import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../functions/local/paths.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the ingest CLI (`npm run ingest`'s entry point) in a child process, as a user would, and waits for it.
 * With `--json` its stdout is one JSON document.
 */
export function runIngestCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/ingest-cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
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

/** The JSON document a `--json` run printed (its last line of stdout). */
export function cliJson(run: CliRun): Record<string, any> {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`no JSON from the CLI (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}
