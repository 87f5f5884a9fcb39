import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { listenNodeOnLoopback } from '../helpers/http-server.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.pmtiles': 'application/vnd.pmtiles',
};

/**
 * A bare static web server on its own loopback port, standing for "any static server that answers byte
 * ranges" (docs/offline.md): it serves the given files and folders by URL prefix, the HTML page at `/`, and
 * answers `Range: bytes=a-b` with 206 as the pmtiles protocol needs. Nothing of DTM Atlas runs behind it.
 */
export async function startStaticOrigin(mounts: Record<string, string>, page: (origin: string) => string) {
  let origin = '';
  const served: string[] = [];
  const server = await listenNodeOnLoopback((request, response) => {
    served.push(request.url ?? '');
    void answer(request, response, mounts, () => page(origin)).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  origin = server.origin;
  return { origin: server.origin, served, close: server.close };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  mounts: Record<string, string>,
  page: () => string,
): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://x').pathname;
  if (pathname === '/') {
    response.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(page());
    return;
  }
  const file = resolve(pathname, mounts);
  const bytes = file && (await readFile(file).catch(() => undefined));
  if (!file || !bytes) {
    response.writeHead(404).end();
    return;
  }
  const headers = {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
  };
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range) {
    response.writeHead(200, headers).end(bytes);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : bytes.length - 1, bytes.length - 1);
  response
    .writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}` })
    .end(bytes.subarray(start, end + 1));
}

/** The file a URL path names under one of the mounts (a file, or a folder by prefix); never outside them. */
function resolve(pathname: string, mounts: Record<string, string>): string | undefined {
  for (const [prefix, target] of Object.entries(mounts)) {
    if (pathname === prefix) return target;
    if (!prefix.endsWith('/') || !pathname.startsWith(prefix)) continue;
    const file = path.resolve(target, `.${pathname.slice(prefix.length - 1)}`);
    if (file.startsWith(`${path.resolve(target)}${path.sep}`)) return file;
  }
  return undefined;
}
