import type { TileProperties } from './area-properties.ts';
import { INDICATORS } from './indicators.ts';
import { type AdminLevel, type AreaFigures, FIGURE_KEYS, type FigurePart } from './types.ts';

/** What a cell of a download holds: a Frictionless field type. */
export type FieldType = 'string' | 'integer' | 'date';

/** One area of a download: its joined properties, its figures' provenance and its parents' names by level. */
export interface AreaRow {
  area: TileProperties;
  figure?: Pick<AreaFigures, 'sourceRows' | 'corrections' | 'breakdown'>;
  /** Names of the areas enclosing it, by level (`{ 1: 'Mopti', 2: 'Bandiagara' }`). */
  parents: Partial<Record<AdminLevel, string>>;
}

/** A column of the figures downloads (CSV and XLSX): header, HXL hashtag, type, meaning and how to fill it. */
export interface DownloadColumn {
  header: string;
  hxl: string;
  type: FieldType;
  description: string;
  /** The only values the column takes, where it is a closed list (the status). */
  values?: readonly string[];
  value: (row: AreaRow) => string | number | undefined;
}

const prop = (key: string) => (row: AreaRow) => row.area[key];

/** Code, name, parent code and the names of every enclosing level, with their level-specific hashtags. */
function placeColumns(level: AdminLevel): DownloadColumn[] {
  const columns: DownloadColumn[] = [
    {
      header: 'pcode',
      hxl: `#adm${level}+code`,
      type: 'string',
      description: 'P-code',
      value: prop('pcode'),
    },
    { header: 'name', hxl: `#adm${level}+name`, type: 'string', description: 'Name', value: prop('name') },
  ];
  if (level > 1)
    columns.push({
      header: 'parent_pcode',
      hxl: `#adm${level - 1}+code`,
      type: 'string',
      description: 'P-code of the enclosing area one level up',
      value: prop('parent'),
    });
  for (let above = 1; above < level; above++) {
    const at = above as AdminLevel;
    columns.push({
      header: `adm${at}_name`,
      hxl: `#adm${at}+name`,
      type: 'string',
      description: `Name of the enclosing level-${at} area`,
      value: (row) => row.parents[at],
    });
  }
  return columns;
}

/** The figures' columns of the downloads, in order (the page's table writes the same columns and tags). */
export const FIGURE_COLUMNS = [...FIGURE_KEYS, 'idps_ind_change'] as const;

/** The HXL hashtag of each figure column. */
export const FIGURE_HXL: Record<(typeof FIGURE_COLUMNS)[number], string> = {
  idps_ind: '#affected+idps+ind',
  idps_hh: '#affected+hh+idps',
  returnees_ind: '#affected+returnees+ind',
  returnees_hh: '#affected+hh+returnees',
  idps_ind_change: '#affected+idps+ind+change',
};

/** The four figures, as numbers; an empty cell where the source does not give one (unknown is not zero). */
const FIGURE_FIELDS: DownloadColumn[] = FIGURE_KEYS.map((key) => ({
  header: key,
  hxl: FIGURE_HXL[key],
  type: 'integer',
  description: `${INDICATORS[key].en}; empty where the source does not give it`,
  value: prop(key),
}));

const CHANGE_COLUMN: DownloadColumn = {
  header: 'idps_ind_change',
  hxl: FIGURE_HXL.idps_ind_change,
  type: 'integer',
  description: `${INDICATORS.idps_ind_change.en}; empty where either round lacks the figure`,
  value: prop('idps_ind_change'),
};

const statusColumn = (words: 'codes' | 'words'): DownloadColumn => ({
  header: 'status',
  hxl: '#status',
  type: 'string',
  values: words === 'codes' ? ['reported', 'no_data'] : ['reported', 'no data', 'not reported'],
  description:
    words === 'codes'
      ? '`reported` when the source gives figures for the area, `no_data` when it has no row for it'
      : '`reported`: the source gives figures for the area; `no data`: the round reports this level but not ' +
        'this area; `not reported`: the round does not report figures at this level',
  value: prop('status'),
});

const TAIL_COLUMNS: DownloadColumn[] = [
  { header: 'round', hxl: '#round+code', type: 'string', description: 'Round key', value: prop('round') },
  {
    header: 'date',
    hxl: '#date+reported',
    type: 'date',
    description: 'Date of the figures',
    value: prop('date'),
  },
  {
    header: 'source_rows',
    hxl: '#meta+source+rows',
    type: 'string',
    description: 'Line numbers in the source file of the rows summed into the figures',
    value: (row) => row.figure?.sourceRows.join(' '),
  },
  {
    header: 'correction',
    hxl: '#meta+correction',
    type: 'string',
    description: 'Reviewed correction that moved rows onto this area, if any',
    value: (row) => correctionText(row.figure?.corrections),
  },
];

/** Which reviewed corrections moved an area's figures: source code and name, new code, reason. */
export function correctionText(corrections: AreaFigures['corrections']): string | undefined {
  if (!corrections?.length) return undefined;
  return corrections
    .map((c) => `row ${c.row}: ${c.sourceCode} "${c.sourceName}" read as ${c.correctedCode} (${c.reason})`)
    .join(' | ');
}

/** The CSV's area columns: place, status (codes), figures, change, round, date, source rows, correction. */
export function csvAreaColumns(level: AdminLevel): DownloadColumn[] {
  return [...placeColumns(level), statusColumn('codes'), ...FIGURE_FIELDS, CHANGE_COLUMN, ...TAIL_COLUMNS];
}

/**
 * The XLSX data sheet's columns: as the CSV's, with the status in words, the change only when the round has a
 * previous one, and the breakdown columns the level's figures have (`breakdownColumns`).
 */
export function xlsxAreaColumns(
  level: AdminLevel,
  hasPrevious: boolean,
  breakdown: DownloadColumn[],
): DownloadColumn[] {
  return [
    ...placeColumns(level),
    statusColumn('words'),
    ...FIGURE_FIELDS,
    ...(hasPrevious ? [CHANGE_COLUMN] : []),
    ...breakdown,
    ...TAIL_COLUMNS,
  ];
}

/** A label as an HXL attribute and header part: lower case letters, digits and underscores. */
const slug = (label: string) => {
  const text = label
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(text) ? text : `x${text}`;
};

type Dimension = 'reason' | 'assessmentType';
const DIMENSION_WORDS: Record<Dimension, { attribute: string; words: string }> = {
  reason: { attribute: 'reason', words: 'displacement reason' },
  assessmentType: { attribute: 'assessment', words: 'assessment type' },
};

/** One column per part label of a dimension: 0 where the area's list lacks it, empty where the area has none. */
function partColumns(dimension: Dimension, labels: readonly string[]): DownloadColumn[] {
  const { attribute, words } = DIMENSION_WORDS[dimension];
  return labels.map((label) => ({
    header: `idps_ind_${attribute}_${slug(label)}`,
    hxl: `#affected+idps+ind+${attribute}_${slug(label)}`,
    type: 'integer',
    description: `IDPs (individuals) whose ${words} is "${label}"`,
    value: (row: AreaRow) => {
      const parts: FigurePart[] | undefined = row.figure?.breakdown?.[dimension];
      if (!parts) return undefined;
      return parts.find((part) => part.label.toLowerCase() === label.toLowerCase())?.idps_ind ?? 0;
    },
  }));
}

/**
 * The breakdown columns of a level: one per reason and per assessment type some area's IDP figure splits into
 * (labels case-folded, first spelling kept, sorted), and males/females where some area splits by sex.
 */
export function breakdownColumns(figures: Iterable<Pick<AreaFigures, 'breakdown'>>): DownloadColumn[] {
  const labels: Record<Dimension, Map<string, string>> = { reason: new Map(), assessmentType: new Map() };
  let sex = false;
  for (const { breakdown } of figures) {
    for (const dimension of ['reason', 'assessmentType'] as const)
      for (const part of breakdown?.[dimension] ?? [])
        if (!labels[dimension].has(part.label.toLowerCase()))
          labels[dimension].set(part.label.toLowerCase(), part.label);
    if (breakdown?.sex) sex = true;
  }
  const sorted = (dimension: Dimension) => [...labels[dimension].values()].sort((a, b) => a.localeCompare(b));
  const columns = [
    ...partColumns('reason', sorted('reason')),
    ...partColumns('assessmentType', sorted('assessmentType')),
  ];
  if (sex)
    for (const [key, attribute] of [
      ['males', 'm'],
      ['females', 'f'],
    ] as const)
      columns.push({
        header: `idps_ind_${key}`,
        hxl: `#affected+idps+ind+${attribute}`,
        type: 'integer',
        description: `IDPs (individuals), ${key}`,
        value: (row) => row.figure?.breakdown?.sex?.[key],
      });
  return columns;
}
