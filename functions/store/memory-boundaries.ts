import type { BoundaryManifest } from '../core/boundary-set.ts';
import type { BoundaryTopology } from '../core/simplify.ts';
import type { BoundaryWriter } from './ports.ts';

/**
 * The boundary port in memory, laid out as S3Boundaries lays out its bucket: a manifest per set pointing at
 * an immutable topology per version, both kept as JSON text so readers get fresh copies.
 */
export class MemoryBoundaries implements BoundaryWriter {
  private readonly manifests = new Map<string, string>();
  private readonly topologies = new Map<string, string>();

  async getManifest(setId: string): Promise<BoundaryManifest | undefined> {
    const text = this.manifests.get(setId);
    return text === undefined ? undefined : (JSON.parse(text) as BoundaryManifest);
  }

  async getTopology(manifest: BoundaryManifest): Promise<BoundaryTopology> {
    const text = this.topologies.get(topologyKey(manifest));
    if (text === undefined) throw new Error(`boundary topology missing at ${topologyKey(manifest)}`);
    return JSON.parse(text) as BoundaryTopology;
  }

  async putBoundarySet(manifest: BoundaryManifest, topology: BoundaryTopology): Promise<void> {
    this.topologies.set(topologyKey(manifest), JSON.stringify(topology));
    this.manifests.set(manifest.id, JSON.stringify(manifest));
  }
}

const topologyKey = (manifest: BoundaryManifest) => `${manifest.id}/${manifest.version}/topology.json`;
