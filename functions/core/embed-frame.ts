/** The embed's iframe as the Embed dialog and oEmbed give it: its title and its 16:10 size. */

/** The languages the iframe's title is written in (the page's languages). */
export type EmbedLang = 'en' | 'fr';

/** The size the embed code uses when nothing limits it (16:10). */
export const EMBED_SIZE = { width: 800, height: 500 } as const;

/**
 * The iframe's title, for screen readers in the partner's page, in the language the embedded map shows
 * (`lang=fr` in its hash): "Displacement map: Mali (IOM DTM), DTM Atlas" / "Carte des déplacements : Mali
 * (DTM de l’OIM), DTM Atlas". Without a dataset name (a service of several datasets and a URL naming none)
 * the title names no country.
 */
export function embedTitle(datasetName: string | undefined, lang: EmbedLang = 'en'): string {
  if (lang === 'fr')
    return `Carte des déplacements${datasetName ? ` : ${datasetName}` : ''} (DTM de l’OIM), DTM Atlas`;
  return `Displacement map${datasetName ? `: ${datasetName}` : ''} (IOM DTM), DTM Atlas`;
}

/** The language a page URL's hash (or query) names, English otherwise. */
export function embedLang(url: URL): EmbedLang {
  const named =
    new URLSearchParams(url.hash.replace(/^#/, '')).get('lang') ?? url.searchParams.get('lang') ?? 'en';
  return named === 'fr' ? 'fr' : 'en';
}

/**
 * The largest 16:10 size within `maxWidth` × `maxHeight` (oEmbed's `maxwidth`/`maxheight`: the answer must not
 * exceed either), at most 800 × 500. `maxwidth=400` gives 400 × 250; `maxheight=200` gives 320 × 200.
 */
export function embedSize(maxWidth?: number, maxHeight?: number): { width: number; height: number } {
  const { width: fullWidth, height: fullHeight } = EMBED_SIZE;
  let width: number = fullWidth;
  if (maxWidth !== undefined) width = Math.min(width, maxWidth);
  if (maxHeight !== undefined) width = Math.min(width, Math.floor((maxHeight * fullWidth) / fullHeight));
  width = Math.max(1, width);
  return { width, height: Math.max(1, Math.floor((width * fullHeight) / fullWidth)) };
}
