/**
 * `npm run ingest -- --dataset mli <file>… [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace] [--accept-totals-mismatch REASON] [--json]`
 *
 * Imports a DTM file through the same code as seeding and the ingest Lambda; several files are read together
 * as one feed (the DTM API's admin 0, 1 and 2 responses), as seeding reads a manifest's `feed`. Works whether or not
 * `npm start` is running: it uses the running server's stand-ins if there is one, else opens `.data/` itself.
 * The file is streamed (a CSV of hundreds of megabytes is read with bounded memory). Prints a summary table
 * and the join report; exits 1 on any failure, with nothing stored changed. `--json` prints one JSON
 * document instead (progress goes to stderr), with the process's peak memory (`maxRssBytes`).
 *
 * Environment: `DTM_DATA_DIR` (boundaries and figures), `DTM_STATE_DIR` (the stand-ins' data) and
 * `DTM_DATASETS_DIR` (a folder of dataset manifests to use instead of the bundled ones). Datasets added with
 * `npm run dataset -- add` are found in the registry first.
 */
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { type DatasetManifest, datasetMeta } from '../core/dataset-manifest.ts';
import { AtlasError, InputErrors } from '../core/errors.ts';
import { resolveDatasetManifest } from '../ingest/dataset-manifests.ts';
import { ingestFeed } from '../ingest/feed.ts';
import { type IngestResult, importSummary, ingestStream } from '../ingest/ingest.ts';
import { MAX_CSV_BYTES } from '../ingest/read-source.ts';
import { formatJoinReport } from '../ingest/report-text.ts';
import { type CliStores, openCliStores } from './cli-stores.ts';
import { dataDirFromEnv, dataFolder, datasetsDirFromEnv, stateDirFromEnv } from './data-folder.ts';
import { bundledManifests } from './dataset-deps.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE =
  'usage: npm run ingest -- --dataset ID <file> [<file>…] [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace] [--accept-totals-mismatch REASON] [--verbose] [--json]';

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
  if (!values.dataset || positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const handles: InputFile[] = [];
  try {
    for (const file of positionals) handles.push(await openInput(file));
    const stores = await openCliStores(stateDirFromEnv(), log);
    try {
      const bundled = await bundledManifests(datasetsDirFromEnv());
      const manifest = await resolveDatasetManifest(values.dataset, { registry: stores.registry, bundled });
      if (!manifest) {
        console.error(`unknown dataset "${values.dataset}" (npm run dataset -- list)`);
        return 2;
      }
      return await importFiles(handles, values, manifest, stores, log);
    } finally {
      await stores.close();
    }
  } finally {
    for (const { handle } of handles) await handle.close().catch(() => {});
  }
}

/** A file named on the command line, opened and checked: the name as typed, and its handle. */
interface InputFile {
  file: string;
  handle: FileHandle;
}

async function openInput(file: string): Promise<InputFile> {
  // npm runs scripts from the package root; resolve the path from where the user typed it.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const cannotRead = (error: NodeJS.ErrnoException) =>
    new AtlasError('invalid_input', `${file}: cannot read (${error.code ?? error.message})`);
  const handle: FileHandle = await open(filePath).catch((error) => {
    throw cannotRead(error);
  });
  const info = await handle.stat();
  const refuse = (message: string) => {
    handle.close().catch(() => {});
    return new AtlasError('invalid_input', `${file}: ${message}`);
  };
  if (!info.isFile()) throw refuse('cannot read (not a regular file)');
  // Streamed, so size does not bound memory; the largest CSV accepted is still refused at once here.
  if (info.size > MAX_CSV_BYTES) {
    throw refuse(
      `${(info.size / 1024 / 1024).toFixed(0)} MB is over the ${MAX_CSV_BYTES / 1024 / 1024} MB limit; split it by round`,
    );
  }
  return { file, handle };
}

/**
 * Imports one file, or several files read together as one feed (the DTM API's admin 0, 1 and 2 responses:
 * `ingestFeed`, as seeding reads them), into the dataset.
 */
async function importFiles(
  inputs: readonly InputFile[],
  values: CliValues,
  manifest: DatasetManifest,
  stores: CliStores,
  log: (line: string) => void,
): Promise<number> {
  const dataDir = dataDirFromEnv();
  const { catalog, boundaries } = stores;
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
  if (!(await catalog.getDataset(manifest.id)) && !values['dry-run'])
    await catalog.putDataset(datasetMeta(manifest));
  const options = {
    ...(values.round ? { round: values.round } : {}),
    ...(values.date ? { date: values.date } : {}),
    ...(values.boundaries ? { boundarySet: values.boundaries } : {}),
    ...(values['accept-totals-mismatch'] ? { acceptTotalsMismatch: values['accept-totals-mismatch'] } : {}),
    dryRun: values['dry-run'],
    replace: values.replace,
    progress: log,
  };
  // A file the dataset manifest knows (same name) brings its round, title and stated totals.
  const first = inputs[0] as InputFile;
  const known = manifest.sources.find((source) => path.basename(source.file) === path.basename(first.file));
  const stream = ({ handle }: InputFile) => handle.createReadStream({ autoClose: false });
  const deps = { catalog, boundarySet };
  const result =
    inputs.length === 1
      ? await ingestStream(manifest, first.file, stream(first), deps, options, known)
      : await ingestFeed(
          manifest,
          inputs.map((input) => ({ file: input.file, input: stream(input) })),
          deps,
          options,
          known,
        );
  if (json) console.log(JSON.stringify(jsonSummary(result)));
  else printSummary(result, values.verbose || result.rounds.length === 1);
  return 0;
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
