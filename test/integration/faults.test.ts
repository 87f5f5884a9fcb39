import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import type { BoundaryReader } from '../../functions/store/ports.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';
import { switchableCatalog, UNREACHABLE_AWS } from '../helpers/faults.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';
import { startSlowProxy } from '../helpers/slow-proxy.ts';

let service: TestService;
beforeAll(async () => {
  service = await startSeededService();
});
afterAll(() => service.close());

describe('dependencies failing', () => {
  it('keeps serving what is cached while DynamoDB is throttled, answers 503 with Retry-After otherwise, and recovers', async () => {
    const { catalog, state } = switchableCatalog(service.catalog);
    const app = createApp({ catalog, boundaries: service.boundaries, data: { metadataTtlMs: 20 } });
    const get = (path: string) =>
      app.request(`http://atlas.test${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    const warm = await get('/tiles/mli/72/5/15/14.mvt');
    expect(warm.status).toBe(200);
    const bytes = new Uint8Array(await warm.arrayBuffer());
    expect((await get('/api/v1/datasets/mli/rounds/72/figures?level=adm1')).status).toBe(200);

    state.down = true;
    await new Promise((resolve) => setTimeout(resolve, 50)); // metadata is now stale
    const cached = await get('/tiles/mli/72/5/15/14.mvt');
    expect(cached.status).toBe(200);
    expect(new Uint8Array(await cached.arrayBuffer())).toEqual(bytes);
    expect((await get('/api/v1/datasets/mli/rounds/72/figures?level=adm1')).status).toBe(200);
    const uncached = await get('/api/v1/datasets/mli/rounds/2014-06/figures?level=adm1');
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get('Retry-After')).toBe('5');
    const body = await uncached.json();
    expect(body.error).toMatchObject({ status: 503, code: 'unavailable' });
    expect(JSON.stringify(body)).not.toMatch(/Throttling|dynamo|at .*\.ts/i);

    state.down = false;
    expect((await get('/api/v1/datasets/mli/rounds/2014-06/figures?level=adm1')).status).toBe(200);
  });

  it('answers 503 within a bounded time when DynamoDB is unreachable, and never crashes', async () => {
    const unreachable = new DynamoCatalog(createDocumentClient(UNREACHABLE_AWS), 'dtm-atlas');
    const app = createApp({ catalog: unreachable, boundaries: service.boundaries });
    const started = Date.now();
    const response = await app.request('http://atlas.test/api/v1/datasets');
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await app.request('http://atlas.test/healthz')).status).toBe(200);
  });
});

describe('hostile requests', () => {
  /** mulberry32: a tiny PRNG, so the fuzz run is the same every time. */
  function random(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const PARTS = [
    'tiles',
    'mli',
    '72',
    'latest',
    'api',
    'v1',
    'datasets',
    'rounds',
    'figures',
    'report',
    'styles',
    'style.json',
    'tiles.json',
    '..',
    '%2e%2e',
    '%2F',
    '.%2e',
    '-1',
    '99999999999999999999',
    '5',
    '15',
    '14.mvt',
    '14.pbf',
    '1e3',
    '0x10',
    'NaN',
    '😀',
    'é',
    "'; DROP TABLE",
    '{"$ne":1}',
    'a'.repeat(300),
    '%00',
    'areas',
    'ML01',
    'series',
    'qgis',
    'mli.xml',
    'oembed',
    'embed',
    'sites',
    'figures.csv',
    'figures.geojson',
  ];
  const QUERIES = [
    '',
    '?level=adm9',
    '?level=adm1',
    '?indicator=../../x',
    '?lang=xx',
    '?v=zz',
    "?level=adm1' OR '1'='1",
    '?flavor=qgis&indicator=idps_ind_change',
    `?x=${'y'.repeat(5000)}`,
  ];

  it('fuzzes 1,500 fixed-seed paths: never a 5xx, always JSON errors without stack traces', async () => {
    const next = random(20261123);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    for (let i = 0; i < 1500; i++) {
      const depth = 1 + Math.floor(next() * 7);
      const path = `/${Array.from({ length: depth }, () => pick(PARTS)).join('/')}${pick(QUERIES)}`;
      const method = pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE']);
      const response = await service.app.request(`http://atlas.test${path}`, { method });
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      if (response.status >= 400 && method !== 'HEAD') {
        const text = await response.text();
        expect(text, path).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
      }
    }
  });

  it('refuses traversal, absurd numbers and long URLs with 4xx', async () => {
    for (const path of [
      '/tiles/mli/../../etc/passwd',
      '/tiles/mli/%2e%2e/5/15/14.mvt',
      '/tiles/mli/72/5/-1/14.mvt',
      '/tiles/mli/72/99999999999/1/1.mvt',
      '/tiles/mli/72/5/15/14.exe',
      `/tiles/mli/${'x'.repeat(2000)}/5/15/14.mvt`,
      '/api/v1/datasets/mli/rounds/72/figures?level=adm1%27%20OR%201=1',
    ]) {
      const response = await service.app.request(`http://atlas.test${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});

describe('boundary set replaced while tiles are served', () => {
  /** A gate the test opens: calls wait on it until `open()`. */
  function gate() {
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    let reached = () => {};
    const wasReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    return { opened, open, wasReached, reached };
  }

  it('never mixes old and new: a tile in flight across the swap is wholly old, one asked after it wholly new', async () => {
    // The swap window made deterministic. The boundaries port answers the old manifest until the test swaps
    // it for the new one (same shapes, every name suffixed, a new version); the catalog holds the round's
    // figures until the test releases them. Tiles asked before the swap resolve the old set and then wait for
    // the figures; the swap happens while they wait; tiles asked after it resolve the new set and wait too.
    // Then the figures are released and every tile must come out wholly old or wholly new.
    const oldManifest = await service.boundaries.getManifest('mli-codab-2021');
    if (!oldManifest) throw new Error('no set');
    const newManifest = { ...oldManifest, version: `${oldManifest.version}-v2` };
    const newTopology = structuredClone(await service.boundaries.getTopology(oldManifest));
    for (const object of Object.values(newTopology.objects)) {
      for (const geometry of object.geometries) (geometry.properties as { name: string }).name += ' (v2)';
    }
    let visible = oldManifest;
    const boundaries: BoundaryReader = {
      getManifest: async (setId) =>
        setId === oldManifest.id ? visible : service.boundaries.getManifest(setId),
      getTopology: async (manifest) =>
        manifest.version === newManifest.version ? newTopology : service.boundaries.getTopology(manifest),
    };
    const figures = gate();
    const catalog = new Proxy(service.catalog, {
      get(target, property) {
        const value = Reflect.get(target, property);
        if (property !== 'getFigures') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<DynamoCatalog['getFigures']>) => {
          figures.reached();
          await figures.opened;
          return target.getFigures(...args);
        };
      },
    });
    const ttl = 5;
    const app = createApp({ catalog, boundaries, data: { metadataTtlMs: ttl } });
    const { VectorTile } = await import('@mapbox/vector-tile');
    const { PbfReader } = await import('pbf');
    const names = async ([z, x, y]: readonly [number, number, number]) => {
      const response = await app.request(`http://atlas.test/tiles/mli/72/${z}/${x}/${y}.mvt`);
      expect(response.status).toBe(200);
      const tile = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer())));
      const layerNames = (layer: string) =>
        Array.from({ length: tile.layers[layer]?.length ?? 0 }, (_, i) =>
          String(tile.layers[layer]?.feature(i).properties.name),
        );
      return [...layerNames('adm1'), ...layerNames('adm2'), ...layerNames('labels')];
    };
    const renamed = (tileNames: string[]) => tileNames.filter((n) => n.endsWith('(v2)')).length;
    const tiles = [
      [5, 15, 14],
      [6, 30, 29],
      [4, 7, 7],
      [6, 31, 28],
    ] as const;

    const before = tiles.map(names);
    await figures.wasReached; // at least one tile resolved the old set and is waiting for the figures
    visible = newManifest; // the swap
    await new Promise((resolve) => setTimeout(resolve, ttl * 4)); // the old manifest is no longer trusted
    const after = tiles.map(names);
    await new Promise((resolve) => setTimeout(resolve, 20));
    figures.open();

    const beforeNames = await Promise.all(before);
    const afterNames = await Promise.all(after);
    for (const tileNames of [...beforeNames, ...afterNames]) {
      expect(tileNames.length).toBeGreaterThan(0);
      expect(renamed(tileNames) === 0 || renamed(tileNames) === tileNames.length, tileNames.join(', ')).toBe(
        true,
      );
    }
    // The old state was seen during the swap (the tile that first reached the figures resolved the old set
    // before the swap), and the new state right after it.
    expect(beforeNames.some((tileNames) => renamed(tileNames) === 0)).toBe(true);
    expect(afterNames.every((tileNames) => renamed(tileNames) === tileNames.length)).toBe(true);
  });
});

describe('S3 failing', () => {
  it('answers 503 when S3 is unreachable and the boundaries were never loaded, and keeps the process up', async () => {
    const unreachable = new S3Boundaries(createS3Client(UNREACHABLE_AWS), 'dtm-atlas');
    const app = createApp({ catalog: service.catalog, boundaries: unreachable });
    const tile = await app.request('http://atlas.test/tiles/mli/72/5/15/14.mvt');
    expect(tile.status).toBe(503);
    expect(tile.headers.get('Retry-After')).toBe('5');
    expect((await app.request('http://atlas.test/api/v1/datasets/mli/rounds')).status).toBe(200);
  });

  it('S3 slow: bounded retries then 503 with Retry-After, cached tiles still served, recovery without a restart', async () => {
    // The real SDK client, through a proxy in front of the S3 stand-in that can hold answers back. Timeouts
    // are shortened (the defaults are 3 s per attempt) so the test does not wait a dozen seconds.
    const proxy = await startSlowProxy(service.standIns.aws.s3Endpoint as string);
    const maxAttempts = 3;
    try {
      const s3 = createS3Client({
        ...service.standIns.aws,
        s3Endpoint: proxy.endpoint,
        limits: { connectMs: 1000, requestMs: 400, idleMs: 400, maxAttempts },
      });
      const app = createApp({
        catalog: service.catalog,
        boundaries: new S3Boundaries(s3, service.standIns.bucketName),
      });
      const get = (path: string) => app.request(`http://atlas.test${path}`);
      // Round 72 is on the 2021 boundaries: this tile loads them from S3 and is cached.
      const cachedPath = '/tiles/mli/72/5/15/14.mvt';
      const warm = await get(cachedPath);
      expect(warm.status).toBe(200);
      const bytes = new Uint8Array(await warm.arrayBuffer());
      // The 2012–2014 series is on another boundary set, never loaded yet: its tiles need S3.
      const uncachedPath = '/tiles/mli/2014-06/5/15/14.mvt';

      proxy.slow = true;
      const cached = await get(cachedPath);
      expect(cached.status).toBe(200);
      expect(new Uint8Array(await cached.arrayBuffer())).toEqual(bytes);

      proxy.requests = 0;
      const slow = await get(uncachedPath);
      expect(slow.status).toBe(503);
      expect(slow.headers.get('Retry-After')).toBe('5');
      expect(slow.headers.get('Content-Type')).toMatch(/application\/json/);
      const body = await slow.json();
      expect(body.error).toMatchObject({ status: 503, code: 'unavailable' });
      expect(JSON.stringify(body)).not.toMatch(/Timeout|s3:\/\/|smithy|at .*\.ts/i);
      // Bounded: the SDK tried the one object it needed (the set's manifest) a few times, then gave up.
      expect(proxy.requests).toBeGreaterThan(1);
      expect(proxy.requests).toBeLessThanOrEqual(maxAttempts);
      // Still serving what is cached, and alive.
      expect((await get(cachedPath)).status).toBe(200);
      expect((await get('/healthz')).status).toBe(200);

      proxy.slow = false;
      const recovered = await get(uncachedPath);
      expect(recovered.status).toBe(200);
      expect((await recovered.arrayBuffer()).byteLength).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('answers with a JSON error, not a crash, when a topology object is missing behind its manifest', async () => {
    const manifest = await service.boundaries.getManifest('mli-codab-2021');
    const broken = Object.create(service.boundaries, {
      getManifest: { value: async () => ({ ...manifest, version: 'no-such-version' }) },
    }) as S3Boundaries;
    const app = createApp({ catalog: service.catalog, boundaries: broken });
    const response = await app.request('http://atlas.test/tiles/mli/72/5/15/14.mvt');
    expect(response.status).toBeGreaterThanOrEqual(500);
    const body = await response.json();
    expect(body.error.status).toBe(response.status);
    expect(JSON.stringify(body)).not.toMatch(/s3:\/\/|topology\.json|at .*\.ts/);
  });
});
