/**
 * `npm run ingest -- --dataset mli <file> [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace]`
 *
 * Imports a DTM file through the same code as seeding and the ingest Lambda. Works whether or not
 * `npm start` is running: it uses the running server's stand-ins if there is one, else opens `.data/` itself.
 * Prints a summary table and the join report; exits 1 on any failure, with nothing stored changed.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import type { PreparedBoundarySet } from '../core/boundary-set.ts';
import { AtlasError } from '../core/errors.ts';
import { findRunningStandIns } from '../local/endpoints.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { type StandIns, startStandIns } from '../local/standins.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { type IngestResult, ingestFile, MAX_SOURCE_BYTES } from './ingest.ts';
import { formatJoinReport } from './report-text.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE =
  'usage: npm run ingest -- --dataset ID <file> [--round KEY] [--date YYYY-MM-DD] [--boundaries SET] [--dry-run] [--replace] [--verbose]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      round: { type: 'string' },
      date: { type: 'string' },
      boundaries: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      replace: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!values.dataset || !file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const manifest = findDatasetManifest(values.dataset);
  if (!manifest) {
    console.error(`unknown dataset "${values.dataset}"`);
    return 2;
  }
  // npm runs scripts from the package root; resolve the path from where the user typed it.
  const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const size = (await stat(filePath).catch(() => undefined))?.size ?? 0;
  if (size > MAX_SOURCE_BYTES) {
    throw new AtlasError(
      'invalid_input',
      `${file}: ${(size / 1024 / 1024).toFixed(0)} MB is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit; split it by round`,
    );
  }
  const bytes = await readFile(filePath).catch((error: NodeJS.ErrnoException) => {
    throw new AtlasError('invalid_input', `${file}: cannot read (${error.code ?? error.message})`);
  });

  const stateDir = path.resolve(REPO_ROOT, process.env.DTM_STATE_DIR ?? '.data');
  const dataDir = path.resolve(REPO_ROOT, process.env.DTM_DATA_DIR ?? '../shared/data');
  const running = await findRunningStandIns(stateDir);
  const own: StandIns | undefined = running ? undefined : await startStandIns({ dataDir: stateDir });
  const connection = running ?? (own as StandIns);
  console.log(
    running ? `using the stand-ins of the running server (pid ${running.pid})` : `opened ${stateDir}`,
  );
  try {
    const catalog = new DynamoCatalog(createDocumentClient(connection.aws), connection.tableName);
    const boundaries = new S3Boundaries(createS3Client(connection.aws), connection.bucketName);
    const boundarySet = async (id: string): Promise<PreparedBoundarySet> => {
      const stored = await boundaries.getManifest(id);
      if (stored) return { manifest: stored, topology: await boundaries.getTopology(stored) };
      // Not loaded yet (npm start never ran on this folder): prepare it from the data folder and store it.
      const source = manifest.boundarySets.find((set) => set.id === id);
      if (!source) throw new AtlasError('invalid_input', `no boundary set ${id}`);
      const prepared = await prepareBoundarySet(source, dataDir);
      if (!values['dry-run']) await boundaries.putBoundarySet(prepared.manifest, prepared.topology);
      return prepared;
    };
    if (!(await catalog.getDataset(manifest.id)) && !values['dry-run']) {
      const { datasetMeta } = await import('../../geodata/dataset-manifest.ts');
      await catalog.putDataset(datasetMeta(manifest));
    }
    const result = await ingestFile(
      manifest,
      file,
      bytes,
      { catalog, boundarySet },
      {
        ...(values.round ? { round: values.round } : {}),
        ...(values.date ? { date: values.date } : {}),
        ...(values.boundaries ? { boundarySet: values.boundaries } : {}),
        dryRun: values['dry-run'],
        replace: values.replace,
        progress: (message) => console.log(message),
      },
      // A file the dataset manifest knows (same name) brings its round, title and stated totals.
      manifest.sources.find((source) => path.basename(source.file) === path.basename(filePath)),
    );
    printSummary(result, values.verbose || result.rounds.length === 1);
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
  if (withReports)
    for (const { round, report } of result.rounds) console.log(`\n${formatJoinReport(round, report)}`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`ingest failed: ${error.message}`);
    console.error('nothing was changed');
    process.exit(1);
  },
);
