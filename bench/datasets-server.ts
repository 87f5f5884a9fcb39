/**
 * The server of the scale bench (bench/datasets.ts), bundled by it as CDK bundles a Lambda and run in a
 * process of its own: the Lambda's app (`appFromConfig`, configured from the environment as the tiles Lambda
 * is, `DTM_INDEX_CACHE_MB` included) on `node:http` as the local server serves it. The stores are the
 * stand-ins in the bench's process, so this process's memory is the app's alone, as on Lambda. Unlike the
 * tiles Lambda it does not pre-build the first view's tiles (`app.warm()`), so that the bench finds every
 * index unbuilt. Prints `{"port":…}` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appFromConfig } from '../functions/entry/aws-app.ts';
import { lambdaConfigFromEnv } from '../functions/entry/lambda-config.ts';
import { nodeListener } from '../functions/local/node-listener.ts';

const app = appFromConfig(lambdaConfigFromEnv());
const server = createServer(nodeListener(app)).listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
