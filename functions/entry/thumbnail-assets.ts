import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RasteriserAssets } from '../service/rasterise.ts';

/** resvg's WebAssembly file, under its package's own name (the Lambda bundles carry it beside index.mjs). */
export const RESVG_WASM_FILE = 'index_bg.wasm';

/**
 * The thumbnails' fonts: Noto Sans regular and bold, Latin subset (French accents, « », the narrow no-break
 * space, – and …), from @fontsource/noto-sans (SIL Open Font License 1.1), the map's own label font. WOFF
 * 1.0, about 17 KB each; functions/service/woff.ts unwraps them for resvg.
 */
export const THUMBNAIL_FONT_FILES = [
  'noto-sans-latin-400-normal.woff',
  'noto-sans-latin-700-normal.woff',
] as const;

/** Where each file is in node_modules, when it is not beside the bundle. */
const PACKAGE_PATHS: Record<string, string> = {
  [RESVG_WASM_FILE]: `@resvg/resvg-wasm/${RESVG_WASM_FILE}`,
  ...Object.fromEntries(THUMBNAIL_FONT_FILES.map((file) => [file, `@fontsource/noto-sans/files/${file}`])),
};

/**
 * Reads resvg's WebAssembly and the fonts, the same way everywhere: in a Lambda bundle they sit next to it
 * (infra/lib/service-functions.ts copies them there; esbuild bundles only JavaScript); elsewhere (the local
 * server, tests) they are resolved from node_modules. Rejects where one is missing: thumbnails then answer 501.
 */
export async function loadThumbnailAssets(): Promise<RasteriserAssets> {
  const [wasm, ...fonts] = await Promise.all(
    [RESVG_WASM_FILE, ...THUMBNAIL_FONT_FILES].map((file) => readFile(assetPath(file))),
  );
  return { wasm: wasm as Buffer, fonts };
}

function assetPath(file: string): string {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), file);
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(PACKAGE_PATHS[file] as string);
}
