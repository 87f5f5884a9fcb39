import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How long a request may wait on DynamoDB or S3, and how often it is tried. A dependency that does not answer
 * costs a request a few seconds at most (attempts × timeouts, plus the SDK's backoff between attempts), then
 * the app answers 503 instead of hanging.
 */
export interface WaitLimits {
  /** To open a connection. Default 1 s. */
  connectMs: number;
  /** From sending a request to the response's headers; an upload's body counts. Default 3 s. */
  requestMs: number;
  /** Longest silence while a response body streams in. Default 3 s. */
  idleMs: number;
  /** Tries per call, the first included; retries back off (the SDK's standard strategy). Default 4. */
  maxAttempts: number;
}

export const DEFAULT_WAIT_LIMITS: WaitLimits = {
  connectMs: 1000,
  requestMs: 3000,
  idleMs: 3000,
  maxAttempts: 4,
};

const requestHandler = (limits: WaitLimits) =>
  new NodeHttpHandler({
    connectionTimeout: limits.connectMs,
    requestTimeout: limits.requestMs,
    // Without this, @smithy/node-http-handler 4 only logs a warning when `requestTimeout` passes, and a slow
    // dependency holds the request for as long as it likes.
    throwOnRequestTimeout: true,
    socketTimeout: limits.idleMs,
  });

/** Where the AWS services are. Without an endpoint the SDK's defaults (real AWS, role credentials) apply. */
export interface AwsEndpoints {
  region: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Only for the local stand-ins: explicit dummy keys, so the SDK never walks its credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Overrides of `DEFAULT_WAIT_LIMITS` (tests shorten them to inject slowness quickly). */
  limits?: Partial<WaitLimits>;
}

export function createDocumentClient(config: AwsEndpoints): DynamoDBDocumentClient {
  const limits = { ...DEFAULT_WAIT_LIMITS, ...config.limits };
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts: limits.maxAttempts,
    requestHandler: requestHandler(limits),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createS3Client(config: AwsEndpoints): S3Client {
  const limits = { ...DEFAULT_WAIT_LIMITS, ...config.limits };
  return new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // The SDK's default (WHEN_SUPPORTED) frames streamed uploads as aws-chunked with a trailer; s3rver
    // stores that framing inside the object. Checksums only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: limits.maxAttempts,
    requestHandler: requestHandler(limits),
  });
}
