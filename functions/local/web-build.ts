import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { WEB_DIST, WEB_ROOT } from './paths.ts';

/** Newest modification time of the web sources (web/ minus dist). */
async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the front end with Vite when web/dist is missing or older than its sources, so `npm start` on a
 * fresh clone serves the map without a separate build step, and later starts skip the build.
 */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  const built = await stat(path.join(WEB_DIST, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newestSource(WEB_ROOT))) return;
  log('building the web front end (vite)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
