import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/http/app.ts';
import { nodeListener } from '../../functions/local/node-listener.ts';
import { switchableCatalog } from '../helpers/faults.ts';
import { listenNodeOnLoopback, listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

/**
 * The local server answers tiles already in memory without building Request/Response objects. These tests hold
 * that path to the app's own answers: same status, headers and bytes, and the same errors for odd URLs.
 */
let service: TestService;
beforeAll(async () => {
  service = await startSeededService();
});
afterAll(() => service.close());

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A raw HTTP/1.1 exchange: no decompression, every header as sent. */
function raw(origin: string, path: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const request = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const result: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          // Set by Node's HTTP layer on every response, not by the app.
          if (['date', 'connection', 'keep-alive'].includes(name)) continue;
          result[name] = String(value);
        }
        resolve({ status: response.statusCode ?? 0, headers: result, body: Buffer.concat(chunks) });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('cached tiles on the local server', () => {
  it('sends exactly what the app sends, for every encoding, validator, method and URL form', async () => {
    const app = createApp({ catalog: service.catalog, boundaries: service.boundaries });
    const viaFetch = await listenOnLoopback(app.fetch);
    const viaNode = await listenNodeOnLoopback(nodeListener(app));
    const fast = vi.spyOn(app, 'cachedTile');
    try {
      const tilejson = await (await fetch(`${viaFetch.origin}/tiles/mli/72/tiles.json`)).json();
      const versioned = new URL(tilejson.tiles[0].replace('{z}/{x}/{y}', '5/15/14')).search;
      expect(versioned).toMatch(/^\?v=[0-9a-f]+$/);
      const gzipEtag = (
        await raw(viaFetch.origin, '/tiles/mli/72/5/15/14.mvt', 'GET', { 'accept-encoding': 'gzip' })
      ).headers.etag;
      const cases: [string, string, Record<string, string>][] = [
        ['GET', '/tiles/mli/72/5/15/14.mvt', { 'accept-encoding': 'gzip' }],
        ['GET', '/tiles/mli/72/5/15/14.mvt', { 'accept-encoding': 'gzip, deflate, br' }],
        ['GET', '/tiles/mli/72/5/15/14.mvt', {}],
        ['GET', '/tiles/mli/72/5/15/14.pbf', { 'accept-encoding': 'gzip;q=0, br;q=0' }],
        ['GET', `/tiles/mli/72/5/15/14.mvt${versioned}`, { 'accept-encoding': 'gzip' }],
        ['GET', '/tiles/mli/latest/5/15/14.mvt', { 'accept-encoding': 'gzip' }],
        ['GET', '/tiles/mli/72/5/15/14.mvt', { 'accept-encoding': 'gzip', 'if-none-match': `${gzipEtag}` }],
        ['GET', '/tiles/mli/72/5/15/14.mvt', { 'accept-encoding': 'br', 'if-none-match': '"other", *' }],
        ['HEAD', '/tiles/mli/72/5/15/14.mvt', { 'accept-encoding': 'gzip' }],
        ['GET', '/tiles/mli/72/5/0/0.mvt', { 'accept-encoding': 'gzip' }],
        ['HEAD', '/tiles/mli/72/5/0/0.mvt', {}],
      ];
      for (const [method, path, headers] of cases) {
        const reference = await raw(viaFetch.origin, path, method, headers); // also fills the caches
        fast.mockClear();
        const answer = await raw(viaNode.origin, path, method, headers);
        expect(fast.mock.results[0]?.value, `${method} ${path} took the fast path`).toBeDefined();
        expect({ ...answer, body: answer.body.toString('base64') }, `${method} ${path}`).toEqual({
          ...reference,
          body: reference.body.toString('base64'),
        });
      }
      expect(
        (await raw(viaNode.origin, '/tiles/mli/72/5/15/14.mvt', 'GET', { 'accept-encoding': 'gzip' }))
          .headers['content-encoding'],
      ).toBe('gzip');
    } finally {
      await viaFetch.close();
      await viaNode.close();
    }
  });

  it('leaves every odd, uncached or unknown tile URL to the app, which answers as it always does', async () => {
    const app = createApp({ catalog: service.catalog, boundaries: service.boundaries });
    const viaFetch = await listenOnLoopback(app.fetch);
    const viaNode = await listenNodeOnLoopback(nodeListener(app));
    const fast = vi.spyOn(app, 'cachedTile');
    try {
      await raw(viaFetch.origin, '/tiles/mli/72/5/15/14.mvt'); // cached from here on
      const paths = [
        '/tiles/mli/72/5/15/14.mvt?v=zz',
        '/tiles/mli/72/5/15/14.mvt?v=0123&x=1',
        '/tiles/mli/72/5/15/14.mvt?v=',
        '/tiles/mli/72/5/15/14.png',
        '/tiles/mli/72/05/15/14.mvt',
        '/tiles/mli/72/11/15/14.mvt',
        '/tiles/mli/72/5/32/14.mvt',
        '/tiles/mli/72/5/-1/14.mvt',
        '/tiles/mli/%37%32/5/15/14.mvt',
        '/tiles/mli/../72/5/15/14.mvt',
        '/tiles/mli/7..2/5/15/14.mvt',
        '/tiles/MLI/72/5/15/14.mvt',
        '/tiles/mli/99/5/15/14.mvt',
        '/tiles/xyz/72/5/15/14.mvt',
        '/tiles/mli/72/5/15/14.mvt/',
        `/tiles/mli/72/5/15/${'1'.repeat(40)}.mvt`,
      ];
      for (const path of paths) {
        for (const method of ['GET', 'HEAD']) {
          const reference = await raw(viaFetch.origin, path, method);
          fast.mockClear();
          const answer = await raw(viaNode.origin, path, method);
          expect(fast.mock.results[0]?.value, `${method} ${path} left to the app`).toBeUndefined();
          expect(answer.status, `${method} ${path}`).toBe(reference.status);
        }
      }
      const post = await raw(viaNode.origin, '/tiles/mli/72/5/15/14.mvt', 'POST');
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    } finally {
      await viaFetch.close();
      await viaNode.close();
    }
  });

  it('keeps serving a cached tile from stale metadata while DynamoDB is down, and new data once it is back', async () => {
    const { catalog, state } = switchableCatalog(service.catalog);
    const app = createApp({ catalog, boundaries: service.boundaries, data: { metadataTtlMs: 20 } });
    const viaNode = await listenNodeOnLoopback(nodeListener(app));
    try {
      const path = '/tiles/mli/72/5/15/14.mvt';
      const warm = await raw(viaNode.origin, path, 'GET', { 'accept-encoding': 'gzip' });
      expect(warm.status).toBe(200);
      state.down = true;
      await new Promise((resolve) => setTimeout(resolve, 60)); // the metadata is stale now
      for (let i = 0; i < 3; i++) {
        const stale = await raw(viaNode.origin, path, 'GET', { 'accept-encoding': 'gzip' });
        expect(stale.status).toBe(200);
        expect(stale.body.equals(warm.body)).toBe(true);
      }
      expect((await raw(viaNode.origin, '/tiles/mli/2014-06/5/15/14.mvt')).status).toBe(503);
      state.down = false;
      expect((await raw(viaNode.origin, '/tiles/mli/2014-06/5/15/14.mvt')).status).toBe(200);
    } finally {
      await viaNode.close();
    }
  });
});
