import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PackStore, StoredPack } from './ports.ts';

/** The pack store on the data bucket (`packs/*`, the one prefix the tiles function may write). */
export class S3Packs implements PackStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<StoredPack | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await object.Body?.transformToByteArray();
      return bytes && { bytes, metadata: object.Metadata ?? {} };
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async put(key: string, pack: StoredPack, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: pack.bytes,
        ContentType: contentType,
        Metadata: pack.metadata,
      }),
    );
  }
}
