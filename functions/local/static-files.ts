import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { WEB_DIST } from './paths.ts';

type Encoding = 'br' | 'gzip';

/**
 * Files the CDN compresses (CloudFront compresses these types): text, and the glyph PBFs, typed
 * `application/protobuf` (on CloudFront's list, unlike `application/x-protobuf`: infra's GLYPH_CONTENT_TYPE).
 * Images stay as they are.
 */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.pbf']);
/** Types `getMimeType` does not know. */
const TYPES: Record<string, string> = { '.pbf': 'application/protobuf' };
/** Below this, compression gains nothing worth a header (CloudFront's own floor is 1,000 bytes). */
const MIN_BYTES = 1000;
/**
 * A path the web build writes, once decoded: no dot segments, nothing a traversal could use; spaces inside
 * names (the glyphs' `fonts/Noto Sans Regular/`).
 */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._ -]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9._ -]*)?$/;

const compressors: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  // Quality 5: within a tenth of brotli's best on the map's JavaScript, in a fraction of a second (11 takes ~7 s).
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 9 }),
};

/**
 * The encoding to answer with for an Accept-Encoding header: brotli when offered, else gzip, else none. A
 * coding with `q=0` is refused; `*` offers both.
 */
export function pickEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const offered = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: Encoding) => offered.get(name) ?? offered.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

interface Entry {
  mtimeMs: number;
  size: number;
  body: Promise<Buffer>;
}

/**
 * Compressed copies of the web build's files, made once per file version (path, size and mtime) and kept in
 * memory: the build is a few megabytes, its compressed copies well under one.
 */
class CompressedCache {
  private readonly entries = new Map<string, Entry>();

  get(file: string, stats: { mtimeMs: number; size: number }, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file}`;
    const found = this.entries.get(key);
    if (found && found.mtimeMs === stats.mtimeMs && found.size === stats.size) return found.body;
    const body = readFile(file).then(compressors[encoding]);
    body.catch(() => this.entries.delete(key));
    this.entries.set(key, { mtimeMs: stats.mtimeMs, size: stats.size, body });
    return body;
  }
}

/**
 * Caching as on AWS (infra/lib/web-site.ts): Vite's hashed bundles under /assets/ never change, so a year and
 * `immutable` (a browser may fetch the map worker early and find it in its cache); the glyphs a minute, as
 * there. The pages themselves are revalidated on every load here (`no-cache`; a minute on AWS, where each
 * deployment invalidates them), so a rebuilt page shows at once.
 */
export function cacheControl(requestPath: string): string {
  if (requestPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  if (requestPath.startsWith('/fonts/')) return 'public, max-age=60';
  return 'no-cache';
}

/** The file a request path names under `root` (a folder's index.html), or undefined for anything unusual. */
async function resolveFile(root: string, encodedPath: string) {
  let requestPath: string;
  try {
    requestPath = decodeURIComponent(encodedPath);
  } catch {
    return undefined;
  }
  if (!PLAIN_PATH.test(requestPath)) return undefined;
  let file = path.join(root, requestPath);
  let stats = await stat(file).catch(() => undefined);
  if (stats?.isDirectory()) {
    file = path.join(file, 'index.html');
    stats = await stat(file).catch(() => undefined);
  }
  return stats?.isFile() ? { file, stats } : undefined;
}

/**
 * The local server's static files (web/dist) compressed as the CDN compresses them: JavaScript, CSS, HTML,
 * other text and the glyph PBFs with brotli or gzip by Accept-Encoding, `Vary: Accept-Encoding`, and cached as
 * on AWS (`cacheControl`). Everything else (images, ranges, unknown paths) goes to `serveStatic` unchanged.
 * `warm()` compresses the whole build ahead of the first page load.
 */
export function staticFiles(root: string = WEB_DIST): MiddlewareHandler & { warm: () => Promise<void> } {
  const plain = serveStatic({ root });
  const cache = new CompressedCache();
  const handler: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (c.finalized || (method !== 'GET' && method !== 'HEAD') || c.req.header('range'))
      return plain(c, next);
    const found = await resolveFile(root, c.req.path);
    if (!found) return plain(c, next);
    c.header('Cache-Control', cacheControl(c.req.path));
    const extension = path.extname(found.file);
    if (!COMPRESSIBLE.has(extension)) return plain(c, next);
    c.header('Vary', 'Accept-Encoding', { append: true });
    const accepted = pickEncoding(c.req.header('accept-encoding'));
    const encoding = found.stats.size < MIN_BYTES ? undefined : accepted;
    const body = encoding ? await cache.get(found.file, found.stats, encoding) : await readFile(found.file);
    c.header('Content-Type', TYPES[extension] ?? getMimeType(found.file) ?? 'application/octet-stream');
    if (encoding) c.header('Content-Encoding', encoding);
    c.header('Content-Length', String(body.byteLength));
    c.header('Last-Modified', found.stats.mtime.toUTCString());
    return method === 'HEAD' ? c.body(null, 200) : c.body(new Uint8Array(body), 200);
  };
  const warm = async () => {
    for (const file of await listFiles(root)) {
      if (!COMPRESSIBLE.has(path.extname(file))) continue;
      const stats = await stat(file);
      if (stats.size < MIN_BYTES) continue;
      for (const encoding of ['br', 'gzip'] as const) await cache.get(file, stats, encoding);
    }
  };
  return Object.assign(handler, { warm });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}
