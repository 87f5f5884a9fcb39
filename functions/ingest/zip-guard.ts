import { InputError } from '../core/errors.ts';

/** No DTM workbook comes near this once unpacked; a zip bomb does. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Reads the sizes an XLSX (a ZIP archive) declares in its central directory, before anything is
 * decompressed, and refuses archives that would unpack beyond `MAX_UNPACKED_BYTES` or compress suspiciously
 * well (a decompression bomb). The central directory is at the end, found through the end-of-central-
 * directory record (ZIP APPNOTE 4.3.16).
 */
export function checkZipSizes(bytes: Uint8Array, file: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InputError({ file }, 'not a readable XLSX workbook (no ZIP directory)');
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let packed = 0;
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) {
      throw new InputError({ file }, 'not a readable XLSX workbook (damaged ZIP directory)');
    }
    packed += view.getUint32(offset + 20, true);
    unpacked += view.getUint32(offset + 24, true);
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  if (unpacked > MAX_UNPACKED_BYTES || (unpacked > 10 * 1024 * 1024 && unpacked > packed * MAX_RATIO)) {
    throw new InputError(
      { file },
      `the workbook would unpack to ${unpacked} bytes from ${packed}; refusing it as a possible decompression bomb`,
    );
  }
}
