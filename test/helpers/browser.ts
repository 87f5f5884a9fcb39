import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * The executable `name` as the shell's `command -v` finds it on `PATH` (what `.ci/run` checks before it
 * installs a tool), or undefined.
 */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * Whether a tool the tests need is there. In CI (`.ci/run` exports `CI`) a missing tool is a failure, not a
 * skip; on a developer machine without it the tests are skipped with a note.
 */
export function toolAvailable(tool: string | undefined, what: string, install: string): boolean {
  if (tool) return true;
  if (process.env.CI) throw new Error(`${what} not found on PATH; .ci/run installs it (${install})`);
  console.warn(`${what} tests skipped: not found on PATH (${install})`);
  return false;
}

/** Chromium: `CHROMIUM_PATH` if set, else `chromium` on PATH (Debian's, installed by .ci/run). */
export const CHROMIUM = process.env.CHROMIUM_PATH || findOnPath('chromium');

/** Whether browser tests can run (see `toolAvailable`). */
export function browserAvailable(): boolean {
  return toolAvailable(CHROMIUM, 'chromium', 'apt-get install -y chromium');
}

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('chromium not found on PATH; set CHROMIUM_PATH');
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without these, chromium tries to reach Google's services, which this network refuses.
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
