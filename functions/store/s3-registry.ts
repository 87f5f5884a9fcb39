import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { DatasetRegistry } from './ports.ts';

/**
 * Operator-added dataset manifests in S3, one JSON object per dataset: `datasets/<id>.json` in the data
 * bucket. A PutObject replaces an object whole, so a reader sees the old manifest or the new one.
 */
export class S3Registry implements DatasetRegistry {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'datasets',
  ) {}

  async listManifests(): Promise<DatasetManifest[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${this.prefix}/`,
          // Only the manifests themselves, not anything in a folder below the prefix.
          Delimiter: '/',
          ContinuationToken: token,
        }),
      );
      for (const { Key } of page.Contents ?? []) {
        const id = Key?.slice(this.prefix.length + 1).replace(/\.json$/, '');
        if (id && Key?.endsWith('.json')) ids.push(id);
      }
      token = page.NextContinuationToken;
    } while (token);
    const manifests = await Promise.all(ids.sort().map((id) => this.getManifest(id)));
    return manifests.filter((manifest): manifest is DatasetManifest => manifest !== undefined);
  }

  async getManifest(id: string): Promise<DatasetManifest | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(id) }));
      const text = await result.Body?.transformToString('utf-8');
      return text === undefined ? undefined : (JSON.parse(text) as DatasetManifest);
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async putManifest(manifest: DatasetManifest): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(manifest.id),
        Body: JSON.stringify(manifest),
        ContentType: 'application/json',
      }),
    );
  }

  async removeManifest(id: string): Promise<void> {
    // S3 answers a delete of a missing key with success: idempotent as the port says.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(id) }));
  }

  private key(id: string): string {
    return `${this.prefix}/${id}.json`;
  }
}
