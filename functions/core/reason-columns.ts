import type { TileProperties } from './area-properties.ts';
import { REASON_PREFIX } from './reason-indicators.ts';

/**
 * The CSV columns of IDPs by reason, one per `idps_ind_reason.<reason>` property some area carries, sorted:
 * headed by the indicator's name (as the map's style and tiles call it) and tagged
 * `#affected+idps+ind+reason_<reason>` (HXL attributes are `[a-z0-9_]`). DTM Atlas's own ingest reads only
 * hashtags with exactly a field's attributes, so these columns are never read back as the IDP total.
 */
export function reasonColumns(
  areas: readonly TileProperties[],
): Array<{ header: string; hxl: string; key: string }> {
  const keys = new Set<string>();
  for (const area of areas)
    for (const key of Object.keys(area)) if (key.startsWith(REASON_PREFIX)) keys.add(key);
  return [...keys].sort().map((key) => ({
    header: key,
    hxl: `#affected+idps+ind+reason_${key.slice(REASON_PREFIX.length).replace(/[^a-z0-9]+/g, '_')}`,
    key,
  }));
}
