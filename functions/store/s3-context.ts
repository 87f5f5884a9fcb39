import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DatasetContext } from '../core/context-figures.ts';
import type { ContextStore } from './ports.ts';

/** Context figures in S3, one JSON object per dataset (`context/<id>.json`), replaced whole on each put. */
export class S3Context implements ContextStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'context',
  ) {}

  async getContext(dataset: string): Promise<DatasetContext | undefined> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(dataset) }),
      );
      const text = await result.Body?.transformToString('utf-8');
      return text === undefined ? undefined : (JSON.parse(text) as DatasetContext);
    } catch (error) {
      // No context stored for the dataset: nothing to show, not an error.
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async putContext(context: DatasetContext): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(context.dataset),
        Body: JSON.stringify(context),
        ContentType: 'application/json',
      }),
    );
  }

  private key(dataset: string): string {
    return `${this.prefix}/${encodeURIComponent(dataset)}.json`;
  }
}
