import type { DOWNLOADS_EN } from './downloads-en.ts';

/** The downloads set in French: every English key, no other (checked by the type). */
export const DOWNLOADS_FR: Record<keyof typeof DOWNLOADS_EN, string> = {
  downloadXlsx: 'Chiffres en Excel (XLSX, avec une feuille des sources)',
  downloadDatapackage: 'Ce que contient chaque fichier (datapackage.json)',
  downloadDatapackageScope: 'tous les niveaux, {round}',
};
