import type { OFFLINE_PACK_EN } from './offline-pack-en.ts';

/** Les mots des liens du paquet hors ligne (panneau SIG). */
export const OFFLINE_PACK_FR: Record<keyof typeof OFFLINE_PACK_EN, string> = {
  packTitle: 'Paquet hors ligne',
  packHint:
    'Toutes les couches de ce round, niveaux de zoom 0 à 10, en un fichier\u202f: MBTiles pour QGIS 3.22+, QField et GDAL\u202f; PMTiles pour QGIS 3.32+ et MapLibre.',
  packMbtiles: 'MBTiles',
  packPmtiles: 'PMTiles',
  packSize: '{size}\u202fMo',
};
