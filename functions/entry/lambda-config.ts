import type { AwsEndpoints } from '../store/clients.ts';

/**
 * Keys sent when an endpoint override points the functions at emulators (tests against the local stand-ins,
 * whose S3 accepts only these). Explicit, so the SDK never walks its default credential chain, which ends at
 * the instance-metadata address. Without an override the functions use their role's credentials.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Deployment configuration of the Lambda functions, read once from the environment at cold start. */
export interface LambdaConfig {
  tableName: string;
  bucketName: string;
  aws: AwsEndpoints;
  publicBaseUrl?: string;
  publicHostHeader?: string;
  /** Bound on the estimated bytes of geometry indexes kept in memory; the tile service's default if absent. */
  indexCacheBytes?: number;
}

/** Reads the Lambda configuration. Endpoint overrides exist for tests against the local stand-ins. */
export function lambdaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} is required`);
    return value;
  };
  const dynamoEndpoint = env.DYNAMODB_ENDPOINT;
  const s3Endpoint = env.S3_ENDPOINT;
  return {
    tableName: required('TABLE_NAME'),
    bucketName: required('BUCKET_NAME'),
    aws: {
      region: env.AWS_REGION ?? 'us-east-1',
      ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
      ...(s3Endpoint ? { s3Endpoint } : {}),
      ...(dynamoEndpoint || s3Endpoint ? { credentials: EMULATOR_CREDENTIALS } : {}),
    },
    ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : {}),
    ...(env.PUBLIC_HOST_HEADER ? { publicHostHeader: env.PUBLIC_HOST_HEADER.toLowerCase() } : {}),
    ...indexCacheFromEnv(env),
  };
}

/**
 * `DTM_INDEX_CACHE_MB`: megabytes (MiB) of built geometry indexes one process keeps, the least recently used
 * dropped first. Unset, the tile service's default applies (256, sized for a 1 GB Lambda: see
 * `DEFAULT_INDEX_CACHE_BYTES`); raise it with the function's memory. Read here and by the local server.
 */
export function indexCacheFromEnv(env: NodeJS.ProcessEnv = process.env): { indexCacheBytes?: number } {
  const raw = env.DTM_INDEX_CACHE_MB;
  if (raw === undefined || raw.trim() === '') return {};
  const megabytes = Number(raw);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw new Error(`DTM_INDEX_CACHE_MB must be a positive number of megabytes, got "${raw}"`);
  return { indexCacheBytes: Math.max(1, Math.round(megabytes * 1024 * 1024)) };
}
