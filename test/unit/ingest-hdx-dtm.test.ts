/**
 * HDX's "IOM DTM from API" CSV (every country, operation and level in one file) on the made-up golden case
 * test/fixtures/ingest/hdx-dtm-csv: read for the dataset's country and operation, the others counted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoundPlan } from '../../functions/core/plan-round.ts';
import { ingestFile } from '../../functions/ingest/ingest.ts';
import { readSource } from '../../functions/ingest/read-source.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { CASES_DIR, planCase } from '../fixtures/ingest/plan-case.ts';
import { tinyManifest } from '../helpers/tiny.ts';

const FILE = path.join(CASES_DIR, 'hdx-dtm-csv', 'figures.csv');
const enc = (text: string) => new TextEncoder().encode(text);

async function plans(): Promise<Map<string, RoundPlan>> {
  const plan = (await planCase('hdx-dtm-csv')) as { format: string; rounds: RoundPlan[] };
  expect(plan.format).toBe('hdx-dtm-csv');
  return new Map(plan.rounds.map((round) => [round.meta.key, round]));
}

describe('the HDX "IOM DTM from API" CSV', () => {
  it("keeps the dataset's country and operation, and counts the rows of the others", async () => {
    const round = (await plans()).get('2');
    expect(round?.report.skippedCountries).toEqual([{ country: 'YYY', rows: 2 }]);
    expect(round?.report.skippedOperations).toEqual([{ operation: 'Flood response', rows: 1 }]);
    // Otherland's rows share the operation's name; without the country filter they would fail its code rule.
    expect(round?.report.unmatchedCodes).toEqual([]);
  });

  it('sums the rows of an area into its figure, kept as a breakdown, each level counted on its own', async () => {
    const round = (await plans()).get('2');
    const northland = round?.figures.find((f) => f.pcode === 'XX01');
    expect(northland).toMatchObject({
      idps_ind: 230,
      breakdown: {
        reason: [{ label: 'Conflict', idps_ind: 230 }],
        assessmentType: [
          { label: 'BA', idps_ind: 200 },
          { label: 'SA', idps_ind: 30 },
        ],
      },
    });
    expect(round?.meta.totals).toEqual({ idps_ind: 350 });
    expect(round?.report.levelCheck?.levels.at(-1)).toEqual({
      level: 2,
      sum: { idps_ind: 340 },
      difference: { idps_ind: -10 },
    });
  });

  it("refuses a bad admin level in the dataset's own rows, naming row and column", async () => {
    const text = (await readFile(FILE, 'utf8')).replace(
      ',XXX,Southland,XX02,Lake,XX0201,2,',
      ',XXX,Southland,XX02,Lake,XX0201,two,',
    );
    await expect(
      readSource(enc(text), 'hdx.csv', { country: 'XXX', operation: 'Test monitoring' }),
    ).rejects.toThrow('hdx.csv, row 15, column "adminLevel": "two" is not an admin level (0 to 3)');
  });

  it("refuses a file with no row of the dataset's country, naming the countries it has, and stores nothing", async () => {
    const catalog = new MemoryCatalog();
    const manifest = { ...tinyManifest(), country: 'ZZZ', operation: 'Test monitoring' };
    const deps = { catalog, boundarySet: () => Promise.reject(new Error('not reached')) };
    await expect(ingestFile(manifest, 'hdx.csv', await readFile(FILE), deps)).rejects.toThrow(
      'hdx.csv, column "country": no row of country ZZZ (dataset xx); the source has YYY (2 rows), XXX (12 rows)',
    );
    expect(await catalog.listRounds('xx')).toEqual([]);
  });

  it('leaves an HXL table with #affected+idps+ind to the generic HXL reader', async () => {
    const text =
      'P-code,IDPs,Round,Date\n#adm1+code,#affected+idps+ind,#round+code,#date+reported\nXX01,5,1,2024-01-31\n';
    expect((await readSource(enc(text), 'plain.csv', { country: 'XXX' })).format).toBe('hxl-csv');
  });
});
