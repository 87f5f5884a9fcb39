/**
 * `npm run sync -- [--dataset ID] [--dry-run] [--json]`
 *
 * Follows the DTM API: for each dataset whose manifest names a DTM operation and a country, reads the
 * operation list and `admin{0,1,2}?Admin0Pcode=<ISO3>`, and publishes every round that is new or changed
 * through the ingest pipeline (docs/sync.md). Works whether or not `npm start` is running: it uses the running
 * server's stand-ins if there is one, else opens `.data/` itself. Prints per dataset the rounds new, changed,
 * unchanged and refused, with the join report of each new or changed round; `--json` prints the report as one
 * JSON document (progress on stderr). Exits 1 when a dataset failed or a round was refused for its rows.
 *
 * Environment: DTM_API_URL, DTM_API_KEY (or DTM_SUBSCRIPTION_KEY, or DTM_API_KEY_PARAMETER: an SSM
 * SecureString), DTM_API_TIMEOUT_MS, DTM_SYNC_TIMEOUT_MS
 * (functions/entry/sync-settings.ts), DTM_DATA_DIR, DTM_STATE_DIR, DTM_DATASETS_DIR.
 */
import { parseArgs } from 'node:util';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { listDatasetManifests } from '../ingest/dataset-manifests.ts';
import type { DatasetRegistry } from '../store/ports.ts';
import { formatSyncReport } from '../sync/report.ts';
import { syncDatasets } from '../sync/run.ts';
import { type CliStores, openCliStores } from './cli-stores.ts';
import { dataDirFromEnv, datasetsDirFromEnv, stateDirFromEnv } from './data-folder.ts';
import { bundledManifests } from './dataset-deps.ts';
import { boundarySetResolver, NO_KEY_MESSAGE, syncClient, syncSettingsFromEnv } from './sync-settings.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = 'usage: npm run sync -- [--dataset ID] [--dry-run] [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // With --json, stdout carries the report only.
  const log = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const settings = syncSettingsFromEnv();
  if (!settings.key && !settings.keyParameter) {
    console.error(`sync failed: ${NO_KEY_MESSAGE}`);
    return 2;
  }
  const dryRun = values['dry-run'];
  const report = await withStores(log, async ({ catalog, boundaries, registry }) => {
    const manifests = await manifestList(registry);
    log(`syncing from the DTM API (${settings.apiUrl})${dryRun ? ', dry run: nothing will be written' : ''}`);
    return syncDatasets(
      manifests,
      {
        client: syncClient(settings, log),
        catalog,
        boundarySet: boundarySetResolver(boundaries, manifests, { dataDir: dataDirFromEnv(), dryRun }),
        signal: AbortSignal.timeout(settings.runTimeoutMs),
        log,
      },
      { dryRun, ...(values.dataset ? { dataset: values.dataset } : {}) },
    );
  });
  if (values.json) console.log(JSON.stringify(report));
  else console.log(formatSyncReport(report));
  if (!report.ok) console.error('sync: a dataset failed or a round was refused (see above)');
  return report.ok ? 0 : 1;
}

/**
 * Every dataset sync may follow: the bundled manifests (or `DTM_DATASETS_DIR`'s) and those an operator added
 * with `npm run dataset -- add`.
 */
async function manifestList(registry: DatasetRegistry): Promise<DatasetManifest[]> {
  return listDatasetManifests({ registry, bundled: await bundledManifests(datasetsDirFromEnv()) });
}

/** Runs `work` on the running server's stand-ins, or on `.data/` opened (and closed) here. */
async function withStores<T>(
  log: (line: string) => void,
  work: (stores: CliStores) => Promise<T>,
): Promise<T> {
  const stores = await openCliStores(stateDirFromEnv(), log);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`sync failed: ${error.message}`);
    process.exit(1);
  },
);
