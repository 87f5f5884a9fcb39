/** The embed's iframe as the Embed builder and oEmbed give it: its title, size and markup. */
import { DEFAULT_RATIO, type Ratio } from './embed-options.ts';

/** The languages the iframe's title is written in (the page's languages). */
export type EmbedLang = 'en' | 'fr';

/** The size the embed code uses when nothing limits it (16:10; other shapes keep the width). */
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
 * The largest box of `ratio` (default 16:10) within `maxWidth` × `maxHeight` (oEmbed's `maxwidth`/`maxheight`:
 * the answer must not exceed either), at most 800 px wide. 16:10: `maxwidth=400` gives 400 × 250,
 * `maxheight=200` gives 320 × 200; 4:3 with nothing asked gives 800 × 600.
 */
export function embedSize(
  maxWidth?: number,
  maxHeight?: number,
  ratio: Ratio = DEFAULT_RATIO,
): { width: number; height: number } {
  let width: number = EMBED_SIZE.width;
  if (maxWidth !== undefined) width = Math.min(width, maxWidth);
  if (maxHeight !== undefined) width = Math.min(width, Math.floor((maxHeight * ratio.width) / ratio.height));
  width = Math.max(1, width);
  // Rounding cannot exceed maxHeight: width × h / w is at most maxHeight, a whole number.
  return { width, height: Math.max(1, Math.round((width * ratio.height) / ratio.width)) };
}

/** What an iframe's markup needs: its address, title, size, and whether the box scales with the page. */
export interface FrameMarkup {
  src: string;
  title: string;
  width: number;
  height: number;
  /** Responsive: a box of the frame's shape, up to `width` wide; fixed: an iframe of exactly that size. */
  responsive: boolean;
}

/**
 * The code a partner pastes (the Embed builder's and oEmbed's): a responsive box holding the iframe
 * (`aspect-ratio`, up to `width` px wide), or an iframe of fixed `width` × `height`. Attributes escaped.
 */
export function frameHtml(frame: FrameMarkup): string {
  const common = `src="${escapeAttribute(frame.src)}" title="${escapeAttribute(frame.title)}" loading="lazy" allow="fullscreen"`;
  if (!frame.responsive)
    return `<iframe ${common} width="${frame.width}" height="${frame.height}" style="border:0"></iframe>`;
  return (
    `<div style="position:relative;width:100%;max-width:${frame.width}px;aspect-ratio:${frame.width}/${frame.height}">` +
    `<iframe ${common} style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe></div>`
  );
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
