import { createConnection, createServer, type Socket } from 'node:net';

export interface SlowProxy {
  /** `http://127.0.0.1:<port>`: point a client here instead of at the target. */
  endpoint: string;
  /** While true, every byte the target sends back is held for `delayMs` before it is passed on. */
  slow: boolean;
  delayMs: number;
  /** HTTP requests seen (request lines passed to the target). */
  requests: number;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(?:GET|HEAD|PUT|POST|DELETE) \S+ HTTP\/1\.[01]\r\n/g;

/**
 * A TCP proxy on loopback in front of an HTTP server, for fault injection only: switched to `slow`, it holds
 * the answers back (in order, per connection) so that a client's timeouts fire; switched back, it is a plain
 * pipe again. The client and the server are the real ones; nothing else is faked.
 */
export async function startSlowProxy(target: string, delayMs = 30_000): Promise<SlowProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const proxy: SlowProxy = {
    endpoint: '',
    slow: false,
    delayMs,
    requests: 0,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(client);
    sockets.add(upstream);
    // Answers go back in the order they came, each chunk after the previous one and its delay.
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      proxy.requests += chunk.toString('latin1').match(REQUEST_LINE)?.length ?? 0;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const hold = proxy.slow ? proxy.delayMs : 0;
      queue = queue.then(
        () =>
          new Promise<void>((resolve) => {
            if (hold === 0) return resolve();
            const timer = setTimeout(() => {
              timers.delete(timer);
              resolve();
            }, hold);
            timers.add(timer);
          }),
      );
      void queue.then(() => {
        if (!client.destroyed) client.write(chunk);
      });
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // The client hanging up ends both; the server hanging up (after its answer) ends the client's side only
    // once the held answer has been passed on, as a slow server would.
    client.on('close', close);
    client.on('error', close);
    upstream.on('close', () => void queue.then(close));
    upstream.on('error', () => void queue.then(close));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  proxy.endpoint = `http://127.0.0.1:${address.port}`;
  return proxy;
}
