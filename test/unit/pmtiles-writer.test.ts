import { gunzipSync, gzipSync } from 'node:zlib';
import { PMTiles, type RangeResponse, zxyToTileId as referenceTileId, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../../functions/core/pmtiles/archive.ts';
import { decodeDirectory, encodeDirectory } from '../../functions/core/pmtiles/directory.ts';
import { COMPRESSION, encodeHeader, HEADER_BYTES, TILE_TYPE } from '../../functions/core/pmtiles/header.ts';
import { zxyToTileId } from '../../functions/core/pmtiles/tile-id.ts';

/** An archive in memory as the `pmtiles` reader reads files: byte ranges. */
class BytesSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey() {
    return 'memory';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.bytes.slice(offset, offset + length);
    return { data: slice.buffer };
  }
}

const gzip = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));
const made = (text: string) => gzip(new TextEncoder().encode(text));

function archive(
  tiles: Array<[number, number, number, string]>,
  extra: { leafSize?: number; rootBytesMax?: number } = {},
) {
  return writeArchive({
    tiles: tiles.map(([z, x, y, text]) => ({ z, x, y, data: made(text) })),
    metadata: { name: 'made up', vector_layers: [{ id: 'a', fields: { n: 'Number' } }] },
    tileCompression: COMPRESSION.gzip,
    tileType: TILE_TYPE.mvt,
    minZoom: 0,
    maxZoom: 6,
    bounds: [-12.25, 10.1, 4.27, 25],
    center: [-4, 17.5, 5],
    gzip,
    ...extra,
  });
}

describe('PMTiles tile ids', () => {
  it('are the spec table values', () => {
    const table: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [1, 0, 0, 1],
      [1, 0, 1, 2],
      [1, 1, 1, 3],
      [1, 1, 0, 4],
      [2, 0, 0, 5],
      [12, 3423, 1763, 19078479],
    ];
    for (const [z, x, y, id] of table) expect(zxyToTileId(z, x, y)).toBe(id);
  });

  it('agree with the reference implementation on every tile up to zoom 7 and far tiles at zoom 20', () => {
    for (let z = 0; z <= 7; z++)
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++) expect(zxyToTileId(z, x, y)).toBe(referenceTileId(z, x, y));
    expect(zxyToTileId(20, 123456, 654321)).toBe(referenceTileId(20, 123456, 654321));
    expect(() => zxyToTileId(2, 4, 0)).toThrow(RangeError);
  });
});

describe('PMTiles directories', () => {
  it('round-trip entries, contiguous offsets written as 0', () => {
    const entries = [
      { tileId: 5, offset: 0, length: 42, runLength: 1 },
      { tileId: 42, offset: 42, length: 300, runLength: 3 },
      { tileId: 69, offset: 0, length: 42, runLength: 1 },
      { tileId: 2 ** 40, offset: 2 ** 33, length: 1, runLength: 0 },
    ];
    const bytes = encodeDirectory(entries);
    expect(decodeDirectory(bytes)).toEqual(entries);
    // count, ids 5/37/27/…: the first delta is one byte, the second offset a single 0.
    expect([...bytes.slice(0, 4)]).toEqual([4, 5, 37, 27]);
  });
});

describe('PMTiles header', () => {
  it('has the magic, version and fields at the spec offsets', () => {
    const bytes = encodeHeader({
      rootDirectoryOffset: 127,
      rootDirectoryLength: 25,
      metadataOffset: 152,
      metadataLength: 10,
      leafDirectoryOffset: 162,
      leafDirectoryLength: 0,
      tileDataOffset: 162,
      tileDataLength: 2 ** 33,
      addressedTiles: 7,
      tileEntries: 6,
      tileContents: 5,
      clustered: true,
      internalCompression: COMPRESSION.gzip,
      tileCompression: COMPRESSION.gzip,
      tileType: TILE_TYPE.mvt,
      minZoom: 0,
      maxZoom: 10,
      bounds: [-12.25, 10.1, 4.27, 25],
      center: [-4, 17.5, 5],
    });
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(HEADER_BYTES);
    expect(new TextDecoder().decode(bytes.slice(0, 7))).toBe('PMTiles');
    expect(bytes[7]).toBe(3);
    expect(view.getBigUint64(64, true)).toBe(2n ** 33n);
    expect([...bytes.slice(96, 102)]).toEqual([1, 2, 2, 1, 0, 10]);
    expect(view.getInt32(102, true)).toBe(-122_500_000);
    expect(view.getInt32(114, true)).toBe(250_000_000);
    expect(bytes[118]).toBe(5);
    expect(view.getInt32(123, true)).toBe(175_000_000);
  });
});

describe('PMTiles archive', () => {
  const tiles: Array<[number, number, number, string]> = [
    [0, 0, 0, 'world'],
    [1, 0, 0, 'nw'],
    [1, 0, 1, 'same'],
    [1, 1, 1, 'same'],
    [2, 3, 3, 'same'],
    [6, 30, 28, 'deep'],
  ];

  it('reads back with the pmtiles package: same bytes per tile, header and metadata', async () => {
    const reader = new PMTiles(new BytesSource(archive(tiles)));
    for (const [z, x, y, text] of tiles) {
      const tile = await reader.getZxy(z, x, y);
      expect(new TextDecoder().decode(new Uint8Array(tile?.data ?? new ArrayBuffer(0)))).toBe(text);
    }
    expect(await reader.getZxy(1, 1, 0)).toBeUndefined();
    const header = await reader.getHeader();
    expect(header).toMatchObject({ clustered: true, numAddressedTiles: 6, numTileContents: 4, maxZoom: 6 });
    // 1/0/1 and 1/1/1 are consecutive ids with the same bytes: one entry of run length 2.
    expect(header.numTileEntries).toBe(5);
    expect(await reader.getMetadata()).toMatchObject({ name: 'made up' });
  });

  it('stores identical tiles once', () => {
    const bytes = archive(tiles);
    const view = new DataView(bytes.buffer);
    const dataLength = Number(view.getBigUint64(64, true));
    const distinct = new Set(tiles.map(([, , , t]) => t));
    expect(dataLength).toBe([...distinct].reduce((sum, t) => sum + made(t).length, 0));
  });

  it('puts entries in leaf directories when the root would not fit, and still reads every tile', async () => {
    const many: Array<[number, number, number, string]> = [];
    for (let x = 0; x < 32; x++)
      for (let y = 0; y < 32; y++) many.push([5, x, y, `t${x}-${y}`.padEnd((x * 31 + y * 17) % 97, '.')]);
    const bytes = archive(many, { leafSize: 64, rootBytesMax: 127 + 100 });
    expect(Number(new DataView(bytes.buffer).getBigUint64(48, true))).toBeGreaterThan(0);
    const root = decodeDirectory(
      gunzipSync(bytes.slice(127, 127 + Number(new DataView(bytes.buffer).getBigUint64(16, true)))),
    );
    expect(root.every((entry) => entry.runLength === 0)).toBe(true);
    const reader = new PMTiles(new BytesSource(bytes));
    for (const [z, x, y, text] of [many[0], many[500], many[1023]] as typeof many) {
      const tile = await reader.getZxy(z, x, y);
      expect(new TextDecoder().decode(new Uint8Array(tile?.data ?? new ArrayBuffer(0)))).toBe(text);
    }
  });
});
