import type { Plugin } from 'vite';
import { buildGlyphRanges, FONTSTACK, type GlyphRange } from './glyph-ranges.ts';

/**
 * Vite plugin: writes the label glyphs to `dist/fonts/Noto Sans Regular/{range}.pbf`, so the service serves
 * the `glyphs` URL of its styles from its own origin (the local server's static files, the web bucket behind
 * CloudFront), and serves them from memory under `vite dev`.
 */
export function labelGlyphs(): Plugin {
  let ranges: Promise<GlyphRange[]> | undefined;
  const build = () => {
    ranges ??= buildGlyphRanges();
    return ranges;
  };
  return {
    name: 'dtm-atlas-label-glyphs',
    async generateBundle() {
      for (const { range, bytes } of await build()) {
        this.emitFile({ type: 'asset', fileName: `fonts/${FONTSTACK}/${range}.pbf`, source: bytes });
      }
    },
    configureServer(server) {
      server.middlewares.use(async (request, response, next) => {
        const match = /^\/fonts\/([^/]+)\/(\d+-\d+)\.pbf$/.exec(request.url ?? '');
        if (!match || decodeURIComponent(match[1] ?? '') !== FONTSTACK) return next();
        const found = (await build()).find((entry) => entry.range === match[2]);
        if (!found) return next();
        response.setHeader('Content-Type', 'application/protobuf');
        response.end(found.bytes);
      });
    },
  };
}
