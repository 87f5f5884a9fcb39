/**
 * The real DTM API v3 responses for Haiti (../shared/data/haiti/dtm, SOURCES.md section 6) read and planned
 * as the product does: rows of one area and round split by reason, assessment type and origin are parts of
 * one figure, so every level adds up to what DTM publishes. No Haiti dataset ships yet: the manifest and the
 * boundary set (COD-AB Haiti, prepared with geodata/prepare.ts) are local to this test.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaIndex } from '../../functions/core/area-index.ts';
import type { BoundarySetSource } from '../../functions/core/dataset-manifest.ts';
import type { AreaIndex } from '../../functions/core/join.ts';
import { planRounds, type RoundPlan } from '../../functions/core/plan-round.ts';
import { InputErrorLog } from '../../functions/ingest/input-log.ts';
import { readSource } from '../../functions/ingest/read-source.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { DATA_DIR } from '../helpers/service.ts';

const SET: BoundarySetSource = {
  id: 'hti-codab-2018',
  title: 'OCHA COD-AB Haiti (CNIGS 2018)',
  attribution: 'CNIGS / OCHA',
  licence: 'CC BY-IGO (as HDX states it)',
  codeRules: [],
  codePattern: '^HT[0-9]{2}([0-9]{2})?$',
  levels: [
    {
      level: 1,
      file: 'haiti/boundaries/hti_admbnda_adm1_cnigs_20181129.geojson',
      pcodeField: 'ADM1_PCODE',
      nameField: 'ADM1_FR',
    },
    {
      level: 2,
      file: 'haiti/boundaries/hti_admbnda_adm2_cnigs_20181129.geojson',
      pcodeField: 'ADM2_PCODE',
      nameField: 'ADM2_FR',
      parentField: 'ADM1_PCODE',
    },
  ],
};
const MANIFEST = {
  id: 'hti',
  correctionList: [],
  ignoreNameWords: [],
  figuresLicence: {
    credit: 'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
    text: 'Non-commercial use only; no redistribution.',
  },
};
const ROUND_10 = 'countrywide-monitoring-10';

let areas: AreaIndex;
let version: string;

/** Reads one of the API responses and plans every round in it, as `ingestStream` does. */
async function plan(level: 1 | 2): Promise<Map<string, RoundPlan>> {
  const file = `dtm_api_v3_displacement_admin${level}_hti.json`;
  const bytes = await readFile(path.join(DATA_DIR, 'haiti/dtm', file));
  const parsed = await readSource(new Uint8Array(bytes), file);
  const errors = new InputErrorLog();
  const plans = planRounds(
    {
      manifest: MANIFEST,
      set: SET,
      boundaries: { id: SET.id, version },
      areas,
      file,
      sha256: parsed.sha256,
      options: {},
      codeColumns: parsed.codeColumns,
    },
    parsed.rounds,
    errors,
  );
  errors.throwIfAny();
  return new Map(plans.map((p) => [p.meta.key, p]));
}

function levelSum(plan: RoundPlan | undefined, level: number): number {
  const figures = plan?.figures.filter((f) => f.level === level) ?? [];
  return figures.reduce((sum, f) => sum + (f.idps_ind ?? 0), 0);
}

beforeAll(async () => {
  const prepared = await prepareBoundarySet(SET, DATA_DIR);
  areas = areaIndex(prepared);
  version = prepared.manifest.version;
}, 120_000);

describe('the DTM API feed for Haiti', () => {
  it('admin2 rows: round 10 of Countrywide monitoring adds up at every level, with its parts kept', async () => {
    const plans = await plan(2);
    const round = plans.get(ROUND_10);
    expect(round?.meta.date).toBe('2025-06-30');
    expect(round?.meta.totals.idps_ind).toBe(1_287_593);
    expect(levelSum(round, 1)).toBe(1_287_593);
    expect(levelSum(round, 2)).toBe(1_287_593);
    expect(round?.figures.find((f) => f.pcode === 'HT01')?.idps_ind).toBe(413_216);
    const portAuPrince = round?.figures.find((f) => f.pcode === 'HT0111');
    expect(portAuPrince?.idps_ind).toBe(169_261);
    const parts = portAuPrince?.breakdown;
    const sum = (list?: Array<{ idps_ind: number }>) => list?.reduce((n, p) => n + p.idps_ind, 0);
    expect(sum(parts?.reason)).toBe(169_261);
    expect(sum(parts?.assessmentType)).toBe(169_261);
    expect(parts?.reason?.map((p) => p.label)).toEqual(['Conflict', 'Insecurity']);
    // Every row is placed and none repeats another's whole key.
    expect(round?.report.unmatchedCodes).toEqual([]);
    expect(round?.report.duplicates).toEqual([]);
    expect(round?.report.merges?.some((m) => m.code === 'HT0111')).toBe(true);
  });

  it('admin1 rows give the same round the same totals', async () => {
    const round = (await plan(1)).get(ROUND_10);
    expect(round?.meta.totals.idps_ind).toBe(1_287_593);
    expect(round?.figures.find((f) => f.pcode === 'HT01')?.idps_ind).toBe(413_216);
  });
});
