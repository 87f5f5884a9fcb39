import type { DatasetMeta, RoundMeta } from '../../functions/core/types.ts';

/** A made-up dataset and round for building styles in unit tests (no real figure). */
export const STYLE_DATASET: DatasetMeta = {
  id: 'xyz',
  name: 'Testland',
  country: 'XYZ',
  defaultBoundarySet: 'xyz-2020',
  attribution: 'IOM DTM · OCHA COD-AB',
  levelNames: { adm1: 'Province', adm2: 'District', adm3: 'Ward' },
};

export const STYLE_ROUND: RoundMeta = {
  dataset: 'xyz',
  key: '3',
  number: 3,
  date: '2020-01-31',
  source: { title: 'Round 3', organisation: 'IOM DTM', file: 'r3.csv', sha256: 'x' },
  boundarySet: 'xyz-2020',
  totals: { idps_ind: 10, idps_hh: 2, returnees_ind: 0, returnees_hh: 0 },
  status: 'published',
  version: 'v1',
};
