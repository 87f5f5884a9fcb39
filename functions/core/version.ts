import { createHash } from 'node:crypto';

/**
 * A content version: the first 16 hex digits of the SHA-256 of `parts` as JSON. Every stored round is keyed
 * by one, so the parts hashed for a round must never change order or shape (an unchanged file must stay
 * "unchanged"). A pure function: `node:crypto` only hashes here.
 */
export function hashVersion(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
