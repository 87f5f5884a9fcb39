import type { DatasetManifest } from '../core/dataset-manifest.ts';
import type { DatasetRegistry } from './ports.ts';

/**
 * The dataset registry in memory, with S3Registry's guarantees: manifests kept as JSON text (so readers get
 * copies, undefined fields dropped as in S3), listed by id. For unit tests and anything without AWS.
 */
export class MemoryRegistry implements DatasetRegistry {
  private readonly manifests = new Map<string, string>();

  async listManifests(): Promise<DatasetManifest[]> {
    return [...this.manifests.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, text]) => JSON.parse(text) as DatasetManifest);
  }

  async getManifest(id: string): Promise<DatasetManifest | undefined> {
    const text = this.manifests.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as DatasetManifest);
  }

  async putManifest(manifest: DatasetManifest): Promise<void> {
    this.manifests.set(manifest.id, JSON.stringify(manifest));
  }

  async removeManifest(id: string): Promise<void> {
    this.manifests.delete(id);
  }
}
