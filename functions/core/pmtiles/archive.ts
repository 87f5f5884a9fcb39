import { type DirectoryEntry, encodeDirectory } from './directory.ts';
import { COMPRESSION, encodeHeader, HEADER_BYTES, ROOT_BYTES_MAX } from './header.ts';
import { zxyToTileId } from './tile-id.ts';

/** A tile to store: its coordinates and its bytes, already compressed as `tileCompression` says. */
export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveInput {
  tiles: Iterable<ArchiveTile>;
  /** The JSON metadata (for MVT it must hold `vector_layers`). */
  metadata: Record<string, unknown>;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  bounds: readonly [number, number, number, number];
  center: readonly [number, number, number];
  /** Gzip, the archive's internal compression of directories and metadata (injected: core does no I/O). */
  gzip: (bytes: Uint8Array) => Uint8Array;
  /** Bound on header + compressed root directory; the spec's 16 384 unless a test wants leaves sooner. */
  rootBytesMax?: number;
  /** Entries per leaf directory to try first (doubled until the root fits); 4096 unless a test wants more leaves. */
  leafSize?: number;
}

/**
 * A whole PMTiles v3 archive in memory: header, root directory, metadata, leaf directories, tile data, in
 * that order. Tiles are clustered (data in tile-id order), identical tiles are stored once, consecutive ids
 * with the same bytes share one entry (run length), and leaf directories are made only when the root would
 * not fit in the first 16 KiB.
 */
export function writeArchive(input: ArchiveInput): Uint8Array {
  const { entries, blobs, dataLength, addressed } = layOutTiles(input.tiles);
  if (entries.length === 0) throw new RangeError('an archive needs at least one tile');
  const { root, leaves } = directories(entries, input.gzip, {
    rootBytesMax: input.rootBytesMax ?? ROOT_BYTES_MAX,
    leafSize: input.leafSize ?? 4096,
  });
  const metadata = input.gzip(new TextEncoder().encode(JSON.stringify(input.metadata)));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset + leaves.length;
  const header = encodeHeader({
    rootDirectoryOffset: rootOffset,
    rootDirectoryLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafDirectoryOffset: leafOffset,
    leafDirectoryLength: leaves.length,
    tileDataOffset: dataOffset,
    tileDataLength: dataLength,
    addressedTiles: addressed,
    tileEntries: entries.length,
    tileContents: blobs.length,
    clustered: true,
    internalCompression: COMPRESSION.gzip,
    tileCompression: input.tileCompression,
    tileType: input.tileType,
    minZoom: input.minZoom,
    maxZoom: input.maxZoom,
    bounds: input.bounds,
    center: input.center,
  });
  const out = new Uint8Array(dataOffset + dataLength);
  out.set(header, 0);
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  out.set(leaves, leafOffset);
  let at = dataOffset;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}

/** Tile entries in id order over a deduplicated data section, runs of identical consecutive tiles merged. */
function layOutTiles(tiles: Iterable<ArchiveTile>) {
  const byId = [...tiles].map((tile) => ({ id: zxyToTileId(tile.z, tile.x, tile.y), data: tile.data }));
  byId.sort((a, b) => a.id - b.id);
  const entries: DirectoryEntry[] = [];
  const blobs: Uint8Array[] = [];
  const seen = new Map<string, Array<{ data: Uint8Array; offset: number }>>();
  let dataLength = 0;
  for (const [i, { id, data }] of byId.entries()) {
    if (data.length === 0) throw new RangeError(`tile ${id} is empty; leave empty tiles out`);
    if (i > 0 && byId[i - 1]?.id === id) throw new RangeError(`tile ${id} given twice`);
    const key = `${data.length}:${fnv1a(data)}`;
    const same = seen.get(key)?.find((known) => bytesEqual(known.data, data));
    const offset = same?.offset ?? dataLength;
    if (!same) {
      seen.set(key, [...(seen.get(key) ?? []), { data, offset }]);
      blobs.push(data);
      dataLength += data.length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === offset && last.tileId + last.runLength === id) last.runLength++;
    else entries.push({ tileId: id, offset, length: data.length, runLength: 1 });
  }
  return { entries, blobs, dataLength, addressed: byId.length };
}

/**
 * The root directory, and the leaf directories section when the entries do not all fit in the root: leaves
 * of `leafSize` entries, doubled until the root of leaf pointers fits (the reference writer's approach).
 */
function directories(
  entries: DirectoryEntry[],
  gzip: (b: Uint8Array) => Uint8Array,
  limits: { rootBytesMax: number; leafSize: number },
) {
  const { rootBytesMax } = limits;
  const whole = gzip(encodeDirectory(entries));
  if (HEADER_BYTES + whole.length <= rootBytesMax) return { root: whole, leaves: new Uint8Array(0) };
  for (let leafSize = limits.leafSize; ; leafSize *= 2) {
    const parts: Uint8Array[] = [];
    const pointers: DirectoryEntry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const leaf = gzip(encodeDirectory(chunk));
      pointers.push({ tileId: chunk[0]?.tileId ?? 0, offset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      offset += leaf.length;
    }
    const root = gzip(encodeDirectory(pointers));
    if (HEADER_BYTES + root.length <= rootBytesMax || pointers.length === 1) {
      const leaves = new Uint8Array(offset);
      let at = 0;
      for (const part of parts) {
        leaves.set(part, at);
        at += part.length;
      }
      return { root, leaves };
    }
  }
}

/** FNV-1a over the bytes: a cheap key to find identical tiles, confirmed by comparing the bytes. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
