/**
 * A numeric feature id for an area, stable across rounds and boundary-set versions because it depends on the
 * P-code alone. MVT feature ids are unsigned integers (vt-pbf drops string ids), and MapLibre's feature-state
 * needs one. P-codes of up to 10 characters are read as base-36 numbers (exact and reversible, < 2^53);
 * longer ones fall back to a 52-bit FNV-1a hash.
 */
export function featureIdForPcode(pcode: string): number {
  const code = pcode.toUpperCase();
  if (/^[0-9A-Z]{1,10}$/.test(code)) return Number.parseInt(code, 36);
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(code)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return Number(hash & 0xfffffffffffffn);
}
