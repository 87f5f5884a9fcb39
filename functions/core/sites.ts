import { type CodeRule, normaliseCode } from './dataset-manifest.ts';
import { InputError } from './errors.ts';
import { pickFigures } from './figures.ts';
import type { AreaIndex } from './join.ts';
import type { RowErrorCollector } from './source-codes.ts';
import type { AdminLevel, AreaFigures, AreaProperties, Figures, Site, SitePrecision } from './types.ts';

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

/**
 * "Assessed locations" for a round that only has area-level figures: one point per area with figures at the
 * lowest level, at the area's anchor (inside it), marked with that level as its precision, so nobody reads
 * it as a GPS position.
 */
export function deriveAssessedLocations(
  figures: readonly AreaFigures[],
  areas: ReadonlyMap<string, AreaProperties>,
  level: AdminLevel,
): Site[] {
  const sites: Site[] = [];
  for (const figure of figures) {
    if (figure.level !== level) continue;
    const area = areas.get(figure.pcode);
    if (!area?.anchor) continue;
    sites.push({
      id: `${figure.pcode}`,
      name: area.name,
      lon: area.anchor[0],
      lat: area.anchor[1],
      pcode: figure.pcode,
      type: 'assessed location',
      precision: `admin${level}` as SitePrecision,
      sourceRows: figure.sourceRows,
      ...pickFigures(figure),
    });
  }
  return sites;
}

/** Tile properties of a site: strings and numbers only, unknown figures absent. */
export function siteProperties(
  site: Site,
  round: { key: string; date: string },
): Record<string, string | number> {
  const props: Record<string, string | number> = {
    id: site.id,
    name: site.name,
    precision: site.precision,
    round: round.key,
    date: round.date,
  };
  if (site.pcode) props.pcode = site.pcode;
  if (site.type) props.type = site.type;
  for (const [key, value] of Object.entries(pickFigures(site))) props[key] = value as number;
  return props;
}

/**
 * The sites of a site list as a round stores them (`precision: 'gps'`): each P-code normalised by the
 * boundary set's code rules and refused, naming the row, when it is no area of the set. Refused sites go to
 * `errors` and are left out; the caller fails the file if there are any.
 */
export function placeSites(
  parsed: readonly ParsedSite[],
  set: { id: string; codeRules: readonly CodeRule[] },
  areas: AreaIndex,
  file: string,
  errors: RowErrorCollector,
): Site[] {
  const sites: Site[] = [];
  for (const { row, sourceCode, ...rest } of parsed) {
    const site = errors.check(() => {
      const result: Site = { ...rest, precision: 'gps', sourceRows: [row] };
      if (!sourceCode) return result;
      const code = normaliseCode(sourceCode, set.codeRules);
      if (![...areas.values()].some((level) => level.has(code))) {
        throw new InputError(
          { file, row, field: 'pcode' },
          `${sourceCode} is not an area of boundary set ${set.id}`,
        );
      }
      result.pcode = code;
      return result;
    });
    if (site) sites.push(site);
  }
  return sites;
}
