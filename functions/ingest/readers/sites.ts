import { InputError } from '../../core/errors.ts';
import type { ParsedSite } from '../../core/sites.ts';
import { isHashtagRow } from '../columns.ts';
import type { InputErrorLog } from '../input-log.ts';
import { readCount } from '../values.ts';
import type { SourceReader } from './reader.ts';

/**
 * Site lists (CSV or a workbook's sheet, headers or HXL): recognised by latitude and longitude columns, and
 * imported into an existing round's `sites` layer.
 */
export const siteListReader: SourceReader = {
  format: 'site-list',
  detect: (head) => head.container !== 'json' && isSiteList(head.records),
  async read({ file, head, records, log }) {
    const sites = new SiteListReader(head.records, file, log);
    const headerRows = isHashtagRow(head.records[1] ?? []) ? 2 : 1;
    let row = 0;
    for await (const cells of records) if (++row > headerRows) sites.add(row, cells);
    const content = { format: 'site-list' as const, levels: [], rounds: [] };
    const result = { ...content, sites: sites.finish() };
    log.throwIfAny();
    return result;
  },
};

type SiteField = 'id' | 'name' | 'lat' | 'lon' | 'pcode' | 'hh' | 'ind' | 'type';

const HEADERS: Record<SiteField, string[]> = {
  id: ['site_id', 'siteid', 'site id', 'ssid', 'site code'],
  name: ['site_name', 'sitename', 'site name', 'name'],
  lat: ['latitude', 'lat', 'y'],
  lon: ['longitude', 'lon', 'long', 'lng', 'x'],
  pcode: ['pcode', 'p-code', 'admin3pcode', 'admin3pcode_dtm', 'admin2pcode', 'adm3_pcode', 'adm2_pcode'],
  hh: ['households', 'idp_households', 'hh'],
  ind: ['individuals', 'idp_individuals', 'ind'],
  type: ['site_type', 'sitetype', 'site type', 'type'],
};

const HASHTAGS: Record<SiteField, string[]> = {
  id: ['#loc+code', '#loc+id'],
  name: ['#loc+name'],
  lat: ['#geo+lat'],
  lon: ['#geo+lon'],
  pcode: ['#adm3+code', '#adm2+code'],
  hh: ['#affected+hh+idps', '#affected+idps+hh'],
  ind: ['#affected+idps+ind', '#affected+ind+idps'],
  type: ['#loc+type'],
};

/** True when a table is a site list: it gives latitude and longitude. */
export function isSiteList(records: readonly string[][]): boolean {
  const columns = siteColumns(records);
  return columns.has('lat') && columns.has('lon');
}

function siteColumns(records: readonly string[][]): Map<SiteField, number> {
  const [header = [], second = []] = records;
  const hxl = isHashtagRow(second);
  const columns = new Map<SiteField, number>();
  (hxl ? second : header).forEach((cell, index) => {
    const text = hxl ? cell.trim().toLowerCase().replace(/\s+/g, '') : cell.trim().toLowerCase();
    for (const field of Object.keys(HEADERS) as SiteField[]) {
      const names = hxl ? HASHTAGS[field] : HEADERS[field];
      if (names.includes(text) && !columns.has(field)) columns.set(field, index);
    }
  });
  return columns;
}

/** Most sites one list may hold: surveyed sites of a country number in the thousands. */
export const MAX_SITES_PER_FILE = 100_000;

/**
 * Reads a site list row by row (a streamed CSV or a workbook's records): id, name, latitude, longitude,
 * P-code, households, individuals, site type. Coordinates must be numbers in range; ids must be unique;
 * counts follow the same rules as everywhere else. A bad row is recorded in the log and reading goes on.
 */
class SiteListReader {
  private readonly columns: Map<SiteField, number>;
  private readonly header: readonly string[];
  private readonly seen = new Map<string, number>();
  readonly sites: ParsedSite[] = [];
  /** Data rows read, good or bad. */
  rows = 0;

  constructor(
    head: readonly string[][],
    private readonly file: string,
    private readonly log: InputErrorLog,
  ) {
    this.columns = siteColumns(head);
    this.header = head[0] ?? [];
    for (const field of ['id', 'lat', 'lon'] as const) {
      if (!this.columns.has(field))
        throw new InputError({ file, row: 1, field: HEADERS[field][0] }, 'required column is missing');
    }
  }

  add(row: number, cells: readonly string[]): void {
    this.rows++;
    const site = this.log.check(() => this.read(row, cells));
    if (!site) return;
    if (this.sites.length >= MAX_SITES_PER_FILE) {
      throw this.log.fatal(
        new InputError(
          { file: this.file, row },
          `more than ${MAX_SITES_PER_FILE.toLocaleString('en-GB')} sites in one list; split it`,
        ),
      );
    }
    this.sites.push(site);
  }

  finish(): ParsedSite[] {
    if (this.rows === 0) throw new InputError({ file: this.file }, 'the site list has no rows');
    return this.sites;
  }

  private read(row: number, cells: readonly string[]): ParsedSite {
    const name = (field: SiteField) => this.header[this.columns.get(field) ?? -1] ?? field;
    const cell = (field: SiteField) => (cells[this.columns.get(field) ?? -1] ?? '').trim();
    const at = (field: SiteField) => ({ file: this.file, row, field: name(field) });
    const id = cell('id');
    if (!id) throw new InputError(at('id'), 'missing site id');
    const earlier = this.seen.get(id);
    if (earlier !== undefined)
      throw new InputError(at('id'), `duplicate site ${id} (first on row ${earlier})`);
    const lat = readCoordinate(cell('lat'), 90, at('lat'));
    const lon = readCoordinate(cell('lon'), 180, at('lon'));
    const site: ParsedSite = { row, id, name: cell('name') || id, lon, lat };
    const pcode = cell('pcode');
    if (pcode) site.sourceCode = pcode;
    const type = cell('type');
    if (type) site.type = type;
    const households = readCount(cell('hh'), at('hh'));
    const individuals = readCount(cell('ind'), at('ind'));
    if (households !== undefined) site.idps_hh = households;
    if (individuals !== undefined) site.idps_ind = individuals;
    if (households !== undefined && individuals !== undefined && households > individuals) {
      throw new InputError(at('hh'), `${households} households is more than ${individuals} individuals`);
    }
    // Only good rows are remembered, so memory follows the sites kept, not the rows read.
    this.seen.set(id, row);
    return site;
  }
}

function readCoordinate(
  text: string,
  limit: number,
  location: { file: string; row: number; field: string },
): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new InputError(location, `"${text}" is not a coordinate in ±${limit}`);
  }
  return value;
}
