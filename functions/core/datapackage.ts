import type { DownloadColumn } from './download-columns.ts';
import { breakdownColumns, xlsxAreaColumns } from './download-columns.ts';
import { csvColumns, licenceText, provenanceMember, type ShownRound } from './exports.ts';
import type { AdminLevel, AppliedCorrection, AreaFigures, DatasetMeta } from './types.ts';

/** The media types of the downloads, as served and as the data package names them. */
export const MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
} as const;

export type DownloadFormat = keyof typeof MEDIA_TYPES;

/** What the data package of a round describes: its downloads per level and their provenance. */
export interface DataPackageInput {
  dataset: Pick<DatasetMeta, 'id' | 'name' | 'country' | 'attribution'>;
  round: ShownRound;
  /** The levels of the round's boundary set, each with its figures (the XLSX's breakdown columns follow them). */
  levels: ReadonlyArray<{ level: AdminLevel; figures: Iterable<Pick<AreaFigures, 'breakdown'>> }>;
  hasPrevious: boolean;
  corrections: readonly AppliedCorrection[];
  /** The address of each download, and of the round's view on `/`. */
  fileUrl: (format: DownloadFormat, level: AdminLevel) => string;
  viewUrl: string;
  created: string;
}

type Field = Pick<DownloadColumn, 'header' | 'hxl' | 'type' | 'description' | 'values'>;

/** A Table Schema field: name, type, description, the HXL hashtag as the custom `hxl` property, constraints. */
function schemaField(field: Field) {
  const figure = field.type === 'integer' && !field.header.endsWith('_change');
  return {
    name: field.header,
    type: field.type,
    description: field.description,
    hxl: field.hxl,
    ...(figure ? { constraints: { minimum: 0 } } : {}),
    ...(field.values ? { constraints: { enum: [...field.values] } } : {}),
  };
}

/** The schema of a table whose first row names the fields and whose second row holds their HXL hashtags. */
const tableSchema = (fields: Field[]) => ({
  fields: fields.map(schemaField),
  missingValues: [''],
  primaryKey: ['pcode'],
});

/**
 * A Frictionless Data Package (v2, readable as v1) describing every download of a round: per level, the CSV and
 * the XLSX (typed fields with their HXL hashtags; the hashtag row is row 2, a comment row to a Frictionless
 * reader) and the GeoJSON; the licences, the sources (the DTM file with its SHA-256, the boundaries), the
 * contributors and, as `dtm-atlas:provenance`, the corrections applied and the caveat.
 */
export function dataPackage(input: DataPackageInput): Record<string, unknown> {
  const { dataset, round } = input;
  const provenance = provenanceMember(dataset, round);
  const licence = provenance.licence ? `Figures: ${provenance.licence}` : licenceText(provenance);
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `dtm-${dataset.id}-${round.key}`.toLowerCase(),
    title: `${dataset.name}: ${round.source.title} (${round.date})`,
    description:
      `Figures of round ${round.key} of ${dataset.name} by administrative area, with provenance. ${round.caveat?.en ?? ''}`.trim(),
    homepage: input.viewUrl,
    version: round.version,
    created: input.created,
    keywords: ['IOM', 'DTM', 'displacement', 'IDPs', 'HXL', dataset.country],
    licenses: [
      { title: licence || dataset.attribution, path: provenance.licenceUrl ?? input.viewUrl },
      ...(provenance.boundaries
        ? [{ title: `Boundaries: ${provenance.boundaries.licence}`, path: input.viewUrl }]
        : []),
    ],
    sources: [
      { title: round.source.title, path: round.source.file, sha256: round.source.sha256 },
      ...(provenance.boundaries ? [{ title: provenance.boundaries.title }] : []),
    ],
    contributors: [
      { title: provenance.organisations ?? round.source.organisation, roles: ['author'], role: 'author' },
      ...(provenance.boundaries
        ? [{ title: provenance.boundaries.attribution, roles: ['contributor'], role: 'contributor' }]
        : []),
      { title: 'DTM Atlas', roles: ['publisher'], role: 'publisher', path: input.viewUrl },
    ],
    'dtm-atlas:provenance': {
      credit: provenance.attribution,
      sourceFile: round.source.file,
      sourceSha256: round.source.sha256,
      dataVersion: round.version,
      corrections: input.corrections,
      ...(round.caveat ? { caveat: round.caveat } : {}),
    },
    resources: input.levels.flatMap(({ level, figures }) => levelResources(input, level, figures)),
  };
}

/** The CSV, XLSX and GeoJSON of one level. */
function levelResources(
  input: DataPackageInput,
  level: AdminLevel,
  figures: Iterable<Pick<AreaFigures, 'breakdown'>>,
) {
  const base = `figures-adm${level}`;
  const dialect = { header: true, headerRows: [1], commentRows: [2] };
  const xlsxFields = xlsxAreaColumns(level, input.hasPrevious, breakdownColumns(figures));
  return [
    {
      name: `${base}-csv`,
      type: 'table',
      path: input.fileUrl('csv', level),
      format: 'csv',
      mediatype: MEDIA_TYPES.csv,
      encoding: 'utf-8',
      description: `Figures per adm${level} area, one row per area; row 2 holds the HXL hashtags.`,
      dialect: { ...dialect, delimiter: ',', lineTerminator: '\r\n' },
      schema: tableSchema(csvColumns(level, input.dataset, input.round)),
    },
    {
      name: `${base}-xlsx`,
      type: 'table',
      path: input.fileUrl('xlsx', level),
      format: 'xlsx',
      mediatype: MEDIA_TYPES.xlsx,
      description: `Figures per adm${level} area (sheet "Data", row 2 the HXL hashtags) and the round's provenance (sheet "Metadata").`,
      dialect: { ...dialect, sheetName: 'Data' },
      schema: tableSchema(xlsxFields),
    },
    {
      name: `${base}-geojson`,
      path: input.fileUrl('geojson', level),
      format: 'geojson',
      mediatype: MEDIA_TYPES.geojson,
      encoding: 'utf-8',
      description: `The adm${level} areas with their figures as feature properties, and the round's provenance as top-level members.`,
    },
  ];
}
