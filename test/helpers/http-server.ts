import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

/** Serves a fetch handler on an OS-chosen loopback port. */
export function listenOnLoopback(fetch: (request: Request) => Response | Promise<Response>) {
  return listenNodeOnLoopback(getRequestListener(fetch));
}

/** Serves a node:http request listener (such as the local server's) on an OS-chosen loopback port. */
export async function listenNodeOnLoopback(listener: RequestListener) {
  const server = createServer(listener).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
