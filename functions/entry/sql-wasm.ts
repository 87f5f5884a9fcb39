import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/** The WebAssembly file's name, as the tiles Lambda bundle carries it beside index.mjs (infra/lib/service-functions.ts). */
export const SQL_WASM_FILE = 'sql-wasm.wasm';

let loaded: Promise<SqlJsStatic> | undefined;

/**
 * sql.js, loaded once per process. In a Lambda bundle the .wasm sits next to the bundle (esbuild does not
 * follow sql.js's own lookup, which is relative to its unbundled file); elsewhere it is resolved from
 * node_modules.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loaded ??= initSqlJs({ locateFile: () => wasmPath() }).catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

function wasmPath(): string {
  const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), SQL_WASM_FILE);
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`sql.js/dist/${SQL_WASM_FILE}`);
}
