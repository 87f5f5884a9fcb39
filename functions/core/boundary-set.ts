import type { BoundaryTopology } from './simplify.ts';
import type { AdminLevel } from './types.ts';

/** What a prepared boundary set says about itself; stored beside its topology. */
export interface BoundaryManifest {
  id: string;
  title: string;
  /** Content hash of the topology: caches of geometry are keyed by it. */
  version: string;
  bbox: [number, number, number, number];
  levels: Array<{ level: AdminLevel; object: `adm${AdminLevel}`; count: number }>;
  sources: Array<{ level: AdminLevel; file: string; sha256: string }>;
  attribution: string;
}

export interface PreparedBoundarySet {
  manifest: BoundaryManifest;
  topology: BoundaryTopology;
}
