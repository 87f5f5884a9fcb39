import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { createApp } from '../http/app.ts';

/**
 * The local server's request handler: the app through `@hono/node-server`, except that a GET or HEAD of a tile
 * already in memory is answered straight from `app.cachedTile` (same status, headers and bytes). Building the
 * web-standard Request, Headers and Response objects on Node costs several times more than the tile lookup
 * itself; this path skips them for the requests a map makes by the hundred.
 */
export function nodeListener(app: ReturnType<typeof createApp>): RequestListener {
  const viaFetch = getRequestListener(app.fetch);
  return (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method;
    const cached =
      method === 'GET' || method === 'HEAD'
        ? app.cachedTile(request.url ?? '', (name) => request.headers[name])
        : undefined;
    if (!cached) {
      void viaFetch(request, response);
      return;
    }
    if (cached.status === 200 && method === 'GET') {
      cached.headers['content-length'] = String(cached.body.byteLength);
      response.writeHead(cached.status, cached.headers);
      response.end(cached.body);
      return;
    }
    response.writeHead(cached.status, cached.headers);
    response.end();
  };
}
