import { handle } from 'hono/aws-lambda';
import { lambdaConfigFromEnv } from '../config.ts';
import { appFromConfig } from '../http/app-from-config.ts';

/**
 * API Lambda: the same HTTP app as the tiles function (one router everywhere); CloudFront routes `/api/*`
 * here so API and tile traffic scale and are billed apart.
 */
export const handler = handle(appFromConfig(lambdaConfigFromEnv()));
