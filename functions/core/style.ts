import type { StyleInput } from './style-layers.ts';
import { buildQgisStyle } from './style-qgis.ts';
import { buildWebStyle } from './style-web.ts';

export { LABEL_FONT, type Legend, type StyleInput } from './style-layers.ts';

/**
 * A MapLibre style for one round and indicator: one fill layer per admin level (switching with zoom at
 * `DISPLAY_ZOOMS`), classes with "no data" and "zero" as colours of their own, borders, labels when a glyph
 * URL is given (the glyphs are served by the service itself, so the style needs nothing from elsewhere and
 * works offline), and the sites. No sprites. `flavor: 'qgis'` gives the style QGIS's converter renders
 * (`buildQgisStyle`); anything else the web one (`buildWebStyle`).
 */
export function buildStyle(input: StyleInput): Record<string, unknown> {
  return input.flavor === 'qgis' ? buildQgisStyle(input) : buildWebStyle(input);
}
