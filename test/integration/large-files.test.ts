import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIncomingObject } from '../../functions/ingest/incoming.ts';
import { type StandIns, startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient, createS3Client } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { S3Boundaries } from '../../functions/store/s3-boundaries.ts';
import { S3Objects } from '../../functions/store/s3-objects.ts';
import { findDatasetManifest } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { cliJson, runIngestCli } from '../helpers/cli.ts';
import { baselineCsv, SEGOU } from '../helpers/fixtures.ts';
import { realCommunes, writeGarbageCsv, writeLargeHxlCsv } from '../helpers/large-csv.ts';
import { DATA_DIR } from '../helpers/service.ts';

const MB = 1024 * 1024;
const LARGE = 200 * MB;
/**
 * Peak resident memory allowed to the ingest CLI reading a 200 MB CSV. Measured here: about 245 MB for the
 * valid file and 250 MB for the hostile one, of which about 200 MB is the CLI itself on a two-row file (Node,
 * tsx, the AWS SDK, the embedded DynamoDB and S3, a prepared boundary set). Parsing the same files whole (the
 * reader before streaming) took 1.1 GB (valid) and 1.3 GB (hostile) on its own.
 */
const PEAK_BOUND = 400 * MB;
/** What reading the 200 MB file may add to the CLI's peak on a two-row file (measured: 50 MB valid, 80 MB hostile). */
const GROWTH_BOUND = 150 * MB;
/** Child processes parse hundreds of megabytes; generous, so a busy machine fails no test (no timing is asserted). */
const SLOW = 180_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-large-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What readers of a state folder see: the published rounds, one round and its figures. */
async function publishedState(stateDir: string, key: string): Promise<string> {
  const standIns = await startStandIns({ dataDir: stateDir });
  try {
    const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
    const round = await catalog.getRound('mli', key);
    const figures = round ? await catalog.getFigures('mli', key, round.version) : [];
    return JSON.stringify({ rounds: await catalog.listRounds('mli'), round, figures });
  } finally {
    await standIns.close();
  }
}

/** The CLI's peak memory on a two-row file: what node, tsx, the SDK and the stand-ins cost by themselves. */
async function smallFilePeak(env: Record<string, string>): Promise<number> {
  const small = path.join(dir, 'small.csv');
  await writeFile(small, baselineCsv([SEGOU]));
  const run = await runIngestCli(
    ['--dataset', 'mli', small, '--round', 'small', '--date', '2021-01-31', '--dry-run', '--json'],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
  return cliJson(run).maxRssBytes;
}

describe('a 200 MB CSV through the ingest CLI: streamed, bounded memory', () => {
  it(
    'imports (dry run) an HXL CSV of 100 rounds × 701 communes with the right totals, its memory bounded',
    async () => {
      const env = { DTM_STATE_DIR: path.join(dir, 'state-valid'), DTM_DATA_DIR: DATA_DIR };
      const baseline = await smallFilePeak(env);
      const file = path.join(dir, 'large-hxl.csv');
      const written = await writeLargeHxlCsv(file, await realCommunes(DATA_DIR), {
        rounds: 100,
        targetBytes: LARGE,
      });
      expect(written.bytes).toBeGreaterThan(190 * MB);
      // Its rounds are 1001–1100 (see writeLargeHxlCsv): no real round, so no stated total applies.
      const run = await runIngestCli(['--dataset', 'mli', file, '--dry-run', '--json'], env);
      await rm(file);
      expect(run.code, run.stderr).toBe(0);
      const result = cliJson(run);
      expect(result).toMatchObject({
        status: 'imported',
        format: 'hxl-csv',
        boundarySet: 'mli-codab-2021',
        bytes: written.bytes,
        duplicateCount: 0,
      });
      expect(result.rounds).toHaveLength(100);
      for (const round of result.rounds) {
        expect(round).toMatchObject({ rows: 701, corrected: 0, unmatched: 0, outcome: 'dry-run' });
        expect(round.totals).toEqual(written.totals.get(round.key));
      }
      expect(run.stderr).toContain('64 MB read');
      console.log(
        `200 MB CSV: peak RSS ${(result.maxRssBytes / MB).toFixed(0)} MB (tiny file: ${(baseline / MB).toFixed(0)} MB)`,
      );
      expect(result.maxRssBytes).toBeLessThan(PEAK_BOUND);
      expect(result.maxRssBytes - baseline).toBeLessThan(GROWTH_BOUND);
    },
    SLOW,
  );

  it(
    'refuses a hostile 200 MB CSV (every row bad): file, row and column named, errors counted, nothing changed',
    async () => {
      const stateDir = path.join(dir, 'state-hostile');
      const env = { DTM_STATE_DIR: stateDir, DTM_DATA_DIR: DATA_DIR };
      const small = path.join(dir, 'published.csv');
      await writeFile(small, baselineCsv([SEGOU]));
      const first = await runIngestCli(
        ['--dataset', 'mli', small, '--round', 'hostile', '--date', '2021-01-31', '--json'],
        env,
      );
      expect(first.code, first.stderr).toBe(0);
      expect(cliJson(first).rounds[0].outcome).toBe('published');
      const before = await publishedState(stateDir, 'hostile');
      const baseline = await smallFilePeak(env);

      const file = path.join(dir, 'garbage.csv');
      const { rows } = await writeGarbageCsv(file, LARGE);
      expect((await stat(file)).size).toBeGreaterThan(190 * MB);
      const run = await runIngestCli(
        ['--dataset', 'mli', file, '--round', 'hostile', '--date', '2021-01-31', '--replace', '--json'],
        env,
      );
      await rm(file);
      expect(run.code).toBe(1);
      const result = cliJson(run);
      expect(result.status).toBe('rejected');
      expect(result.changed).toBe('nothing');
      expect(result.error).toMatch(
        /garbage\.csv, row 2, column "idp_individuals": "lots-1" is not a count .*more errors in the file/,
      );
      expect(result.error).toContain(`(${rows.toLocaleString('en-GB')} in all, the first 20 listed)`);
      expect(result.details.errorCount).toBe(rows);
      expect(result.details.errors).toHaveLength(20);
      expect(result.details.errors[19]).toMatchObject({ file, row: 21, field: 'idp_individuals' });
      expect(run.stderr).toContain('nothing was changed');
      expect(run.stderr).toMatch(/row 21, column "idp_individuals": "lots-20" is not a count/);
      console.log(
        `hostile 200 MB CSV: peak RSS ${(result.maxRssBytes / MB).toFixed(0)} MB (tiny file: ${(baseline / MB).toFixed(0)} MB)`,
      );
      expect(result.maxRssBytes).toBeLessThan(PEAK_BOUND);
      expect(result.maxRssBytes - baseline).toBeLessThan(GROWTH_BOUND);
      expect(await publishedState(stateDir, 'hostile')).toBe(before);
    },
    SLOW,
  );

  it(
    'stops at once at a record that never ends (an unclosed quote) instead of buffering the file',
    async () => {
      const env = { DTM_STATE_DIR: path.join(dir, 'state-quote'), DTM_DATA_DIR: DATA_DIR };
      const file = path.join(dir, 'unclosed.csv');
      const out = createWriteStream(file);
      out.write(`${baselineCsv([SEGOU]).split('\n')[0]}\n2021-09-30,"Ségou`);
      const block = 'x'.repeat(4 * MB);
      for (let written = 0; written < LARGE; written += block.length)
        if (!out.write(block)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
      const run = await runIngestCli(
        ['--dataset', 'mli', file, '--round', 'q', '--date', '2021-01-31', '--dry-run', '--json'],
        env,
      );
      await rm(file);
      expect(run.code).toBe(1);
      const result = cliJson(run);
      expect(result.error).toMatch(/unclosed\.csv, row 2: not a readable CSV \(.*maximum/i);
      expect(run.stderr).not.toContain('64 MB read');
      expect(result.maxRssBytes).toBeLessThan(PEAK_BOUND);
    },
    SLOW,
  );

  it(
    'refuses JSON over 50 MB as it streams in: JSON and XLSX are read whole, so they keep that limit',
    async () => {
      const env = { DTM_STATE_DIR: path.join(dir, 'state-json'), DTM_DATA_DIR: DATA_DIR };
      const file = path.join(dir, 'big.json');
      const out = createWriteStream(file);
      out.write('{"result": [');
      const block = ' '.repeat(4 * MB);
      for (let written = 0; written < 60 * MB; written += block.length)
        if (!out.write(block)) await once(out, 'drain');
      out.end(']}');
      await once(out, 'finish');
      const run = await runIngestCli(['--dataset', 'mli', file, '--round', 'j', '--dry-run', '--json'], env);
      await rm(file);
      expect(run.code).toBe(1);
      expect(cliJson(run).error).toMatch(
        /big\.json: the file is over 50 MB; JSON files are read whole and refused above that/,
      );
    },
    SLOW,
  );
});

describe('the ingest Lambda path streams the S3 object', () => {
  let standIns: StandIns;
  beforeAll(async () => {
    standIns = await startStandIns();
    const mali = findDatasetManifest('mli');
    const source = mali?.boundarySets.find((set) => set.id === 'mli-codab-2021');
    if (!source) throw new Error('no mli-codab-2021');
    const prepared = await prepareBoundarySet(source, DATA_DIR);
    await new S3Boundaries(createS3Client(standIns.aws), standIns.bucketName).putBoundarySet(
      prepared.manifest,
      prepared.topology,
    );
  });
  afterAll(() => standIns?.close());

  it(
    'imports a 60 MB CSV upload (over the old whole-file limit) from the object body as it arrives',
    async () => {
      const file = path.join(dir, 'upload.csv');
      const written = await writeLargeHxlCsv(file, await realCommunes(DATA_DIR), {
        rounds: 3,
        targetBytes: 60 * MB,
      });
      const s3 = createS3Client(standIns.aws);
      const key = 'incoming/mli/large-upload.csv';
      await s3.send(
        new PutObjectCommand({
          Bucket: standIns.bucketName,
          Key: key,
          Body: createReadStream(file),
          ContentLength: written.bytes,
        }),
        { requestTimeout: 120_000 },
      );
      await rm(file);
      const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
      const boundaries = new S3Boundaries(s3, standIns.bucketName);
      const outcome = await handleIncomingObject(
        {
          objects: new S3Objects(s3, standIns.bucketName),
          catalog,
          boundaries,
          findDataset: findDatasetManifest,
        },
        key,
      );
      const report = JSON.parse(
        (await (
          await s3.send(new GetObjectCommand({ Bucket: standIns.bucketName, Key: `${key}.report.json` }))
        ).Body?.transformToString()) as string,
      );
      expect(outcome.status, JSON.stringify(report.error)).toBe('imported');
      expect(report).toMatchObject({ status: 'imported', format: 'hxl-csv', bytes: written.bytes });
      expect(report.rounds.map((r: { key: string; totals: unknown }) => [r.key, r.totals])).toEqual(
        [...written.totals].map(([round, totals]) => [round, totals]),
      );
      expect((await catalog.getRound('mli', '1003'))?.status).toBe('published');
    },
    SLOW,
  );
});
