import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { type DatasetManifest, datasetMeta } from '../core/dataset-manifest.ts';
import { InputError } from '../core/errors.ts';
import { ingestFile } from '../ingest/ingest.ts';
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
    for (const source of manifest.sources) {
      const bytes = await readFile(path.join(dataDir, source.file)).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(
          { file: source.file },
          `cannot read round file under ${dataDir} (${error.code ?? error.message})`,
        );
      });
      const result = await ingestFile(
        manifest,
        source.file,
        bytes,
        { catalog, boundarySet: async (id) => requireSet(sets, id, source.file) },
        { replace: true },
        source,
      );
      for (const round of result.rounds) {
        summary.rounds.push({
          dataset: manifest.id,
          key: round.round.key,
          outcome: round.outcome === 'published' ? 'published' : 'unchanged',
        });
        if (round.outcome === 'published') log(formatJoinReport(round.round, round.report));
      }
      const counts = countOutcomes(result.rounds.map((r) => r.outcome));
      log(`${source.file}: ${result.rounds.length} round(s) on ${result.boundarySet}: ${counts}`);
    }
  }
  return summary;
}

function requireSet(sets: Map<string, PreparedBoundarySet>, id: string, file: string): PreparedBoundarySet {
  const set = sets.get(id);
  if (!set) throw new InputError({ file }, `names unknown boundary set ${id}`);
  return set;
}

function countOutcomes(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}
