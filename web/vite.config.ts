import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bootScript } from './build/boot-script.ts';
import { labelGlyphs } from './build/glyphs-plugin.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The front end: plain TypeScript + maplibre-gl, built to web/dist and served by the same origin as the tiles.
 * Two pages: the map at `/` and the embeddable map at `/embed/` (web/embed/index.html), their boot script, plus
 * the label glyphs.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [labelGlyphs(), bootScript()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; the warning would only repeat that.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    rollupOptions: {
      input: {
        main: path.join(root, 'index.html'),
        embed: path.join(root, 'embed/index.html'),
        // The pages' first script, loaded on its own ahead of the map code (build/boot-script.ts).
        boot: path.join(root, 'src/boot.ts'),
      },
    },
  },
  server: {
    proxy: {
      '/tiles': 'http://127.0.0.1:8080',
      '/styles': 'http://127.0.0.1:8080',
      '/api': 'http://127.0.0.1:8080',
      '/qgis': 'http://127.0.0.1:8080',
      '/oembed': 'http://127.0.0.1:8080',
    },
  },
});
