import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../functions/entry/sql-wasm.ts';
import { createS3Client } from '../../functions/store/clients.ts';
import type { PackStore, StoredPack } from '../../functions/store/ports.ts';
import { S3Packs } from '../../functions/store/s3-packs.ts';
import { findOnPath, toolAvailable } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

const FOUND = findOnPath('ogrinfo');
const OGRINFO = FOUND ?? 'ogrinfo';
const ogrAvailable = () => toolAvailable(FOUND, 'ogrinfo (GDAL)', 'apt-get install -y gdal-bin');

/** The real S3 pack store, counting the packs written (a write is a build). */
class CountingPacks implements PackStore {
  writes = 0;
  constructor(private readonly inner: PackStore) {}
  get(key: string) {
    return this.inner.get(key);
  }
  put(key: string, pack: StoredPack, contentType: string) {
    this.writes++;
    return this.inner.put(key, pack, contentType);
  }
}

/** A PMTiles source over the served pack's URL, reading byte ranges as MapLibre's protocol does. */
class RangeSource implements Source {
  statuses: number[] = [];
  constructor(private readonly url: string) {}
  getKey() {
    return this.url;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const response = await fetch(this.url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } });
    this.statuses.push(response.status);
    return { data: await response.arrayBuffer(), etag: response.headers.get('etag') ?? undefined };
  }
}

let service: TestService;
let server: { origin: string; close: () => Promise<void> };
let store: CountingPacks;
let dir: string;

beforeAll(async () => {
  service = await startSeededService({});
  store = new CountingPacks(new S3Packs(createS3Client(service.standIns.aws), service.standIns.bucketName));
  // The same app with packs: built over the seeded stand-ins.
  const { createApp } = await import('../../functions/http/app.ts');
  const app = createApp({
    catalog: service.catalog,
    boundaries: service.boundaries,
    packs: { store, sql: loadSqlJs },
  });
  server = await listenOnLoopback(app.fetch);
  dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-pack-'));
});
afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

const packUrl = (dataset: string, round: string, format: string) =>
  `${server.origin}/tiles/${dataset}/${round}/pack.${format}`;

describe('offline pack', () => {
  it('PMTiles of Mali round 72: the same tile bytes as the served tiles, read by byte ranges', async () => {
    const first = await fetch(packUrl('mli', '72', 'pmtiles'));
    expect(first.status).toBe(200);
    const bytes = new Uint8Array(await first.arrayBuffer());
    const source = new RangeSource(packUrl('mli', '72', 'pmtiles'));
    const reader = new PMTiles(source);
    const header = await reader.getHeader();
    expect(header).toMatchObject({
      minZoom: 0,
      maxZoom: 10,
      tileType: 1,
      tileCompression: 2,
      clustered: true,
    });
    const metadata = (await reader.getMetadata()) as Record<string, unknown>;
    const tilejson = await (await fetch(`${server.origin}/tiles/mli/72/tiles.json`)).json();
    expect(metadata.vector_layers).toEqual(tilejson.vector_layers);
    expect(metadata.attribution).toBe(tilejson.attribution);
    expect(tilejson.tiles[0]).toContain(`?v=${metadata.data_version}`);
    const sample: Array<[number, number, number]> = [
      [0, 0, 0],
      [3, 3, 3],
      [5, 15, 14],
      [7, 62, 57],
      [10, 504, 462],
    ];
    for (const [z, x, y] of sample) {
      const served = await fetch(`${server.origin}/tiles/mli/72/${z}/${x}/${y}.mvt`);
      const tile = await reader.getZxy(z, x, y);
      if (served.status === 204) {
        expect(tile, `${z}/${x}/${y}`).toBeUndefined();
        continue;
      }
      expect(new Uint8Array(tile?.data ?? new ArrayBuffer(0)), `${z}/${x}/${y}`).toEqual(
        new Uint8Array(await served.arrayBuffer()),
      );
    }
    expect(source.statuses.every((status) => status === 206)).toBe(true);
    expect(header.numAddressedTiles).toBeGreaterThan(1000);
    console.log(
      `mli 72 pmtiles: ${bytes.length} bytes, ${header.numAddressedTiles} tiles, build ${first.headers.get('x-pack-build')}`,
    );
  });

  it('a second request is served from the store: same ETag and build, nothing written again', async () => {
    const writes = store.writes;
    const a = await fetch(packUrl('mli', '72', 'pmtiles'), { method: 'HEAD' });
    const b = await fetch(packUrl('mli', '72', 'pmtiles'), {
      headers: { 'If-None-Match': a.headers.get('etag') ?? '' },
    });
    expect(a.headers.get('x-pack-build')).toBeTruthy();
    expect(b.status).toBe(304);
    expect(b.headers.get('x-pack-build')).toBe(a.headers.get('x-pack-build'));
    expect(store.writes).toBe(writes);
    const range = await fetch(packUrl('mli', '72', 'pmtiles'), { headers: { Range: 'bytes=0-126' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toMatch(/^bytes 0-126\/\d+$/);
    expect(new TextDecoder().decode((await range.arrayBuffer()).slice(0, 7))).toBe('PMTiles');
  });

  it.runIf(ogrAvailable())(
    'MBTiles of Mali round 72 opens in GDAL with the layers and integer figures',
    async () => {
      const response = await fetch(packUrl('mli', '72', 'mbtiles'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('.mbtiles');
      const file = path.join(dir, 'mli-72.mbtiles');
      await writeFile(file, new Uint8Array(await response.arrayBuffer()));
      const summary = execFileSync(OGRINFO, ['-ro', '-so', file], { encoding: 'utf8' });
      for (const layer of ['adm1', 'adm2', 'adm3', 'labels'])
        expect(summary).toMatch(new RegExp(`^\\d+: ${layer}\\b`, 'm'));
      const adm2 = execFileSync(OGRINFO, ['-ro', '-so', file, 'adm2'], { encoding: 'utf8' });
      expect(adm2).toMatch(/idps_ind: Integer/);
      expect(adm2).toMatch(/returnees_hh: Integer/);
      expect(adm2).toMatch(/pcode: String/);
      // TileJSON-equivalent metadata, and the QGIS style under its own key.
      expect(summary).toMatch(/^\s*minzoom=0$/m);
      expect(summary).toMatch(/^\s*maxzoom=10$/m);
      expect(summary).toMatch(/^\s*data_version=[0-9a-f]+$/m);
      expect(summary).toMatch(/^\s*style=\{"version":8/m);
    },
  );

  it('a Haiti round packs too (sizes for the report)', async () => {
    for (const format of ['pmtiles', 'mbtiles']) {
      // A fresh connection: a pooled one may have idled out while the previous pack was built.
      const response = await fetch(packUrl('hti', '10', format), { headers: { Connection: 'close' } });
      expect(response.status).toBe(200);
      console.log(`hti 10 ${format}: ${(await response.arrayBuffer()).byteLength} bytes`);
    }
  });
});
