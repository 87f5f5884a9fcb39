import { InputError } from '../core/errors.ts';
import type { Figures } from '../core/types.ts';
import { isHashtagRow } from './columns.ts';
import { readCount } from './values.ts';

/** A row of a site list, checked. Its P-code is as written in the source (code rules apply later). */
export interface ParsedSite extends Figures {
  row: number;
  id: string;
  name: string;
  lon: number;
  lat: number;
  sourceCode?: string;
  type?: string;
}

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

/**
 * Reads a site list: id, name, latitude, longitude, P-code, households, individuals, site type. Coordinates
 * must be numbers in range; ids must be unique; counts follow the same rules as everywhere else.
 */
export function readSiteList(records: readonly string[][], file: string): ParsedSite[] {
  const columns = siteColumns(records);
  const [header = [], second = []] = records;
  const hxl = isHashtagRow(second);
  for (const field of ['id', 'lat', 'lon'] as const) {
    if (!columns.has(field))
      throw new InputError({ file, row: 1, field: HEADERS[field][0] }, 'required column is missing');
  }
  const name = (field: SiteField) => header[columns.get(field) ?? -1] ?? field;
  const cell = (cells: string[], field: SiteField) => (cells[columns.get(field) ?? -1] ?? '').trim();
  const seen = new Map<string, number>();
  const firstRow = hxl ? 3 : 2;
  const body = records.slice(hxl ? 2 : 1);
  if (body.length === 0) throw new InputError({ file }, 'the site list has no rows');
  return body.map((cells, i) => {
    const row = firstRow + i;
    const at = (field: SiteField) => ({ file, row, field: name(field) });
    const id = cell(cells, 'id');
    if (!id) throw new InputError(at('id'), 'missing site id');
    const earlier = seen.get(id);
    if (earlier !== undefined)
      throw new InputError(at('id'), `duplicate site ${id} (first on row ${earlier})`);
    seen.set(id, row);
    const lat = readCoordinate(cell(cells, 'lat'), 90, at('lat'));
    const lon = readCoordinate(cell(cells, 'lon'), 180, at('lon'));
    const site: ParsedSite = { row, id, name: cell(cells, 'name') || id, lon, lat };
    const pcode = cell(cells, 'pcode');
    if (pcode) site.sourceCode = pcode;
    const type = cell(cells, 'type');
    if (type) site.type = type;
    const households = readCount(cell(cells, 'hh'), at('hh'));
    const individuals = readCount(cell(cells, 'ind'), at('ind'));
    if (households !== undefined) site.idps_hh = households;
    if (individuals !== undefined) site.idps_ind = individuals;
    if (households !== undefined && individuals !== undefined && households > individuals) {
      throw new InputError(at('hh'), `${households} households is more than ${individuals} individuals`);
    }
    return site;
  });
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
