import type { COMPARE_EN } from './compare-en.ts';

/** Compare mode's words in French: every English key, no other (checked by the type). */
export const COMPARE_FR: Record<keyof typeof COMPARE_EN, string> = {
  compareLabel: 'Comparer avec…',
  compareNone: 'Pas de comparaison',
  compareNoOther: 'Aucun autre round sur ces limites',
  compareStop: 'Arrêter la comparaison',
  compareTitle: '{figure}\u202f: évolution',
  compareRounds: '{earlier} → {later}',
  compareTotals: '{earlier}\u202f: {before} → {later}\u202f: {after}',
  compareDifference: 'différence {diff}',
  compareDifferenceLabel: 'Différence',
  compareNoChange: 'Pas de changement',
  compareMissing: 'Pas de chiffre dans l’un des deux rounds',
  compareLoading: 'Chargement de la comparaison…',
  compareUnknown:
    'Il n’y a pas de round «\u202f{round}\u202f» à comparer\u202f: la carte montre le round seul.',
  compareOtherBoundaries:
    '{round} est sur d’autres limites et ne peut pas être comparé au round affiché\u202f: la carte montre le round seul.',
  compareSame: 'Un round ne peut pas être comparé à lui-même\u202f: la carte montre le round seul.',
  compareLoadError: 'La comparaison n’a pas pu être chargée\u202f: {message}',
  compareAreaTitle: 'Comparaison\u202f: {rounds}',
  compareMapLabel: 'Carte de l’évolution des {figure} de {earlier} à {later}, par {level}',
  compareLayoutRound: '{round} (limites de {year})',
  compareCrossedNote:
    'Des rounds sur deux découpages se comparent par {level} seulement. Les totaux nationaux couvrent le même territoire dans les deux.',
  compareNotSame: 'Pas le même territoire dans les deux découpages (pas de variation tracée)',
  compareNotSameRow: 'Pas le même territoire',
  compareNotSameNote: 'Pas le même territoire\u202f: {note}',
  compareTakenFrom: 'D’après {areas} dans {round}',
  compareCaveat: 'D’un découpage à l’autre\u202f: {caveat}',
};
