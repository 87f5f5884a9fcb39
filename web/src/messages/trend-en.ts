/** The trend's words in English (issue 15, item 12 and "Across boundary changes"). */
export const TREND_EN = {
  trendChange: '{change} since {since}',
  trendChangeDetail: '{to} in {toDate} against {from} in {since}',
  trendNoChange: 'No earlier figure on the same ground to compare with.',
  trendLayoutChange: 'Dotted line: the boundaries changed; both layouts are shown.',
  trendPartial: 'Hollow points are not the same ground: {note}',
  trendCaveat: 'Across boundary changes: {caveat}',
} as const;
