import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeListener } from '../../functions/local/node-listener.ts';
import { WEB_DIST } from '../../functions/local/paths.ts';
import { staticFiles } from '../../functions/local/static-files.ts';
import { GLYPH_CONTENT_TYPE } from '../../infra/lib/web-site.ts';
import { rawGet } from '../helpers/raw-get.ts';
import { tinyService } from '../helpers/tiny.ts';

// What a returning visitor and a slow link notice: the hashed code is kept by the browser for good (and can be
// fetched early), a rebuilt page is never stale, and the label glyphs arrive compressed as CloudFront sends
// them. The web build comes from the integration project's global setup.
let server: Server;
let origin = '';

beforeAll(async () => {
  const { app } = await tinyService({ staticFiles: staticFiles(), compressText: true });
  server = createServer(nodeListener(app)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const GLYPHS = '/fonts/Noto%20Sans%20Regular/0-255.pbf';

describe('caching of the web build', () => {
  it('keeps every hashed asset (page code, styles, the map worker) for a year, immutable', async () => {
    const assets = await readdir(path.join(WEB_DIST, 'assets'));
    expect(assets.some((name) => /worker.*\.mjs$/.test(name))).toBe(true);
    for (const name of assets) {
      const answer = await rawGet(`${origin}/assets/${name}`, { 'Accept-Encoding': 'br' });
      expect(answer.status, name).toBe(200);
      expect(answer.headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
    }
  });

  it('never lets a browser keep the pages without asking again', async () => {
    for (const page of ['/', '/embed/']) {
      const answer = await rawGet(`${origin}${page}`);
      expect(answer.status, page).toBe(200);
      expect(answer.headers['content-type'], page).toMatch(/^text\/html/);
      expect(String(answer.headers['cache-control']), page).not.toMatch(/immutable|max-age=[1-9]/);
    }
  });
});

describe('label glyphs', () => {
  it('arrive compressed with brotli or gzip, as accepted, typed as on AWS, and decode to the file', async () => {
    const file = await readFile(path.join(WEB_DIST, 'fonts', 'Noto Sans Regular', '0-255.pbf'));
    const br = await rawGet(`${origin}${GLYPHS}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe(GLYPH_CONTENT_TYPE);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.body.length).toBeLessThan(file.length * 0.7);
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true);
    const gzip = await rawGet(`${origin}${GLYPHS}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(file)).toBe(true);
  });

  it('arrive as they are for a client accepting no compression, cached for a minute as on AWS', async () => {
    const file = await readFile(path.join(WEB_DIST, 'fonts', 'Noto Sans Regular', '0-255.pbf'));
    const plain = await rawGet(`${origin}${GLYPHS}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe(GLYPH_CONTENT_TYPE);
    expect(plain.headers['cache-control']).toBe('public, max-age=60');
    expect(plain.body.equals(file)).toBe(true);
  });

  it('answer 404 for a path that climbs out of the build, however it is encoded', async () => {
    for (const sneaky of [
      '/fonts/%2e%2e/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/fonts/..%2F..%2Fpackage.json',
    ]) {
      const answer = await rawGet(`${origin}${sneaky}`);
      expect(answer.status, sneaky).toBe(404);
    }
  });
});
