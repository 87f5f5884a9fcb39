import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeListener } from '../../functions/local/node-listener.ts';
import { WEB_DIST } from '../../functions/local/paths.ts';
import { pickEncoding, staticFiles } from '../../functions/local/static-files.ts';
import { rawGet } from '../helpers/raw-get.ts';
import { tinyService } from '../helpers/tiny.ts';

// The local server sends the map's JavaScript and CSS compressed, as the CDN does: a slow connection loads a
// fraction of the bytes. The web build comes from the integration project's global setup.
let server: Server;
let origin = '';
let scripts: string[] = [];

beforeAll(async () => {
  const { app } = await tinyService({ staticFiles: staticFiles(), compressText: true });
  server = createServer(nodeListener(app)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
  scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] ?? '',
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('static files compressed by Accept-Encoding', () => {
  it('sends the page JavaScript and CSS with brotli, smaller than the file and decoding to it', async () => {
    expect(scripts.some((src) => src.endsWith('.js'))).toBe(true);
    expect(scripts.some((src) => src.endsWith('.css'))).toBe(true);
    for (const src of scripts) {
      const raw = await readFile(path.join(WEB_DIST, src));
      const answer = await rawGet(`${origin}${src}`, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      expect(answer.status, src).toBe(200);
      expect(answer.headers['content-encoding'], src).toBe('br');
      expect(answer.headers.vary, src).toMatch(/Accept-Encoding/);
      expect(answer.headers['content-type'], src).toMatch(/^(text\/javascript|text\/css)/);
      expect(answer.body.length, src).toBeLessThan(raw.length / 2);
      expect(brotliDecompressSync(answer.body).equals(raw), src).toBe(true);
    }
  });

  it('sends gzip to a client without brotli, and the file as it is to one accepting neither', async () => {
    const src = scripts.find((candidate) => candidate.endsWith('.js')) ?? '';
    const raw = await readFile(path.join(WEB_DIST, src));
    const gzipped = await rawGet(`${origin}${src}`, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(gzipped.body).equals(raw)).toBe(true);
    const plain = await rawGet(`${origin}${src}`, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
  });

  it('compresses the page itself at /', async () => {
    const page = await rawGet(`${origin}/`, { 'Accept-Encoding': 'br' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = await readFile(path.join(WEB_DIST, 'index.html'));
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).equals(html)).toBe(true);
  });

  it('gzips the API and style JSON as CloudFront does, with a weak ETag, and not for a client without gzip', async () => {
    const style = '/styles/xx/latest/style.json';
    for (const url of ['/api/v1/datasets', style]) {
      const plain = await rawGet(`${origin}${url}`, { 'Accept-Encoding': 'identity' });
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      const zipped = await rawGet(`${origin}${url}`, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding'], url).toBe('gzip');
      expect(zipped.headers.vary, url).toMatch(/Accept-Encoding/);
      expect(gunzipSync(zipped.body).equals(plain.body), url).toBe(true);
      if (zipped.headers.etag) expect(String(zipped.headers.etag), url).toMatch(/^W\//);
    }
    const api = await rawGet(`${origin}/api/v1/datasets`, { 'Accept-Encoding': 'gzip' });
    expect(JSON.parse(gunzipSync(api.body).toString('utf8')).datasets[0].id).toBe('xx');
  });
});

describe('pickEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});
