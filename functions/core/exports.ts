import type { TileProperties } from './area-properties.ts';
import type { AdminLevel } from './types.ts';

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
  ];
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The figures of one level as CSV: a header row, the HXL hashtag row (so HDX tools and DTM Atlas's own ingest
 * read it by hashtag), then one row per area. No data is an empty cell and `status = no_data`, never 0.
 */
export function figuresCsv(
  level: AdminLevel,
  areas: Iterable<TileProperties & { sourceRows?: number[] }>,
): string {
  const cols = columns(level);
  const lines = [cols.map((c) => c.header).join(','), cols.map((c) => c.hxl).join(',')];
  for (const area of areas)
    lines.push(cols.map((c) => cell((area as Record<string, unknown>)[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
