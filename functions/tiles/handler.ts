import { handle } from 'hono/aws-lambda';
import { lambdaConfigFromEnv } from '../config.ts';
import { appFromConfig } from '../http/app-from-config.ts';

/**
 * Tiles Lambda: the shared HTTP app behind a Function URL / API Gateway HTTP API (payload v2). Built once per
 * container, so geometry indexes and tiles stay cached between invocations.
 */
export const handler = handle(appFromConfig(lambdaConfigFromEnv()));
