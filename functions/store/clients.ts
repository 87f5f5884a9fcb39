import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * Bounded waits: a dependency that does not answer costs a request a few seconds at most (attempts ×
 * timeouts), then the app answers 503 instead of hanging.
 */
const requestHandler = () => new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 3000 });

import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the AWS services are. Without an endpoint the SDK's defaults (real AWS, role credentials) apply. */
export interface AwsEndpoints {
  region: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Only for the local stand-ins: explicit dummy keys, so the SDK never walks its credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Keys for the local stand-ins (s3rver accepts only these). Explicit, so the SDK never walks its default
 * credential chain (which ends at the instance-metadata address) when pointed at a stand-in.
 */
export const STAND_IN_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function createDocumentClient(config: AwsEndpoints): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts: 4,
    requestHandler: requestHandler(),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createS3Client(config: AwsEndpoints): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // The SDK's default (WHEN_SUPPORTED) frames streamed uploads as aws-chunked with a trailer; s3rver
    // stores that framing inside the object. Checksums only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
    requestHandler: requestHandler(),
  });
}
