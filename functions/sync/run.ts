import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { type DatasetSyncReport, emptyCounts, runOk, type SyncRunReport } from './report.ts';
import {
  NothingPublished,
  PartialSyncError,
  type SyncableManifest,
  type SyncDependencies,
  type SyncOptions,
  syncDataset,
} from './sync-dataset.ts';

export interface SyncRunOptions extends SyncOptions {
  /** Only this dataset (`--dataset`); an id no manifest has fails the run. */
  dataset?: string;
}

/**
 * Syncs every dataset of `manifests` that names a DTM operation and a country, one after the other; the others
 * are reported as skipped, saying why. A dataset that fails (the API unreachable, an answer refused) is
 * reported with the message naming the request and field, and the next dataset still runs. The manifest list
 * is a parameter so that the bundled list, a folder of manifests or an operator registry can be passed.
 */
export async function syncDatasets(
  manifests: readonly DatasetManifest[],
  deps: SyncDependencies,
  options: SyncRunOptions = {},
): Promise<SyncRunReport> {
  const chosen = options.dataset ? manifests.filter((m) => m.id === options.dataset) : manifests;
  const datasets: DatasetSyncReport[] = [];
  if (options.dataset && chosen.length === 0) {
    datasets.push(notRun(options.dataset, 'failed', `no dataset manifest has the id "${options.dataset}"`));
  }
  for (const manifest of chosen) {
    const missing = [manifest.operation ? '' : 'operation', manifest.country ? '' : 'country'].filter(
      Boolean,
    );
    if (missing.length > 0) {
      const message = `skipped: its manifest names no DTM ${missing.join(' and no ')}, so the DTM API cannot be asked for it`;
      deps.log?.(`${manifest.id}: ${message}`);
      datasets.push(notRun(manifest.id, 'skipped', message));
      continue;
    }
    try {
      datasets.push(await syncDataset(manifest as SyncableManifest, deps, options));
    } catch (error) {
      if (error instanceof NothingPublished) {
        deps.log?.(`${manifest.id}: skipped: ${error.message}`);
        datasets.push(notRun(manifest.id, 'skipped', `skipped: ${error.message}; nothing was changed`));
        continue;
      }
      const partial = error instanceof PartialSyncError;
      const message = `${(error as Error).message}${partial ? '' : '; nothing was changed for this dataset'}`;
      deps.log?.(`${manifest.id}: failed: ${message}`);
      datasets.push(notRun(manifest.id, 'failed', message));
    }
  }
  return { dryRun: options.dryRun === true, ok: runOk(datasets), datasets };
}

function notRun(dataset: string, status: 'skipped' | 'failed', message: string): DatasetSyncReport {
  return { dataset, status, message, requests: [], counts: emptyCounts(), rounds: [] };
}
