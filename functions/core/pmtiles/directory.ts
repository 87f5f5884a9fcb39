/**
 * PMTiles v3 directories (spec/v3/spec.md, chapter 4): entries as five runs of little-endian varints — the
 * count, the delta-encoded tile ids, the run lengths, the lengths, and the offsets (0 when an entry follows
 * the previous one's bytes, else offset + 1). Compression is the caller's (the header's internal compression).
 */

/** One directory entry: a tile (runLength ≥ 1, for that many consecutive ids) or a leaf (runLength 0). */
export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** Appends `value` (a non-negative integer up to 2^53) as a protobuf varint. */
export function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint ${value} out of range`);
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Reads a varint at `state.pos`, moving it past the bytes read. */
export function readVarint(bytes: Uint8Array, state: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[state.pos++];
    if (byte === undefined) throw new RangeError('varint runs past the end of the directory');
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
}

/** Encodes entries (ordered by tile id, at least one) as a directory, uncompressed. */
export function encodeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  if (entries.length === 0) throw new RangeError('a directory has at least one entry');
  const out: number[] = [];
  writeVarint(out, entries.length);
  let lastId = 0;
  for (const entry of entries) {
    writeVarint(out, entry.tileId - lastId);
    lastId = entry.tileId;
  }
  for (const entry of entries) writeVarint(out, entry.runLength);
  for (const entry of entries) writeVarint(out, entry.length);
  let next = 0;
  entries.forEach((entry, i) => {
    writeVarint(out, i > 0 && entry.offset === next ? 0 : entry.offset + 1);
    next = entry.offset + entry.length;
  });
  return Uint8Array.from(out);
}

/** Decodes an uncompressed directory: the inverse of `encodeDirectory`. */
export function decodeDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const state = { pos: 0 };
  const count = readVarint(bytes, state);
  const entries: DirectoryEntry[] = [];
  let lastId = 0;
  for (let i = 0; i < count; i++) {
    lastId += readVarint(bytes, state);
    entries.push({ tileId: lastId, offset: 0, length: 0, runLength: 0 });
  }
  for (const entry of entries) entry.runLength = readVarint(bytes, state);
  for (const entry of entries) entry.length = readVarint(bytes, state);
  entries.forEach((entry, i) => {
    const stored = readVarint(bytes, state);
    const previous = entries[i - 1];
    entry.offset = stored === 0 && previous ? previous.offset + previous.length : stored - 1;
  });
  return entries;
}
