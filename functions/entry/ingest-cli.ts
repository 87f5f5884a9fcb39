/**
 * `npm run ingest -- --dataset mli <file> [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace] [--accept-totals-mismatch REASON] [--json]`
 *
 * Imports a DTM file through the same code as seeding and the ingest Lambda. Works whether or not
 * `npm start` is running: it uses the running server's stand-ins if there is one, else opens `.data/` itself.
 * The file is streamed (a CSV of hundreds of megabytes is read with bounded memory). Prints a summary table
 * and the join report; exits 1 on any failure, with nothing stored changed. `--json` prints one JSON
 * document instead (progress goes to stderr), with the process's peak memory (`maxRssBytes`).
 *
 * Environment: `DTM_DATA_DIR` (boundaries and figures), `DTM_STATE_DIR` (the stand-ins' data) and
 * `DTM_DATASETS_DIR` (a folder of dataset manifests to use instead of the bundled ones).
 */
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDatasetFolder } from '../../geodata/datasets/folder.ts';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import type { DatasetManifest } from '../core/dataset-manifest.ts';
import { AtlasError, InputErrors } from '../core/errors.ts';
import { type IngestResult, importSummary, ingestStream } from '../ingest/ingest.ts';
import { MAX_CSV_BYTES } from '../ingest/read-source.ts';
import { formatJoinReport } from '../ingest/report-text.ts';
import { findRunningStandIns } from '../local/endpoints.ts';
import { type StandIns, startStandIns } from '../local/standins.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { dataDirFromEnv, dataFolder, datasetsDirFromEnv, stateDirFromEnv } from './data-folder.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE =
  'usage: npm run ingest -- --dataset ID <file> [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace] [--accept-totals-mismatch REASON] [--verbose] [--json]';

/** `--json`: one JSON document on stdout, whatever the outcome. */
let json = false;

interface CliValues {
  round?: string | undefined;
  date?: string | undefined;
  boundaries?: string | undefined;
  'accept-totals-mismatch'?: string | undefined;
  'dry-run': boolean;
  replace: boolean;
  verbose: boolean;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      round: { type: 'string' },
      date: { type: 'string' },
      boundaries: { type: 'string' },
      'accept-totals-mismatch': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  json = values.json;
  // With --json, stdout carries the result only.
  const log = json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const [file] = positionals;
  if (!values.dataset || !file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const manifest = await findManifest(values.dataset);
  if (!manifest) {
    console.error(`unknown dataset "${values.dataset}"`);
    return 2;
  }
  // npm runs scripts from the package root; resolve the path from where the user typed it.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const cannotRead = (error: NodeJS.ErrnoException) =>
    new AtlasError('invalid_input', `${file}: cannot read (${error.code ?? error.message})`);
  const handle: FileHandle = await open(filePath).catch((error) => {
    throw cannotRead(error);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AtlasError('invalid_input', `${file}: cannot read (not a regular file)`);
    // Streamed, so size does not bound memory; the largest CSV accepted is still refused at once here.
    if (info.size > MAX_CSV_BYTES) {
      throw new AtlasError(
        'invalid_input',
        `${file}: ${(info.size / 1024 / 1024).toFixed(0)} MB is over the ${MAX_CSV_BYTES / 1024 / 1024} MB limit; split it by round`,
      );
    }
    return await importFile(handle, file, filePath, values, manifest, log);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The dataset's manifest: from `DTM_DATASETS_DIR` when set, else from the bundled list. */
async function findManifest(id: string): Promise<DatasetManifest | undefined> {
  const dir = datasetsDirFromEnv();
  if (!dir) return findDatasetManifest(id);
  return (await loadDatasetFolder(dir)).find((manifest) => manifest.id === id);
}

async function importFile(
  handle: FileHandle,
  file: string,
  filePath: string,
  values: CliValues,
  manifest: DatasetManifest,
  log: (line: string) => void,
): Promise<number> {
  const stateDir = stateDirFromEnv();
  const dataDir = dataDirFromEnv();
  const running = await findRunningStandIns(stateDir);
  const own: StandIns | undefined = running ? undefined : await startStandIns({ dataDir: stateDir });
  const connection = running ?? (own as StandIns);
  log(running ? `using the stand-ins of the running server (pid ${running.pid})` : `opened ${stateDir}`);
  try {
    const catalog = new DynamoCatalog(createDocumentClient(connection.aws), connection.tableName);
    const boundaries = new S3Boundaries(createS3Client(connection.aws), connection.bucketName);
    const boundarySet = async (id: string): Promise<PreparedBoundarySet> => {
      const stored = await boundaries.getManifest(id);
      if (stored) return { manifest: stored, topology: await boundaries.getTopology(stored) };
      // Not loaded yet (npm start never ran on this folder): prepare it from the data folder (else the
      // shipped copy, geodata/shipped/) and store it.
      const source = manifest.boundarySets.find((set) => set.id === id);
      if (!source) throw new AtlasError('invalid_input', `no boundary set ${id}`);
      const prepared = await dataFolder(dataDir).prepareBoundarySet(source);
      if (!values['dry-run']) await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
      return prepared;
    };
    if (!(await catalog.getDataset(manifest.id)) && !values['dry-run']) {
      const { datasetMeta } = await import('../core/dataset-manifest.ts');
      await catalog.putDataset(datasetMeta(manifest));
    }
    const result = await ingestStream(
      manifest,
      file,
      handle.createReadStream({ autoClose: false }),
      { catalog, boundarySet },
      {
        ...(values.round ? { round: values.round } : {}),
        ...(values.date ? { date: values.date } : {}),
        ...(values.boundaries ? { boundarySet: values.boundaries } : {}),
        ...(values['accept-totals-mismatch']
          ? { acceptTotalsMismatch: values['accept-totals-mismatch'] }
          : {}),
        dryRun: values['dry-run'],
        replace: values.replace,
        progress: log,
      },
      // A file the dataset manifest knows (same name) brings its round, title and stated totals.
      manifest.sources.find((source) => path.basename(source.file) === path.basename(filePath)),
    );
    if (json) console.log(JSON.stringify(jsonSummary(result)));
    else printSummary(result, values.verbose || result.rounds.length === 1);
    return 0;
  } finally {
    await own?.close();
  }
}

function printSummary(result: IngestResult, withReports: boolean): void {
  const n = new Intl.NumberFormat('en-GB');
  const rows = result.rounds.map(({ round, report, outcome }) => {
    const matched = report.levels.map((l) => `adm${l.level} ${l.rowsMatched}`).join(' ');
    const corrected = report.corrections.length;
    const unmatched = report.unmatchedCodes.length;
    return [
      round.key,
      round.date,
      String(report.rows),
      matched,
      String(corrected),
      String(unmatched),
      n.format(round.totals.idps_ind ?? 0),
      outcome,
    ];
  });
  const header = ['round', 'date', 'rows', 'areas matched', 'corrected', 'unmatched', 'IDPs', 'outcome'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${result.file}: ${result.format}, boundary set ${result.boundarySet}`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const duplicate of result.duplicates) {
    console.log(
      `duplicate row ${duplicate.row} (same as row ${duplicate.duplicateOf}, ${duplicate.code}) counted once`,
    );
  }
  if (result.duplicateCount > result.duplicates.length)
    console.log(
      `… ${result.duplicateCount - result.duplicates.length} more duplicate rows, each counted once`,
    );
  if (withReports)
    for (const { round, report } of result.rounds) console.log(`\n${formatJoinReport(round, report)}`);
}

/** What `--json` prints: the outcome per round, and the peak memory of this process. */
function jsonSummary(result: IngestResult) {
  return {
    ...importSummary(result),
    file: result.file,
    rounds: result.rounds.map(({ round, report, outcome }) => ({
      key: round.key,
      date: round.date,
      version: round.version,
      rows: report.rows,
      totals: round.totals,
      corrected: report.corrections.length,
      unmatched: report.unmatchedCodes.length,
      outcome,
      // What the import made of the rows, so a script sees every merge, duplicate and blank row.
      report: {
        statedTotals: report.statedTotals ?? [],
        merges: report.merges ?? [],
        duplicates: report.duplicates ?? [],
        blankRows: report.blankRows ?? [],
        corrections: report.corrections,
      },
    })),
    maxRssBytes: maxRssBytes(),
  };
}

/** Peak resident memory of this process so far (`ru_maxrss`, which Node reports in kilobytes). */
function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`ingest failed: ${error.message}`);
    if (error instanceof InputErrors) for (const each of error.errors) console.error(`  ${each.message}`);
    console.error('nothing was changed');
    if (json) {
      const details = error instanceof AtlasError ? error.details : undefined;
      console.log(
        JSON.stringify({
          status: 'rejected',
          error: error.message,
          ...(details ? { details } : {}),
          changed: 'nothing',
          maxRssBytes: maxRssBytes(),
        }),
      );
    }
    process.exit(1);
  },
);
