import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export interface LoadResult {
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  /** Non-2xx/3xx answers plus socket errors (timeouts included). */
  errors: number;
  timeouts: number;
}

/**
 * Runs Debian's wrk against a loopback origin for a bounded time, cycling through the given paths, and parses
 * its latency distribution. Only 127.0.0.1 is ever a target.
 */
export async function runWrk(
  origin: string,
  paths: string[],
  dir: string,
  seconds = 10,
  connections = 32,
): Promise<LoadResult> {
  if (!origin.startsWith('http://127.0.0.1:')) throw new Error('load only goes to 127.0.0.1');
  const list = path.join(dir, 'paths.txt');
  await writeFile(list, paths.join('\n'));
  const script = path.join(dir, 'paths.lua');
  await writeFile(
    script,
    `local paths = {}
for line in io.lines("${list}") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
`,
  );
  // Asynchronous: the server under test may run in this very process and must keep answering.
  const { stdout: out } = await promisify(execFile)(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '2s', '--latency', '-s', script, origin],
    { encoding: 'utf8' },
  );
  const ms = (text: string | undefined) => {
    const match = /([\d.]+)(us|ms|s)/.exec(text ?? '');
    if (!match) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    p50ms: ms(/\s50%\s+(\S+)/.exec(out)?.[1]),
    p99ms: ms(/\s99%\s+(\S+)/.exec(out)?.[1]),
    maxMs: ms(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1]),
    errors:
      Number(errors ?? 0) + (socketErrors ? socketErrors.slice(1).reduce((n, v) => n + Number(v), 0) : 0),
    timeouts: Number(socketErrors?.[4] ?? 0),
  };
}
