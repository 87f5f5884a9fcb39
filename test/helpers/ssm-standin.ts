import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for SSM Parameter Store's `GetParameter` on loopback, for the real `@aws-sdk/client-ssm` pointed
 * at it (`SSM_ENDPOINT`): the AWS JSON 1.1 protocol (POST `/`, `X-Amz-Target: AmazonSSM.GetParameter`), one
 * SecureString per name, `ParameterNotFound` for any other. It records every read, with `WithDecryption`, so
 * tests see how often the key was read; `put` overwrites a value as `aws ssm put-parameter --overwrite` would.
 */
export interface SsmStandIn {
  endpoint: string;
  reads: Array<{ name: string; withDecryption: boolean }>;
  put(name: string, value: string): void;
  close(): Promise<void>;
}

export async function startSsmStandIn(parameters: Record<string, string>): Promise<SsmStandIn> {
  const values = new Map(Object.entries(parameters).map(([name, value]) => [name, { value, version: 1 }]));
  const reads: SsmStandIn['reads'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.headers['x-amz-target'] !== 'AmazonSSM.GetParameter')
        return reply(400, { __type: 'UnknownOperationException', message: 'only GetParameter here' });
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        Name: string;
        WithDecryption?: boolean;
      };
      reads.push({ name: input.Name, withDecryption: input.WithDecryption === true });
      const found = values.get(input.Name);
      if (!found) return reply(400, { __type: 'ParameterNotFound', message: '' });
      reply(200, {
        Parameter: {
          Name: input.Name,
          Type: 'SecureString',
          // Without WithDecryption SSM answers the ciphertext: a client forgetting it sends a useless key.
          Value: input.WithDecryption ? found.value : `AQICAHh-encrypted-${found.version}`,
          Version: found.version,
          DataType: 'text',
        },
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reads,
    put: (name, value) => values.set(name, { value, version: (values.get(name)?.version ?? 0) + 1 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
