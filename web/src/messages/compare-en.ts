/** Compare mode's words in English (compare-*.ts). */
export const COMPARE_EN = {
  compareLabel: 'Compare with…',
  compareNone: 'No comparison',
  compareNoOther: 'No other round on these boundaries',
  compareStop: 'Stop comparing',
  compareTitle: '{figure}: change',
  compareRounds: '{earlier} → {later}',
  compareTotals: '{earlier}: {before} → {later}: {after}',
  compareDifference: 'difference {diff}',
  compareDifferenceLabel: 'Difference',
  compareNoChange: 'No change',
  compareMissing: 'No figure in one of the two rounds',
  compareLoading: 'Loading the comparison…',
  compareUnknown: 'There is no round “{round}” to compare with: the map shows the round alone.',
  compareOtherBoundaries:
    '{round} is on other boundaries and cannot be compared with the round shown: the map shows the round alone.',
  compareSame: 'A round cannot be compared with itself: the map shows the round alone.',
  compareLoadError: 'The comparison could not be loaded: {message}',
  compareAreaTitle: 'Compared: {rounds}',
  compareMapLabel: 'Map of the change in {figure} from {earlier} to {later}, by {level}',
  // Across a crosswalk (compare-crosswalk*.ts): rounds on another boundary layout, compared at one level.
  compareLayoutRound: '{round} ({year} boundaries)',
  compareCrossedNote:
    'Rounds on two boundary layouts compare by {level} only. National totals cover the same ground in both.',
  compareNotSame: 'Not the same ground in both layouts (no change drawn)',
  compareNotSameRow: 'Not the same ground',
  compareNotSameNote: 'Not the same ground: {note}',
  compareTakenFrom: 'From {areas} in {round}',
  compareCaveat: 'Across boundary layouts: {caveat}',
} as const;
