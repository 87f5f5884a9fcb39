/** Words of the offline pack links in the For-GIS panel (issue 16). */
export const OFFLINE_PACK_EN = {
  packTitle: 'Offline pack',
  packHint:
    'Every layer of this round, zooms 0–10, in one file: MBTiles for QGIS 3.22+, QField and GDAL; PMTiles for QGIS 3.32+ and MapLibre.',
  packMbtiles: 'MBTiles',
  packPmtiles: 'PMTiles',
  packSize: '{size} MB',
} as const;
