import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BoundaryManifest } from '../core/boundary-set.ts';
import type { BoundaryTopology } from '../core/simplify.ts';
import type { BoundaryWriter } from './ports.ts';

/** How long an upload may take to be answered (reads keep the client's few seconds). */
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * Prepared boundary sets in S3: `boundaries/<set>/manifest.json` points at an immutable
 * `boundaries/<set>/<version>/topology.json`. Replacing a set writes the new topology first and the manifest
 * last, so a reader sees the old set or the new one, never a mix.
 */
export class S3Boundaries implements BoundaryWriter {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'boundaries',
  ) {}

  async getManifest(setId: string): Promise<BoundaryManifest | undefined> {
    const text = await this.getText(`${this.prefix}/${setId}/manifest.json`);
    return text === undefined ? undefined : (JSON.parse(text) as BoundaryManifest);
  }

  async getTopology(manifest: BoundaryManifest): Promise<BoundaryTopology> {
    const key = this.topologyKey(manifest);
    const text = await this.getText(key);
    if (text === undefined) throw new Error(`boundary topology missing at s3://${this.bucket}/${key}`);
    return JSON.parse(text) as BoundaryTopology;
  }

  async putBoundarySet(manifest: BoundaryManifest, topology: BoundaryTopology): Promise<void> {
    await this.putJson(this.topologyKey(manifest), topology);
    await this.putJson(`${this.prefix}/${manifest.id}/manifest.json`, manifest);
  }

  private topologyKey(manifest: BoundaryManifest): string {
    return `${this.prefix}/${manifest.id}/${manifest.version}/topology.json`;
  }

  private async putJson(key: string, value: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(value),
        ContentType: 'application/json',
      }),
      // A topology is about a megabyte: from an operator's connection (`npm run seed:aws`) its upload may take
      // longer than the few seconds a read is allowed.
      { requestTimeout: UPLOAD_TIMEOUT_MS },
    );
  }

  private async getText(key: string): Promise<string | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await result.Body?.transformToString('utf-8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}
