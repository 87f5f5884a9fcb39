import type { TABLE_EN } from './table-en.ts';

/** The data table's words in French: every English key, no other (checked by the type). */
export const TABLE_FR: Record<keyof typeof TABLE_EN, string> = {
  tableCaptionAll: 'Chiffres par {level}, {round}',
  tableCaptionWithin: 'Chiffres par {level} dans {area}, {round}',
  tableCaptionNoData: 'zones sans données seulement',
  tableCaptionSorted: 'tri par {column}, ordre {direction}',
  tableCaptionSeparator: '\u202f; ',
  tableAscending: 'croissant',
  tableDescending: 'décroissant',
  tableSortHint: 'Trier par {column}',
  tableWithin: 'Zones dans {area}',
  tableWithinClear: 'effacer',
  tableWithinClearLabel: 'Effacer la sélection de {area} et montrer toutes les zones',
  tableNoDataOnly: 'Sans données seulement',
  tableNoDataOnlyHint: 'Ne montrer que les zones pour lesquelles ce round n’a pas de chiffre',
  tableTotal: 'Total',
  tableReported: '{reported} zones renseignées sur {shown}',
  tableDownload: 'Télécharger ce tableau (CSV)',
  tableDownloadHint: 'les lignes, l’ordre et les colonnes affichés, avec les hashtags HXL',
  tableStatus: '{count} zones affichées, tri par {column}, ordre {direction}',
  tableEmpty: 'Aucune zone ne correspond à ces filtres.',
  tableCsvSource: 'Source',
  tableCsvCredit: 'Crédit',
  tableCsvLicenceHeader: 'Licence',
  tableCsvLicence: 'Chiffres\u202f: {figures} Limites\u202f: {boundaries}',
  tableCsvCaveat: 'Mise en garde',
};
