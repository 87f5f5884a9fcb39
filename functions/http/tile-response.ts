import { CACHE_CONTROL, LATEST } from '../core/routes.ts';
import { type EncodedTile, type Encoding, tileBody } from '../service/tile-service.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/** What a tile request asks beyond its coordinates: the validators and encodings it accepts. */
export interface TileConditions {
  /** The round as the URL names it (a key or `latest`). */
  roundRef: string;
  /** The `v` query parameter, already checked to be a data version. */
  askedVersion: string | undefined;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
}

/**
 * A response as plain data, so the Hono route and the local server's fast path send the very same one. Header
 * names are lowercase, as `Headers` makes them, so both paths put the same bytes on the wire.
 */
export type PlainResponse = { headers: Record<string, string> } & (
  | { status: 200; body: Uint8Array<ArrayBuffer> }
  | { status: 204 | 304; body: null }
);

/**
 * The response for an encoded tile: 204 when empty, 304 when the client's ETag matches, else the bytes in the
 * best encoding the client accepts, with a strong ETag per encoding and a cache lifetime that depends on
 * whether the URL pins the data version (`CACHE_CONTROL` in core/routes.ts).
 */
export function tileResponse(tile: EncodedTile, request: TileConditions): PlainResponse {
  const immutable = request.roundRef !== LATEST && request.askedVersion === tile.version;
  const headers: Record<string, string> = {
    'cache-control': immutable ? CACHE_CONTROL.versioned : CACHE_CONTROL.moving,
    vary: 'Accept-Encoding',
  };
  if (!tile.gzip) return { status: 204, headers, body: null };
  const encoding = negotiateEncoding(request.acceptEncoding);
  const etag = `"${tile.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
  headers.etag = etag;
  headers['content-type'] = MVT_CONTENT_TYPE;
  if (matchesIfNoneMatch(request.ifNoneMatch, etag)) return { status: 304, headers, body: null };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return { status: 200, headers, body: tileBody(tile, encoding) };
}

/**
 * Answers of `negotiateEncoding` by header value. Clients send a handful of distinct values, and parsing one
 * costs about as much as the rest of a cached tile's lookup; bounded, since the header is the client's to set.
 */
const negotiated = new Map<string, Encoding>();
const NEGOTIATED_MAX = 256;

/** Picks the response encoding from Accept-Encoding: brotli when offered, else gzip, else none (q=0 refuses). */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (header === undefined) return 'identity';
  let encoding = negotiated.get(header);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(header);
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(header, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(header: string): Encoding {
  const offered = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/** RFC 9110 If-None-Match: a list of entity tags, or `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
