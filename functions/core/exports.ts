import type { ProvenanceMember, RoundCaveat } from './api-types.ts';
import type { TileProperties } from './area-properties.ts';
import { creditLine } from './provenance.ts';
import { reasonColumns } from './reason-columns.ts';
import type { AdminLevel, AppliedCorrection, AreaFigures, DatasetMeta, RoundMeta } from './types.ts';

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

/** Which reviewed corrections moved an area's figures: source code and name, new code, reason. */
export function correctionText(corrections: readonly AppliedCorrection[] | undefined): string | undefined {
  if (!corrections?.length) return undefined;
  return corrections
    .map((c) => `row ${c.row}: ${c.sourceCode} "${c.sourceName}" read as ${c.correctedCode} (${c.reason})`)
    .join(' | ');
}

/** Columns of the figures CSV, with the HXL hashtag of each (level-specific for codes and names). */
function columns(level: AdminLevel): Array<{ header: string; hxl: string; key: string }> {
  return [
    { header: 'pcode', hxl: `#adm${level}+code`, key: 'pcode' },
    { header: 'name', hxl: `#adm${level}+name`, key: 'name' },
    ...(level > 1 ? [{ header: 'parent_pcode', hxl: `#adm${level - 1}+code`, key: 'parent' }] : []),
    { header: 'status', hxl: '#status', key: 'status' },
    { header: 'idps_ind', hxl: '#affected+idps+ind', key: 'idps_ind' },
    { header: 'idps_hh', hxl: '#affected+hh+idps', key: 'idps_hh' },
    { header: 'returnees_ind', hxl: '#affected+returnees+ind', key: 'returnees_ind' },
    { header: 'returnees_hh', hxl: '#affected+hh+returnees', key: 'returnees_hh' },
    { header: 'idps_ind_change', hxl: '#affected+idps+ind+change', key: 'idps_ind_change' },
    { header: 'round', hxl: '#round+code', key: 'round' },
    { header: 'date', hxl: '#date+reported', key: 'date' },
    { header: 'source_rows', hxl: '#meta+source+rows', key: 'sourceRows' },
    { header: 'correction', hxl: '#meta+correction', key: 'correction' },
  ];
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

/**
 * The figures of one level as CSV: a header row, the HXL hashtag row (so HDX tools and DTM Atlas's own ingest
 * read it by hashtag), then one row per area (`areas`, figures joined), each with its source rows and the
 * correction that moved its figures, if any (from `figures`), and the round's source, credit, licence,
 * source-file SHA-256 and caveat, and IDPs by reason where the round splits them. No data is an empty cell and
 * `status = no_data`, never 0.
 */
export function figuresCsv(
  level: AdminLevel,
  areas: Iterable<TileProperties>,
  figures: ReadonlyMap<string, Pick<AreaFigures, 'sourceRows' | 'corrections'>>,
  dataset: Pick<DatasetMeta, 'attribution'>,
  round: ShownRound,
): string {
  const rows = [...areas];
  const all = columns(level);
  // IDPs by reason (DTM feed rounds) after the change in IDPs, one column per reason the areas carry.
  const at = all.findIndex((c) => c.key === 'idps_ind_change') + 1;
  const cols = [...all.slice(0, at), ...reasonColumns(rows), ...all.slice(at)];
  const meta = provenanceColumns(dataset, round);
  const metaCells = meta.map((m) => cell(m.value));
  const lines = [
    [...cols.map((c) => c.header), ...meta.map((m) => m.header)].join(','),
    [...cols.map((c) => c.hxl), ...meta.map((m) => m.hxl)].join(','),
  ];
  for (const area of rows) {
    const figure = figures.get(String(area.pcode));
    const row: Record<string, unknown> = {
      ...area,
      sourceRows: figure?.sourceRows,
      correction: correctionText(figure?.corrections),
    };
    lines.push([...cols.map((c) => cell(row[c.key])), ...metaCells].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

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
