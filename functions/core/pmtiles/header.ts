/**
 * The PMTiles v3 header (spec/v3/spec.md, chapter 3): 127 bytes at the start of the archive, little-endian,
 * with the offsets of every section, counts, compression and type codes, zoom range, bounds and centre.
 */

export const HEADER_BYTES = 127;
/** What the header and the compressed root directory together may not exceed (latency-optimised clients). */
export const ROOT_BYTES_MAX = 16_384;

/** Compression codes (spec 3.3). */
export const COMPRESSION = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
/** Tile type codes (spec 3.2, "Tile Type"). */
export const TILE_TYPE = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5 } as const;

export interface PmtilesHeader {
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  /** Tiles addressed, counting each tile of a run. */
  addressedTiles: number;
  /** Entries with a run length above 0. */
  tileEntries: number;
  /** Distinct tile blobs in the data section. */
  tileContents: number;
  clustered: boolean;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: readonly [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: readonly [number, number, number];
}

/** The 127 header bytes: magic `PMTiles`, version 3, then the fields in the spec's order. */
export function encodeHeader(header: PmtilesHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  bytes[7] = 3;
  const u64 = [
    header.rootDirectoryOffset,
    header.rootDirectoryLength,
    header.metadataOffset,
    header.metadataLength,
    header.leafDirectoryOffset,
    header.leafDirectoryLength,
    header.tileDataOffset,
    header.tileDataLength,
    header.addressedTiles,
    header.tileEntries,
    header.tileContents,
  ];
  for (const [i, value] of u64.entries()) view.setBigUint64(8 + i * 8, BigInt(value), true);
  view.setUint8(96, header.clustered ? 1 : 0);
  view.setUint8(97, header.internalCompression);
  view.setUint8(98, header.tileCompression);
  view.setUint8(99, header.tileType);
  view.setUint8(100, header.minZoom);
  view.setUint8(101, header.maxZoom);
  // Positions are degrees × 10^7 as signed 32-bit integers.
  const e7 = (degrees: number) => Math.round(degrees * 1e7);
  const [west, south, east, north] = header.bounds;
  view.setInt32(102, e7(west), true);
  view.setInt32(106, e7(south), true);
  view.setInt32(110, e7(east), true);
  view.setInt32(114, e7(north), true);
  const [lon, lat, zoom] = header.center;
  view.setUint8(118, zoom);
  view.setInt32(119, e7(lon), true);
  view.setInt32(123, e7(lat), true);
  return bytes;
}
