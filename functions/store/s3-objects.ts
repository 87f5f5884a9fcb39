import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore, StoredObject } from './ports.ts';

/** The object store port on one S3 bucket: what the ingest function reads uploads from and writes reports to. */
export class S3Objects implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<StoredObject> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    // On Node the body is the HTTP response stream: consumed as it arrives, destroyed to stop the download.
    const body = object.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    return {
      body: body && typeof body[Symbol.asyncIterator] === 'function' ? body : undefined,
      size: object.ContentLength,
      metadata: object.Metadata ?? {},
      discard: () => body?.destroy?.(),
    };
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }
}
