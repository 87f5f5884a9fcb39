import type { ProvenanceMember, RoundCaveat } from './api-types.ts';
import {
  type AreaRow,
  correctionText,
  csvAreaColumns,
  type DownloadColumn,
  FIGURE_COLUMNS,
  FIGURE_HXL,
} from './download-columns.ts';
import { creditLine } from './provenance.ts';
import { reasonColumns } from './reason-columns.ts';
import type { AdminLevel, DatasetMeta, RoundMeta } from './types.ts';

export { correctionText, FIGURE_COLUMNS, FIGURE_HXL };

/** The round a download or an answer shows, with what it needs to say where the figures come from. */
export type ShownRound = Pick<
  RoundMeta,
  'key' | 'number' | 'date' | 'version' | 'source' | 'provenance' | 'caveat'
>;

/**
 * The `provenance` member of every answer and download showing a round: the round's own credits and terms,
 * its source file (with its SHA-256) and the one-line `attribution` maps print. Only a round stored without
 * provenance falls back to the dataset's attribution.
 */
export function provenanceMember(
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: Pick<RoundMeta, 'source' | 'provenance'>,
): ProvenanceMember {
  return {
    ...round.provenance,
    attribution: creditLine(round, dataset.attribution),
    source: round.source,
  };
}

/** The round's caveat as a member to spread into an answer: absent when the manifest gives none. */
export function caveatMember(round: Pick<RoundMeta, 'caveat'>): { caveat?: RoundCaveat } {
  return round.caveat ? { caveat: round.caveat } : {};
}

/** The terms of a round's figures and boundaries in one sentence; empty when the round states none. */
export function licenceText(provenance: Pick<ProvenanceMember, 'licence' | 'boundaries'>): string {
  if (!provenance.licence) return '';
  const boundaries = provenance.boundaries ? ` Boundaries: ${provenance.boundaries.licence}` : '';
  return `Figures: ${provenance.licence}${boundaries}`;
}

/**
 * The round's provenance as CSV columns, the same value on every row. Repeated columns rather than a metadata
 * block: HXL has no block convention every tool honours (libhxl skips rows above the hashtag row, but
 * spreadsheets, pandas and DTM Atlas's own ingest expect the header on row 1), and a row filtered, sorted or
 * merged by the HXL Proxy keeps its provenance. Compressed, the repetition costs next to nothing.
 */
function provenanceColumns(
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: ShownRound,
): Array<{ header: string; hxl: string; value: string }> {
  const provenance = provenanceMember(dataset, round);
  const { title, organisation, file, sha256 } = round.source;
  return [
    { header: 'source', hxl: '#meta+source', value: `${title} (${organisation}), ${file}` },
    { header: 'credit', hxl: '#meta+credit', value: provenance.attribution },
    { header: 'licence', hxl: '#meta+licence', value: licenceText(provenance) },
    { header: 'source_sha256', hxl: '#meta+sha256', value: sha256 },
    { header: 'caveat', hxl: '#meta+caveat', value: round.caveat?.en ?? '' },
  ];
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The byte order mark that tells Excel the CSV is UTF-8 (without it, Excel reads "Ségou" as "SÃ©gou"). */
export const UTF8_BOM = '\ufeff';

/**
 * The figures of one level as CSV: a UTF-8 byte order mark, a header row, the HXL hashtag row (so HDX tools,
 * QGIS with its header and DTM Atlas's own ingest read it by hashtag), then one row per area (`rows`: place and
 * the names of every enclosing level, status, figures, change, source rows, the correction that moved its
 * figures, if any; IDPs by reason where the round splits them) and the round's source, credit, licence,
 * source-file SHA-256 and caveat. No data is an empty cell and `status = no_data`, never 0.
 */
export function figuresCsv(
  level: AdminLevel,
  rows: Iterable<AreaRow>,
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: ShownRound,
): string {
  const all = [...rows];
  const place = csvAreaColumns(level);
  // IDPs by reason (DTM feed rounds) after the change in IDPs, one column per reason the areas carry.
  const at = place.findIndex((c) => c.header === 'idps_ind_change') + 1;
  const reasons = reasonColumns(all.map((row) => row.area)).map(
    ({ header, hxl, key }): DownloadColumn => ({
      header,
      hxl,
      type: 'integer',
      description: `IDPs displaced for the reason ${key}`,
      value: (row) => row.area[key],
    }),
  );
  const cols = [...place.slice(0, at), ...reasons, ...place.slice(at)];
  const meta = provenanceColumns(dataset, round);
  const metaCells = meta.map((m) => cell(m.value));
  const lines = [
    [...cols.map((c) => c.header), ...meta.map((m) => m.header)].join(','),
    [...cols.map((c) => c.hxl), ...meta.map((m) => m.hxl)].join(','),
  ];
  for (const row of all) lines.push([...cols.map((c) => cell(c.value(row))), ...metaCells].join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** The CSV's header row and the hashtag of each column, as `figuresCsv` writes them (for the data package). */
export function csvColumns(
  level: AdminLevel,
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: ShownRound,
): Array<Pick<DownloadColumn, 'header' | 'hxl' | 'type' | 'description' | 'values'>> {
  const meta = provenanceColumns(dataset, round).map(({ header, hxl }) => ({
    header,
    hxl,
    type: 'string' as const,
    description: PROVENANCE_DESCRIPTIONS[header] ?? header,
  }));
  return [...csvAreaColumns(level), ...meta];
}

const PROVENANCE_DESCRIPTIONS: Record<string, string> = {
  source: 'Source of the figures: title, organisation, file (the same on every row)',
  credit: 'Credit line the figures and boundaries must carry',
  licence: 'Terms of the figures and of the boundaries',
  source_sha256: 'SHA-256 of the source file',
  caveat: 'Caveat of the round',
};

/**
 * A GeoJSON download of a round: the features, and as top-level (foreign) members the round, its date, its
 * provenance, its licence and its caveat, so a file passed on still says where its figures come from.
 */
export function roundFeatureCollection(
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: ShownRound,
  features: unknown[],
): Record<string, unknown> {
  const provenance = provenanceMember(dataset, round);
  return {
    type: 'FeatureCollection',
    round: round.key,
    date: round.date,
    version: round.version,
    provenance,
    licence: licenceText(provenance),
    ...caveatMember(round),
    features,
  };
}
