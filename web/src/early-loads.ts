import * as maplibregl from 'maplibre-gl';

/**
 * What the first choropleth waits for, started before the map exists (issue 15, "Measured"): the map worker
 * (508 KB of JavaScript to fetch and compile) and the label glyphs (a tile with labels reaches the screen
 * only once its glyphs are in, and MapLibre asks for them only after the tile is parsed).
 */

/**
 * Creates MapLibre's worker now, so that it is fetched and compiled while the page asks the API for the
 * dataset, its rounds and the style, instead of after. The map created later takes this worker.
 */
export function startMapWorker(): void {
  maplibregl.prewarm();
}

/** The glyph range of Latin script's basic letters, digits and French accents: every label's first range. */
const FIRST_RANGE = '0-255';

/**
 * Asks for the first glyph range of each font the style's labels use, as MapLibre will. The answer is
 * discarded: the browser keeps it in its HTTP cache (the glyphs are cached for a minute, here and on AWS), where
 * MapLibre finds it a moment later. A failure is left to MapLibre's own request to report.
 */
export function preloadGlyphs(style: maplibregl.StyleSpecification): void {
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
    fetch(url)
      .then((response) => response.arrayBuffer())
      .catch(() => undefined);
  }
}
