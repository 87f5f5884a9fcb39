import type { TileJson } from './tilejson.ts';

/** The two archive formats of an offline pack, as their URLs end. */
export const PACK_FORMATS = ['pmtiles', 'mbtiles'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

/** Where a built pack is kept in the data bucket: one object per round and data version. */
export function packKey(dataset: string, roundKey: string, dataVersion: string, format: PackFormat): string {
  return `packs/${dataset}/${roundKey}/${dataVersion}.${format}`;
}

/** The file name a pack downloads as. */
export function packFileName(dataset: string, roundKey: string, format: PackFormat): string {
  return `dtm-atlas-${dataset}-${roundKey}.${format}`;
}

/**
 * The TileJSON-equivalent description of a pack, as PMTiles' JSON metadata (spec chapter 5: `vector_layers`,
 * name, description, attribution, type, version) plus what a reader needs offline: the zoom range, bounds,
 * centre, and the data version the tiles were cut from (`data_version`, the `?v=` of the served tiles).
 */
export function pmtilesMetadata(tilejson: TileJson, dataVersion: string): Record<string, unknown> {
  return {
    name: tilejson.name,
    description: tilejson.description,
    attribution: tilejson.attribution,
    type: 'overlay',
    version: tilejson.version,
    format: 'pbf',
    minzoom: tilejson.minzoom,
    maxzoom: tilejson.maxzoom,
    bounds: tilejson.bounds,
    center: tilejson.center,
    data_version: dataVersion,
    vector_layers: tilejson.vector_layers,
  };
}

/**
 * The MBTiles 1.3 `metadata` rows: text values, bounds and centre comma-separated, `format=pbf`, the vector
 * layers in the `json` row. QGIS does not read a style from MBTiles metadata (it takes a style from the
 * connection's `styleUrl` or a .qml beside the file), so the QGIS-flavoured MapLibre style is kept under a
 * custom `style` row for a user to extract and load (docs/offline.md).
 */
export function mbtilesMetadata(
  tilejson: TileJson,
  dataVersion: string,
  style: Record<string, unknown>,
): Record<string, string> {
  return {
    name: tilejson.name,
    description: tilejson.description,
    attribution: tilejson.attribution,
    type: 'overlay',
    version: tilejson.version,
    format: 'pbf',
    minzoom: String(tilejson.minzoom),
    maxzoom: String(tilejson.maxzoom),
    bounds: tilejson.bounds.join(','),
    center: tilejson.center.join(','),
    data_version: dataVersion,
    json: JSON.stringify({ vector_layers: tilejson.vector_layers.map(integerFigures) }),
    style: JSON.stringify(style),
  };
}

/**
 * A vector layer with its numeric fields typed `Integer`, GDAL's extension to TileJSON's `Number` (which its
 * MBTiles driver reads as Real): every number the tiles carry is a count of people or households, or a
 * difference of counts.
 */
function integerFigures(layer: TileJson['vector_layers'][number]): TileJson['vector_layers'][number] {
  const fields = Object.fromEntries(
    Object.entries(layer.fields).map(([name, type]) => [name, type === 'Number' ? 'Integer' : type]),
  );
  return { ...layer, fields };
}
