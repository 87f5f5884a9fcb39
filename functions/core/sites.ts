import { pickFigures } from './figures.ts';
import type { AdminLevel, AreaFigures, AreaProperties, Site, SitePrecision } from './types.ts';

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
