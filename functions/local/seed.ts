import { type DatasetManifest, datasetMeta } from '../../geodata/dataset-manifest.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { ingestRound } from '../ingest/ingest-round.ts';
import { formatJoinReport } from '../ingest/report-text.ts';
import type { BoundaryWriter, CatalogWriter } from '../store/ports.ts';

export interface SeedSummary {
  boundarySets: Array<{ id: string; outcome: 'stored' | 'unchanged' }>;
  rounds: Array<{ dataset: string; key: string; outcome: 'published' | 'unchanged' }>;
}

/**
 * Loads every dataset manifest's boundary sets and rounds into the stores through the same code as the
 * ingest CLI and Lambda. Idempotent: content already stored (same version) is not written again.
 */
export async function seed(
  manifests: readonly DatasetManifest[],
  dataDir: string,
  catalog: CatalogWriter,
  boundaries: BoundaryWriter,
  log: (line: string) => void = console.log,
): Promise<SeedSummary> {
  const summary: SeedSummary = { boundarySets: [], rounds: [] };
  for (const manifest of manifests) {
    await catalog.putDataset(datasetMeta(manifest));
    const sets = new Map<string, PreparedBoundarySet>();
    for (const source of manifest.boundarySets) {
      const prepared = await prepareBoundarySet(source, dataDir);
      const stored = await boundaries.getManifest(source.id);
      const outcome = stored?.version === prepared.manifest.version ? 'unchanged' : 'stored';
      if (outcome === 'stored') await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
      sets.set(source.id, prepared);
      summary.boundarySets.push({ id: source.id, outcome });
      log(
        `boundaries ${source.id}: ${outcome} (version ${prepared.manifest.version}, ${prepared.manifest.levels.map((l) => `${l.count} adm${l.level}`).join(', ')})`,
      );
    }
    for (const roundSource of manifest.rounds) {
      const set = sets.get(roundSource.boundarySet);
      if (!set)
        throw new Error(
          `round ${manifest.id}/${roundSource.key} names unknown boundary set ${roundSource.boundarySet}`,
        );
      const result = await ingestRound(manifest, roundSource, dataDir, set, catalog, { replace: true });
      summary.rounds.push({ dataset: manifest.id, key: roundSource.key, outcome: result.outcome });
      log(`round ${manifest.id}/${roundSource.key}: ${result.outcome} (version ${result.round.version})`);
      if (result.outcome === 'published') log(formatJoinReport(result.round, result.report));
    }
  }
  return summary;
}
