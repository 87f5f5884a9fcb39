import type { StyleSpecification } from 'maplibre-gl';

/** The glyph range of Latin script's basic letters, digits and French accents: every label's first range. */
const FIRST_RANGE = '0-255';

/** Glyph URLs already asked for by this page. */
const asked = new Set<string>();

/**
 * Asks for the first glyph range of each font the style's labels use, as MapLibre will: a tile with labels
 * reaches the screen only once its glyphs are in, and MapLibre asks for them only after the tile is parsed.
 * The answer is discarded: the browser keeps it in its HTTP cache (the glyphs are cached for a minute, here
 * and on AWS), where MapLibre finds it a moment later. Each URL is asked once per page; a failure is left to
 * MapLibre's own request to report.
 */
export function preloadGlyphs(style: StyleSpecification): void {
  if (!style.glyphs) return;
  const stacks = new Set<string>();
  for (const layer of style.layers) {
    const font = layer.type === 'symbol' ? layer.layout?.['text-font'] : undefined;
    // Only a plain list of names: an expression's fonts are known to MapLibre alone.
    if (Array.isArray(font) && font.every((name) => typeof name === 'string')) stacks.add(font.join(','));
  }
  for (const stack of stacks) {
    // Built as MapLibre builds it (GlyphManager), so that the two requests share one cache entry.
    const url = style.glyphs.replace('{fontstack}', stack).replace('{range}', FIRST_RANGE);
    if (asked.has(url)) continue;
    asked.add(url);
    fetch(url)
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
  }
}
