import { handle } from 'hono/aws-lambda';
import { appFromConfig } from './aws-app.ts';
import { isBinaryBody } from './lambda-binary.ts';
import { lambdaConfigFromEnv } from './lambda-config.ts';

/**
 * API Lambda: the same HTTP app as the tiles function (one router everywhere); CloudFront routes `/api/*`
 * here so API and tile traffic scale and are billed apart.
 */
export const handler = handle(appFromConfig(lambdaConfigFromEnv()), { isContentTypeBinary: isBinaryBody });
