import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json, package-lock.json and cdk.json live). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Lambda entry files. Each exports `handler`; NodejsFunction bundles them with esbuild. */
export const LAMBDA_ENTRIES = {
  tiles: path.join(REPO_ROOT, 'functions/entry/tiles-lambda.ts'),
  api: path.join(REPO_ROOT, 'functions/entry/api-lambda.ts'),
  ingest: path.join(REPO_ROOT, 'functions/entry/ingest-lambda.ts'),
  sync: path.join(REPO_ROOT, 'functions/entry/sync-lambda.ts'),
} as const;

/** Where `npm run build:web` writes the MapLibre front end. */
export const WEB_DIST = path.join(REPO_ROOT, 'web/dist');

/** The lockfile NodejsFunction uses to find the project root and to hash dependencies. */
export const LOCKFILE = path.join(REPO_ROOT, 'package-lock.json');

/** sql.js's WebAssembly, copied beside the tiles bundle for the offline packs' MBTiles. */
export const SQL_WASM = path.join(REPO_ROOT, 'node_modules/sql.js/dist/sql-wasm.wasm');

/**
 * resvg's WebAssembly and the thumbnails' fonts (Noto Sans regular and bold, Latin, OFL-1.1), copied beside the
 * tiles and api bundles: oEmbed's thumbnails (functions/entry/thumbnail-assets.ts loads them from there).
 */
export const THUMBNAIL_ASSETS = [
  path.join(REPO_ROOT, 'node_modules/@resvg/resvg-wasm/index_bg.wasm'),
  path.join(REPO_ROOT, 'node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
  path.join(REPO_ROOT, 'node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff'),
] as const;
