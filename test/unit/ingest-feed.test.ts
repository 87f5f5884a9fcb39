/**
 * A DTM feed on made-up fixtures (test/fixtures/ingest/api-levels, api-operations): each record counts only
 * at its own level, the levels are checked against the national figure, and rows of other operations are
 * skipped and counted, never imported.
 */
import { describe, expect, it } from 'vitest';
import type { RoundPlan } from '../../functions/core/plan-round.ts';
import { planCase } from '../fixtures/ingest/plan-case.ts';

async function rounds(name: string): Promise<Map<string, RoundPlan>> {
  const plan = (await planCase(name)) as { rounds: RoundPlan[] };
  return new Map(plan.rounds.map((round) => [round.meta.key, round]));
}

const idps = (round: RoundPlan | undefined, pcode: string) =>
  round?.figures.find((f) => f.pcode === pcode)?.idps_ind;

describe('a feed in three files (admin 0, 1, 2)', () => {
  it('reads one round per round number, each record counted at its own level only', async () => {
    const plans = await rounds('api-levels');
    expect([...plans.keys()]).toEqual(['3', '4']);
    const round = plans.get('3');
    expect(round?.meta.source.file).toBe('admin0.json + admin1.json + admin2.json');
    expect(round?.meta.totals.idps_ind).toBe(1000);
    // Northland is its admin 1 records (650 + 50), not those plus its communes' (which would be 1,400).
    expect(idps(round, 'XX01')).toBe(700);
    expect(idps(round, 'XX0101')).toBe(700);
    expect(round?.report.levelCheck?.matches).toBe(true);
  });

  it('says by how much a level differs from the national figure', async () => {
    const round = (await rounds('api-levels')).get('4');
    expect(idps(round, 'XX01')).toBe(800);
    expect(idps(round, 'XX0101')).toBe(780);
    expect(round?.report.levelCheck).toMatchObject({ against: 'national', matches: false });
    const adm2 = round?.report.levelCheck?.levels.find((entry) => entry.level === 2);
    expect(adm2).toEqual({ level: 2, sum: { idps_ind: 1180 }, difference: { idps_ind: -20 } });
  });
});

describe("the dataset's operation", () => {
  it('skips the rows of other operations (even a bad one) and counts them by operation', async () => {
    const plans = await rounds('api-operations');
    // Round 1 of "Flood response" would otherwise be summed into round 1: 100 + 5,000 at Northland.
    expect([...plans.keys()]).toEqual(['1', '2']);
    expect(idps(plans.get('1'), 'XX01')).toBe(100);
    expect(plans.get('1')?.meta.date).toBe('2024-01-31');
    expect(plans.get('1')?.report.skippedOperations).toEqual([{ operation: 'Flood response', rows: 3 }]);
  });
});
