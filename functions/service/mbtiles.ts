import type { SqlJsStatic } from 'sql.js';

/** A tile for the archive: coordinates in the XYZ scheme (as served) and its gzipped MVT bytes. */
export interface PackTile {
  z: number;
  x: number;
  y: number;
  gzip: Uint8Array;
}

/**
 * An MBTiles 1.3 file of vector tiles in memory (SQLite through sql.js, WebAssembly, so the Lambda bundle
 * carries no native module): the standard `metadata` and `tiles` tables, rows in the TMS scheme (y counted
 * from the south, the spec's one difference from the served XYZ tiles), tile data gzipped MVT (`format=pbf`,
 * as GDAL, QGIS and tile servers expect). `metadata` holds name/value text pairs as given (`json` with
 * `vector_layers` among them).
 */
export function writeMbtiles(
  sql: SqlJsStatic,
  tiles: Iterable<PackTile>,
  metadata: Readonly<Record<string, string>>,
): Uint8Array {
  const db = new sql.Database();
  try {
    db.run(
      'CREATE TABLE metadata (name TEXT, value TEXT);' +
        'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);' +
        'CREATE UNIQUE INDEX name ON metadata (name);' +
        'CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);',
    );
    db.run('BEGIN');
    const putMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    for (const [name, value] of Object.entries(metadata)) putMeta.run([name, value]);
    putMeta.free();
    const putTile = db.prepare(
      'INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)',
    );
    for (const tile of tiles) putTile.run([tile.z, tile.x, 2 ** tile.z - 1 - tile.y, tile.gzip]);
    putTile.free();
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
