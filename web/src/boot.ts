/**
 * The pages' first script (issue 15, "Measured": first choropleth under 5 s on a slow link). It holds no map
 * code, so it arrives and runs while maplibre-gl (about 280 KB over the wire, most of the page's bytes) is still
 * downloading, and starts at once the API answers the map starts from (catalog, rounds, the link's checks,
 * style, TileJSON), through the same `loadStartData` and `getJson` cache the atlas uses a moment later, so each
 * is asked once. What else the first choropleth waits for (the map worker, the glyphs) is asked for only once
 * the map code is in (map-code-loads.ts).
 *
 * The build (web/build/boot-script.ts) loads this chunk with its own `async` script tag, ahead of the page's
 * module graph; the pages also import it, so it runs once either way. Nothing here writes to the page or the
 * URL, and a failure is left to the atlas, which asks again and reports it.
 */
import { browserLang } from './i18n.ts';
import { loadStartData, type StartData } from './start-data.ts';
import { parseState } from './state.ts';

/** What the map starts from, for the state in the URL when the page opened. */
export const startData: Promise<StartData> = loadStartData(
  parseState(location.hash, location.search, browserLang()),
);
// Reported by the atlas, which asks again.
startData.catch(() => undefined);
