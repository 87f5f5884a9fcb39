/**
 * "Only what the source says" (issue 12), each case through the real ingest CLI on a small made-up file of
 * test/fixtures/fidelity/ (dataset `fid`, found through DTM_DATASETS_DIR), asserting what a user sees: the
 * refusal naming row and column, or the figure stored and the report entry the `--json` output gives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaFigures, RoundMeta } from '../../functions/core/types.ts';
import { startStandIns } from '../../functions/local/standins.ts';
import { createDocumentClient } from '../../functions/store/clients.ts';
import { DynamoCatalog } from '../../functions/store/dynamo-catalog.ts';
import { type CliRun, cliJson, runIngestCli } from '../helpers/cli.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/fidelity');
let stateDir: string;

/** Runs `npm run ingest -- --dataset fid files/<file> --json …` on the fixture folder. */
const ingest = (file: string, ...args: string[]): Promise<CliRun> =>
  runIngestCli(['--dataset', 'fid', path.join(FIXTURE, 'files', file), '--json', ...args], {
    DTM_DATA_DIR: FIXTURE,
    DTM_DATASETS_DIR: path.join(FIXTURE, 'datasets'),
    DTM_STATE_DIR: stateDir,
  });

/** A round as stored, and its figures by P-code, read after the CLI has exited. */
async function stored(key: string): Promise<{ round?: RoundMeta; figures: Map<string, AreaFigures> }> {
  const standIns = await startStandIns({ dataDir: stateDir });
  try {
    const catalog = new DynamoCatalog(createDocumentClient(standIns.aws), standIns.tableName);
    const round = await catalog.getRound('fid', key);
    const figures = round ? await catalog.getFigures('fid', key, round.version) : [];
    return { ...(round ? { round } : {}), figures: new Map(figures.map((f) => [f.pcode, f])) };
  } finally {
    await standIns.close();
  }
}

/** Expects the CLI to refuse the file and change nothing, and returns its error message. */
function refused(run: CliRun): string {
  expect(run.code, run.stderr).toBe(1);
  const result = cliJson(run);
  expect(result).toMatchObject({ status: 'rejected', changed: 'nothing' });
  return `${result.error}\n${run.stderr}`;
}

function imported(run: CliRun) {
  expect(run.code, run.stderr).toBe(0);
  const result = cliJson(run);
  expect(result.status).toBe('imported');
  return result;
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-fidelity-'));
});

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('ingest fidelity through the CLI', () => {
  it('a row whose figures are all blank gives its area no figure and is listed', async () => {
    const result = imported(await ingest('blank-figures.json'));
    expect(result.rounds[0].totals).toEqual({ idps_ind: 200, idps_hh: 30 });
    expect(result.rounds[0].report.blankRows).toEqual([
      { row: 1, level: 2, code: 'XX0101', sourceCode: 'XX0101' },
    ]);
    const { figures } = await stored('1');
    expect(figures.has('XX0101')).toBe(false);
    // A row with some figures keeps those only: no household figure, not zero.
    expect(figures.get('XX0201')).toMatchObject({ idps_ind: 80 });
    expect(figures.get('XX0201')).not.toHaveProperty('idps_hh');
  });

  it('two rows naming one area once codes are normalised are refused, naming both rows', async () => {
    const message = refused(await ingest('same-area-two-codes.csv', '--round', 'codes'));
    expect(message).toContain(
      'same-area-two-codes.csv, row 4, column "admin2Pcode_dtm": duplicate row for xx0101 (first on row 2, as XXX0101; both are XX0101)',
    );
    expect((await stored('codes')).round).toBeUndefined();
  });

  it('API rows differing in reason or assessment type are parts of one figure, kept as a breakdown', async () => {
    const result = imported(await ingest('reason-parts.json'));
    expect(result.rounds[0].report.merges).toEqual([{ level: 2, code: 'XX0101', rows: [1, 2, 3] }]);
    const area = (await stored('2')).figures.get('XX0101');
    // Two rows of 500 that differ only in reason are 1,000, not one row of 500.
    expect(area?.idps_ind).toBe(1200);
    expect(area?.breakdown).toEqual({
      reason: [
        { label: 'Conflict', idps_ind: 700 },
        { label: 'Natural disaster', idps_ind: 500 },
      ],
      assessmentType: [
        { label: 'BA', idps_ind: 1000 },
        { label: 'SA', idps_ind: 200 },
      ],
      sex: { males: 590, females: 610 },
    });
  });

  it('a row repeating the whole key with the same figures is counted once and listed', async () => {
    const result = imported(await ingest('whole-key-repeat.json'));
    expect(result.rounds[0].totals.idps_ind).toBe(570);
    expect(result.rounds[0].report.duplicates).toEqual([{ row: 3, duplicateOf: 1, code: 'xxx0101' }]);
    expect(result.duplicateCount).toBe(1);
    expect((await stored('3')).figures.get('XX0101')?.idps_ind).toBe(500);
  });

  it('a row repeating the whole key with other figures is refused, naming both rows', async () => {
    const message = refused(await ingest('whole-key-conflict.json'));
    expect(message).toContain(
      'whole-key-conflict.json, row 3, column "admin2Pcode": row 3 repeats row 1 (same area XX0101, round, date, reason, origin and assessment type) with other figures (idps_ind 400 against idps_ind 500); keep one',
    );
  });

  it('an HXL column with extra attributes is never the total', async () => {
    const result = imported(
      await ingest('hxl-extra-attributes.csv', '--round', 'hxl', '--date', '2024-03-31'),
    );
    expect(result.rounds[0].totals).toEqual({ idps_ind: 1900, idps_hh: 450 });
    expect((await stored('hxl')).figures.get('XX0101')?.idps_ind).toBe(1200);
  });

  it('two HXL columns for one figure are refused, naming both', async () => {
    const message = refused(await ingest('hxl-two-columns.csv', '--round', 'hxl2', '--date', '2024-03-31'));
    expect(message).toContain(
      'hxl-two-columns.csv, row 2, column "#affected+ind+idps": columns "IDPs" (#affected+idps+ind) and "IDPs again" (#affected+ind+idps) both give idps_ind; keep one',
    );
  });

  it('XLSX error cells are refused, naming sheet, cell and value', async () => {
    const message = refused(await ingest('error-cells.xlsx', '--round', 'xlsx'));
    expect(message).toContain(
      'error-cells.xlsx [Data], row 3, column "idp_individuals": sheet "Data" cell E3 holds the error #N/A',
    );
    expect(message).toContain('sheet "Data" cell D4 holds the formula =E2/10 with no saved result');
    // The broken cell of a column that is not read does not matter.
    expect(message).not.toContain('F2');
  });

  it('stated totals are checked for the round whatever the file is called, households too', async () => {
    const message = refused(await ingest('any-name.csv', '--round', 'st'));
    expect(message).toContain('idps_ind: rows sum to 301 but the source states 300');
    expect(message).toContain('idps_hh: rows sum to 61 but the source states 60');
    expect((await stored('st')).round).toBeUndefined();
  });

  it('an operator override imports a mismatching round and keeps the reason in its provenance', async () => {
    const reason = 'The publisher rounded its headline figure';
    const result = imported(
      await ingest('any-name.csv', '--round', 'st', '--accept-totals-mismatch', reason),
    );
    expect(result.rounds[0].report.statedTotals).toEqual([
      { figure: 'idps_ind', stated: 300, actual: 301, statedIn: 'made-up report, page 2', matches: false },
      { figure: 'idps_hh', stated: 60, actual: 61, statedIn: 'made-up report, page 2', matches: false },
    ]);
    expect((await stored('st')).round?.provenance?.totalsOverride).toEqual({ reason });
  });

  it("a correction from the datasets folder's corrections file is applied and listed", async () => {
    const result = imported(await ingest('corrected.csv', '--round', 'corr'));
    expect(result.rounds[0].report.corrections).toMatchObject([
      { row: 3, level: 2, sourceCode: 'XXX0199', correctedCode: 'XX0102' },
    ]);
    expect((await stored('corr')).figures.get('XX0102')?.idps_ind).toBe(40);
  });
});
