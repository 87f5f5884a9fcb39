import { type AwsEndpoints, STAND_IN_CREDENTIALS } from '../store/clients.ts';

/** Deployment configuration of the Lambda functions, read once from the environment at cold start. */
export interface LambdaConfig {
  tableName: string;
  bucketName: string;
  aws: AwsEndpoints;
  publicBaseUrl?: string;
  publicHostHeader?: string;
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
      ...(dynamoEndpoint || s3Endpoint ? { credentials: STAND_IN_CREDENTIALS } : {}),
    },
    ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL } : {}),
    ...(env.PUBLIC_HOST_HEADER ? { publicHostHeader: env.PUBLIC_HOST_HEADER.toLowerCase() } : {}),
  };
}
