import { get as httpGet } from 'node:http';

/** An HTTP answer as it came over the wire: status, headers and the body bytes, still encoded. */
export interface RawAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

/**
 * A raw GET over HTTP: no client-side decoding (unlike `fetch`), so a test sees the bytes as sent and the
 * Content-Encoding they were sent with.
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}
