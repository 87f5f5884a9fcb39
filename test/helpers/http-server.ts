import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** Serves a fetch handler on an OS-chosen loopback port. */
export async function listenOnLoopback(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
