/** Small DTM files written by the tests themselves, in the layouts DTM Atlas reads. */

export interface FixtureRow {
  adm1: [string, string];
  adm2: [string, string];
  adm3: [string, string];
  idps: [number | string, number | string];
  returnees?: [number | string, number | string];
  date?: string;
}

const BASELINE_HEADER = [
  'snapshot_date',
  'admin1Name',
  'admin1Pcode_dtm',
  'admin2Name',
  'admin2Pcode_dtm',
  'admin3Name',
  'admin3Pcode_dtm',
  'idp_households',
  'idp_individuals',
  'returnees_total_households',
  'returnees_total_individuals',
];

/** A DTM baseline-assessment CSV (the Round 72 export layout). `idps` is [households, individuals]. */
export function baselineCsv(rows: FixtureRow[], header = BASELINE_HEADER): string {
  const lines = [header.join(',')];
  for (const row of rows) {
    const [rh, ri] = row.returnees ?? [0, 0];
    lines.push(
      [
        row.date ?? '2021-09-30',
        row.adm1[1],
        row.adm1[0],
        row.adm2[1],
        row.adm2[0],
        row.adm3[1],
        row.adm3[0],
        row.idps[0],
        row.idps[1],
        rh,
        ri,
      ]
        .map((v) => (String(v).includes(',') ? `"${v}"` : String(v)))
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Three real Mali communes in DTM coding, for small fixtures. */
export const SEGOU: FixtureRow = {
  adm1: ['MLI04', 'Ségou'],
  adm2: ['MLI0406', 'Ségou'],
  adm3: ['MLI040626', 'Ségou'],
  idps: [10, 50],
};
export const MOPTI: FixtureRow = {
  adm1: ['MLI05', 'Mopti'],
  adm2: ['MLI0506', 'Mopti'],
  adm3: ['MLI050609', 'Mopti'],
  idps: [20, 100],
};
export const KAYES: FixtureRow = {
  adm1: ['MLI01', 'Kayes'],
  adm2: ['MLI0103', 'Kayes'],
  adm3: ['MLI010312', 'Kayes'],
  idps: [3, 9],
};
