import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { type AwsEndpoints, createS3Client } from '../store/clients.ts';
import { tableDefinition } from '../store/table.ts';

/**
 * Keys for the local stand-ins (s3rver accepts only these). Explicit, so the SDK never walks its default
 * credential chain (which ends at the instance-metadata address) when pointed at a stand-in.
 */
export const STAND_IN_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface StandIns {
  aws: AwsEndpoints;
  tableName: string;
  bucketName: string;
  s3rver: S3rver;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Folder for persistent data (`.data/`); omit for throw-away in-memory/temporary stores (tests). */
  dataDir?: string;
  tableName?: string;
  bucketName?: string;
}

const LOOPBACK = '127.0.0.1';

/**
 * Starts the embedded DynamoDB (dynalite, LevelDB on disk) and S3 (s3rver, a folder) on loopback ports
 * chosen by the OS, and makes sure the table and bucket exist. They never listen beyond 127.0.0.1.
 */
export async function startStandIns(options: StandInOptions = {}): Promise<StandIns> {
  const tableName = options.tableName ?? 'dtm-atlas';
  const bucketName = options.bucketName ?? 'dtm-atlas';
  const temporary = options.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'dtm-atlas-'));
  const root = options.dataDir ?? (temporary as string);
  await mkdir(path.join(root, 's3'), { recursive: true });
  if (options.dataDir) await mkdir(path.join(root, 'dynamodb'), { recursive: true });

  const dynamo = dynalite({
    ...(options.dataDir ? { path: path.join(root, 'dynamodb') } : {}),
    createTableMs: 0,
  });
  const dynamoPort = await listen(dynamo);
  const s3 = new S3rver({ port: 0, address: LOOPBACK, silent: true, directory: path.join(root, 's3') });
  const { port: s3Port } = await s3.run();

  const aws: AwsEndpoints = {
    region: 'us-east-1',
    dynamoEndpoint: `http://${LOOPBACK}:${dynamoPort}`,
    s3Endpoint: `http://${LOOPBACK}:${s3Port}`,
    credentials: STAND_IN_CREDENTIALS,
  };
  await ensureTable(aws, tableName);
  await ensureBucket(aws, bucketName);

  return {
    aws,
    tableName,
    bucketName,
    s3rver: s3,
    async close() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
}

async function ensureTable(aws: AwsEndpoints, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    region: aws.region,
    endpoint: aws.dynamoEndpoint,
    credentials: aws.credentials,
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } finally {
    client.destroy();
  }
}

async function ensureBucket(aws: AwsEndpoints, bucketName: string): Promise<void> {
  const client = createS3Client(aws);
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  } finally {
    client.destroy();
  }
}
