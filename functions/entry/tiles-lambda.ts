import { handle } from 'hono/aws-lambda';
import { appFromConfig } from './aws-app.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';

/**
 * Tiles Lambda: the shared HTTP app behind a Function URL / API Gateway HTTP API (payload v2). Built once per
 * container, so geometry indexes and tiles stay cached between invocations.
 */
const app = appFromConfig(lambdaConfigFromEnv());
// Started during the init phase, not awaited: requests are served meanwhile and share the indexes it builds.
app.warm().catch(() => {});
export const handler = handle(app);
