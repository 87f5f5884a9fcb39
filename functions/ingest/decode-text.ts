/**
 * Decodes a text file whatever its encoding: UTF-8 (with or without BOM), UTF-16 with BOM, and Latin-1 /
 * Windows-1252 (what Excel on a French Windows writes), detected by UTF-8 failing to decode. French names
 * (Ségou, Ménaka, Tombouctou) come out right in every case.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
