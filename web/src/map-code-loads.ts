/**
 * Run first once the page's map code has arrived (main.ts and embed.ts import it before anything that imports
 * maplibre-gl, so it runs before that code is evaluated): asks for the rest of what the first choropleth waits
 * for, to download while the map code is compiled and run and the map is created (issue 15, "Measured").
 *
 * - The MapLibre worker's script (137 KB over the wire): into the HTTP cache (hashed assets are cached as
 *   immutable), where the worker the atlas creates finds it; no tile is asked for before that worker runs.
 * - The first range of the label glyphs, once the style is known (boot.ts): no tile with labels is drawn
 *   before its glyphs are in.
 *
 * Not earlier: on a slow link they would share its bandwidth with the map code, which everything waits for.
 */
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { startData } from './boot.ts';
import { preloadGlyphs } from './glyph-preload.ts';

fetch(workerUrl)
  .then((response) => response.arrayBuffer())
  .catch(() => undefined);
startData.then(({ style }) => style && preloadGlyphs(style)).catch(() => undefined);
