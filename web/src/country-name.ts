/**
 * A country's name in the page's language, from the ISO 3166-1 alpha-2 code its manifest gives (`iso2`), by
 * the browser's own names (`Intl.DisplayNames`, type `region`): no country is named in the page's code, so an
 * operator adding one changes no code. Without `iso2` (or a browser that has no name for it) the name the
 * catalog gives stands: DTM's list's name, else the ISO3 code.
 */
export function countryName(group: { name: string; iso2?: string }, lang: string): string {
  if (!group.iso2) return group.name;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }).of(group.iso2) ?? group.name;
  } catch {
    // A code Intl refuses (not two letters): the catalog's name.
    return group.name;
  }
}
