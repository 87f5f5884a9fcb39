/**
 * Bundled by the bench (as CDK bundles a Lambda) and run in a fresh process: the time from process start to
 * the first z10 tile, with boundaries read from S3 and figures from DynamoDB (the stand-ins), and peak memory.
 */

import { appFromConfig } from '../functions/entry/aws-app.ts';
import { lambdaConfigFromEnv } from '../functions/entry/lambda-config.ts';

const app = appFromConfig(lambdaConfigFromEnv());
const response = await app.request(`http://127.0.0.1${process.env.BENCH_TILE_PATH}`, {
  headers: { 'Accept-Encoding': 'gzip' },
});
await response.arrayBuffer();
const uptimeMs = performance.now();
process.stdout.write(
  `${JSON.stringify({ status: response.status, uptimeMs, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
