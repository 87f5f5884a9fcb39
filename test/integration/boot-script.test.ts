import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../functions/local/paths.ts';

// The boot script (web/src/boot.ts) starts the API answers while the map code downloads only if the browser
// can run it before that code arrives: its own async module tag, and no import of anything large. The web
// build comes from the integration project's global setup.

/** The `src` of the page's async module script, and the page's other module scripts. */
async function scriptsOf(page: string): Promise<{ boot: string[]; entries: string[] }> {
  const html = await readFile(path.join(WEB_DIST, page), 'utf8');
  const tags = [...html.matchAll(/<script\b([^>]*)><\/script>/g)].map((match) => match[1] ?? '');
  const src = (attrs: string) => /\bsrc="([^"]+)"/.exec(attrs)?.[1] ?? '';
  return {
    boot: tags.filter((attrs) => /\basync\b/.test(attrs) && /type="module"/.test(attrs)).map(src),
    entries: tags.filter((attrs) => !/\basync\b/.test(attrs) && /type="module"/.test(attrs)).map(src),
  };
}

describe('the boot script in the web build', () => {
  it('is loaded by both pages with its own async module tag, apart from the page code', async () => {
    for (const page of ['index.html', 'embed/index.html']) {
      const { boot, entries } = await scriptsOf(page);
      expect(boot, page).toHaveLength(1);
      expect(boot[0], page).toMatch(/^\/assets\/boot-[\w-]+\.js$/);
      expect(entries, page).toHaveLength(1);
      expect(entries[0], page).not.toBe(boot[0]);
    }
  });

  it('holds no map code and imports nothing, so it runs as soon as its few kilobytes are in', async () => {
    const { boot } = await scriptsOf('index.html');
    const code = await readFile(path.join(WEB_DIST, boot[0] as string), 'utf8');
    expect(code).not.toMatch(/\bimport\s*[{*"'(]|\bfrom\s*["']\.\//);
    // MapLibre's code asks for a WebGL context; the boot script draws nothing.
    expect(code).not.toMatch(/webgl/i);
    const assets = await readdir(path.join(WEB_DIST, 'assets'));
    const mapCode = Math.max(
      ...(await Promise.all(
        assets
          .filter((name) => name.endsWith('.js'))
          .map(async (name) => (await readFile(path.join(WEB_DIST, 'assets', name))).length),
      )),
    );
    expect(code.length).toBeLessThan(mapCode / 10);
  });
});
