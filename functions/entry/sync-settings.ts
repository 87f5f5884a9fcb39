/**
 * Sync's settings, read from the environment (the CLI, the local server and the sync Lambda share them):
 * `DTM_API_URL` (default https://dtmapi.iom.int), `DTM_API_KEY` (or `DTM_SUBSCRIPTION_KEY`, the name DTM's
 * own R client reads) or else `DTM_API_KEY_PARAMETER` (an SSM SecureString read at run time: the Lambda's
 * way; `SSM_ENDPOINT` points it at a stand-in), `DTM_API_TIMEOUT_MS` (per request, default 60 s) and
 * `DTM_SYNC_TIMEOUT_MS` (per run, default 15 min). Also the sync the local server runs on start.
 */
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { AtlasError } from '../core/errors.ts';
import type { BoundaryWriter, CatalogWriter } from '../store/ports.ts';
import { createDtmClient, type DtmClient, type FetchLike } from '../sync/dtm-client.ts';
import { fixedKey, type KeySource, lazyKey } from '../sync/key-source.ts';
import { formatSyncReport, type SyncRunReport } from '../sync/report.ts';
import { syncDatasets } from '../sync/run.ts';
import { EMULATOR_CREDENTIALS } from './lambda-config.ts';

export const DEFAULT_DTM_API_URL = 'https://dtmapi.iom.int';

export interface SyncSettings {
  apiUrl: string;
  /** `DTM_API_KEY` or `DTM_SUBSCRIPTION_KEY`; it wins over `keyParameter`. */
  key: string | undefined;
  /** `DTM_API_KEY_PARAMETER`: the name of the SSM SecureString holding the key. Without either, no sync. */
  keyParameter: string | undefined;
  /** Where SSM is: `AWS_REGION` and, for a stand-in, `SSM_ENDPOINT`. */
  ssm: { region: string; endpoint?: string };
  requestTimeoutMs: number;
  runTimeoutMs: number;
}

export function syncSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncSettings {
  const ms = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new AtlasError('bad_request', `${name} must be milliseconds, got "${value}"`);
    return n;
  };
  return {
    apiUrl: env.DTM_API_URL || DEFAULT_DTM_API_URL,
    key: env.DTM_API_KEY || env.DTM_SUBSCRIPTION_KEY || undefined,
    keyParameter: env.DTM_API_KEY_PARAMETER || undefined,
    ssm: {
      region: env.AWS_REGION || 'us-east-1',
      ...(env.SSM_ENDPOINT ? { endpoint: env.SSM_ENDPOINT } : {}),
    },
    requestTimeoutMs: ms('DTM_API_TIMEOUT_MS', 60_000),
    runTimeoutMs: ms('DTM_SYNC_TIMEOUT_MS', 15 * 60_000),
  };
}

export const NO_KEY_MESSAGE =
  'DTM_API_KEY is not set (DTM_SUBSCRIPTION_KEY is read too, or DTM_API_KEY_PARAMETER names an SSM SecureString holding it): get a subscription key at https://dtm-apim-portal.iom.int';

/**
 * Where the key comes from: the variable when set, else the SSM parameter (read when first needed, kept, and
 * read again when the API refuses it); undefined when neither is set. Keep the source for as long as the
 * process lives (the Lambda: module scope), so the parameter is read once per container, not per run.
 */
export function keySourceFromSettings(settings: SyncSettings): KeySource | undefined {
  if (settings.key) return fixedKey(settings.key, 'DTM_API_KEY');
  const name = settings.keyParameter;
  if (!name) return undefined;
  const { endpoint, region } = settings.ssm;
  // Imported when the key is first read: `npm run sync` with DTM_API_KEY does not load the SSM client.
  return lazyKey(`SSM parameter "${name}"`, async () => {
    const { createSsmClient, ssmKeySource } = await import('./ssm-key.ts');
    // Like the stores' endpoint overrides: a stand-in gets the emulator keys, never the default credential chain.
    const connection = { region, ...(endpoint ? { endpoint, credentials: EMULATOR_CREDENTIALS } : {}) };
    return ssmKeySource(createSsmClient(connection), name);
  });
}

/** The DTM API client for these settings (a key or a key parameter required; or `keys`, kept by the caller). */
export function syncClient(
  settings: SyncSettings,
  log?: (line: string) => void,
  fetch?: FetchLike,
  keys: KeySource | undefined = keySourceFromSettings(settings),
): DtmClient {
  if (!keys) throw new AtlasError('bad_request', NO_KEY_MESSAGE);
  return createDtmClient({
    baseUrl: settings.apiUrl,
    key: keys,
    requestTimeoutMs: settings.requestTimeoutMs,
    ...(log ? { log } : {}),
    ...(fetch ? { fetch } : {}),
  });
}

/**
 * A boundary set by id: the stored one, else (locally, when a data folder is given) prepared from the data
 * folder and stored unless `dryRun`. Without a data folder (AWS) a missing set is an error saying to seed.
 */
export function boundarySetResolver(
  boundaries: BoundaryWriter,
  manifests: readonly DatasetManifest[],
  options: { dataDir?: string; dryRun?: boolean },
): (id: string) => Promise<PreparedBoundarySet> {
  return async (id) => {
    const stored = await boundaries.getManifest(id);
    if (stored) return { manifest: stored, topology: await boundaries.getTopology(stored) };
    const source = manifests.flatMap((m) => m.boundarySets).find((set) => set.id === id);
    if (!source || !options.dataDir)
      throw new AtlasError(
        'not_found',
        `boundary set ${id} is not loaded; seed the deployment first (docs/deploy.md)`,
      );
    const prepared = await prepareBoundarySet(source, options.dataDir);
    if (!options.dryRun) await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
    return prepared;
  };
}

export interface SyncOnStartOptions {
  env?: NodeJS.ProcessEnv;
  manifests?: readonly DatasetManifest[];
  dataDir?: string;
  log?: (line: string) => void;
}

/**
 * For `npm start`: when `DTM_API_KEY` (or `DTM_SUBSCRIPTION_KEY`, `DTM_API_KEY_PARAMETER`) is set, syncs every dataset with an operation
 * and a country from the DTM API into the running server's stores and logs the report; otherwise does nothing
 * and resolves `undefined`. Never throws: a failed sync is logged and the server keeps serving what it has.
 */
export async function syncOnStart(
  stores: { catalog: CatalogWriter; boundaries: BoundaryWriter },
  options: SyncOnStartOptions = {},
): Promise<SyncRunReport | undefined> {
  const log = options.log ?? console.log;
  try {
    const settings = syncSettingsFromEnv(options.env);
    if (!settings.key && !settings.keyParameter) return undefined;
    const manifests = options.manifests ?? (await loadDatasetManifests());
    log(`syncing from the DTM API (${settings.apiUrl})`);
    const report = await syncDatasets(manifests, {
      client: syncClient(settings, log),
      catalog: stores.catalog,
      boundarySet: boundarySetResolver(stores.boundaries, manifests, {
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      }),
      signal: AbortSignal.timeout(settings.runTimeoutMs),
      log,
    });
    log(formatSyncReport(report));
    return report;
  } catch (error) {
    log(`sync on start failed: ${(error as Error).message}`);
    return undefined;
  }
}
