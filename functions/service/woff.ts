/**
 * WOFF 1.0 to the plain font it wraps (TrueType/OpenType, "sfnt"), for resvg, which reads only the latter.
 * The thumbnails use the map's own label font, Noto Sans from @fontsource (OFL-1.1), which ships WOFF and
 * WOFF2 only. WOFF 1.0 is the sfnt's tables, each zlib-compressed when that made it smaller
 * (https://www.w3.org/TR/WOFF/): inflate each table and write the sfnt header and table directory back.
 */
import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

/** Whether the bytes are a WOFF 1.0 file. */
export function isWoff(bytes: Uint8Array): boolean {
  return bytes.byteLength >= WOFF_HEADER && view(bytes).getUint32(0) === WOFF_SIGNATURE;
}

/**
 * The sfnt inside a WOFF 1.0 file, byte for byte as its tables were before compression (the WOFF's
 * metadata and private blocks are dropped: fonts render without them). Throws on a truncated or
 * inconsistent file.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  if (!isWoff(woff)) throw new Error('not a WOFF 1.0 file (no wOFF signature)');
  const input = view(woff);
  const numTables = input.getUint16(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = WOFF_HEADER + i * WOFF_ENTRY;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((d) =>
      input.getUint32(at + d),
    ) as [number, number, number, number, number];
    if (offset + compLength > woff.byteLength) throw new Error(`WOFF table ${i} runs past the file's end`);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? new Uint8Array(inflateSync(stored)) : stored;
    if (data.byteLength !== origLength) throw new Error(`WOFF table ${i} inflates to the wrong length`);
    return { tag, checksum, data };
  });
  const dataStart = SFNT_HEADER + numTables * SFNT_ENTRY;
  const total = tables.reduce((sum, table) => sum + padded(table.data.byteLength), dataStart);
  const sfnt = new Uint8Array(total);
  const output = view(sfnt);
  // The offset table: flavour, table count, and the binary-search fields derived from the count.
  const power = 2 ** Math.floor(Math.log2(Math.max(1, numTables)));
  output.setUint32(0, input.getUint32(4));
  output.setUint16(4, numTables);
  output.setUint16(6, power * SFNT_ENTRY);
  output.setUint16(8, Math.log2(power));
  output.setUint16(10, numTables * SFNT_ENTRY - power * SFNT_ENTRY);
  let offset = dataStart;
  tables.forEach((table, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY;
    output.setUint32(at, table.tag);
    output.setUint32(at + 4, table.checksum);
    output.setUint32(at + 8, offset);
    output.setUint32(at + 12, table.data.byteLength);
    sfnt.set(table.data, offset);
    offset += padded(table.data.byteLength);
  });
  return sfnt;
}

/** Tables start on 4-byte boundaries. */
function padded(length: number): number {
  return (length + 3) & ~3;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
