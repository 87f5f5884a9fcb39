/**
 * The fields DTM Atlas reads from any tabular source, and how sources name them: by header (the DTM
 * baseline export, the monthly series, the DTM API's field names) or, whatever the headers, by HXL hashtag.
 */
export const FIELDS = [
  'adm1_code',
  'adm2_code',
  'adm3_code',
  'adm1_name',
  'adm2_name',
  'adm3_name',
  'country_code',
  'idps_ind',
  'idps_hh',
  'returnees_ind',
  'returnees_hh',
  'date',
  'month',
  'round',
  'operation',
  // What makes a row one part of its area's figure (DTM API v3): see core/row-facts.ts.
  'reason',
  'assessment_type',
  'origin_code',
  'origin_name',
  'males',
  'females',
] as const;
export type Field = (typeof FIELDS)[number];

/** Header names per field, compared case- and punctuation-insensitively. */
const HEADERS: Record<Field, string[]> = {
  adm1_code: ['admin1Pcode_dtm', 'admin1Pcode', 'adm1_pcode', 'region_pcode_source', 'Admin 1 P-Code'],
  adm2_code: ['admin2Pcode_dtm', 'admin2Pcode', 'adm2_pcode', 'Admin 2 P-Code'],
  adm3_code: ['admin3Pcode_dtm', 'admin3Pcode', 'adm3_pcode', 'Admin 3 P-Code'],
  adm1_name: ['admin1Name', 'adm1_name', 'region_name', 'Admin 1'],
  adm2_name: ['admin2Name', 'adm2_name', 'Admin 2'],
  adm3_name: ['admin3Name', 'adm3_name', 'Admin 3'],
  country_code: ['admin0Pcode', 'adm0_pcode'],
  idps_ind: ['idp_individuals', 'numPresentIdpInd', 'Total No# of IDPs Ind#', 'Total No. of IDPs Ind.'],
  idps_hh: ['idp_households', 'numPresentIdpHh', 'Total No# of IDPs HH#', 'Total No. of IDPs HH.'],
  returnees_ind: [
    'returnees_total_individuals',
    'Total No# of Returnees Ind#',
    'Total No. of Returnees Ind.',
  ],
  returnees_hh: ['returnees_total_households', 'Total No# of Returnees HH#', 'Total No. of Returnees HH.'],
  date: ['snapshot_date', 'reportingDate', 'Snapshot Date', 'date'],
  month: ['month'],
  round: ['roundNumber', 'round', 'Round'],
  operation: ['operation'],
  reason: ['displacementReason'],
  assessment_type: ['assessmentType'],
  origin_code: ['idpOriginAdmin1Pcode'],
  origin_name: ['idpOriginAdmin1Name'],
  males: ['numberMales'],
  females: ['numberFemales'],
};

/** Fields that make a row one part of its area's figure: a source with any of them is keyed by fact. */
export const PART_FIELDS: readonly Field[] = ['reason', 'assessment_type', 'origin_code', 'origin_name'];

/** HXL hashtags per field: the tag plus the attributes that must be present (in any order). */
const HASHTAGS: Record<Field, Array<[string, string[]]>> = {
  adm1_code: [['#adm1', ['code']]],
  adm2_code: [['#adm2', ['code']]],
  adm3_code: [['#adm3', ['code']]],
  adm1_name: [['#adm1', ['name']]],
  adm2_name: [['#adm2', ['name']]],
  adm3_name: [['#adm3', ['name']]],
  country_code: [['#country', ['code']]],
  idps_ind: [['#affected', ['idps', 'ind']]],
  idps_hh: [['#affected', ['idps', 'hh']]],
  returnees_ind: [['#affected', ['returnees', 'ind']]],
  returnees_hh: [['#affected', ['returnees', 'hh']]],
  date: [
    ['#date', ['reported']],
    ['#date', []],
  ],
  month: [],
  round: [
    ['#round', ['code']],
    ['#round', []],
  ],
  operation: [['#operation', []]],
  reason: [],
  assessment_type: [],
  origin_code: [],
  origin_name: [],
  males: [],
  females: [],
};

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const HEADER_INDEX = new Map<string, Field>();
for (const field of FIELDS) for (const header of HEADERS[field]) HEADER_INDEX.set(squash(header), field);

/** The field a header names, if any. */
export function fieldForHeader(header: string): Field | undefined {
  return HEADER_INDEX.get(squash(header));
}

/** True when a row looks like an HXL hashtag row (most non-empty cells start with `#`). */
export function isHashtagRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length > 0 && filled.filter((c) => c.startsWith('#')).length >= filled.length / 2;
}

/**
 * The field an HXL hashtag names: its attributes must be exactly the field's (in any order). An extra
 * attribute changes what a column holds (`#affected+idps+ind+f` is women, `+change` a difference), so such a
 * column is never read as the total.
 */
export function fieldForHashtag(hashtag: string): Field | undefined {
  const [tag, ...parts] = hashtag
    .trim()
    .toLowerCase()
    .split('+')
    .map((part) => part.trim());
  const attributes = new Set(parts.filter((part) => part !== ''));
  for (const field of FIELDS) {
    for (const [wantedTag, wanted] of HASHTAGS[field]) {
      if (tag === wantedTag && wanted.length === attributes.size && wanted.every((a) => attributes.has(a)))
        return field;
    }
  }
  return undefined;
}
