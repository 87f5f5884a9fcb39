/** Words of the cause-of-displacement indicators and IDMC's context figure (English). */
export const REASON_EN = {
  reasonGroup: 'IDPs by reason',
  reasonIndicator: 'IDPs by reason: {reason}',
  reasonTrend: 'The trend shows all IDPs: rounds are not totalled by reason.',
  reasonDownload: 'with IDPs by reason ({column}: {reason})',
  notFoundIndicator:
    'This link names “{indicator}”, which {round} does not split its IDPs by: the map shows IDPs.',
  contextLabel: 'IDMC estimate, {year}',
  contextNote:
    'Different source and method: IDMC’s total internal displacement (stock) for {scope}, year end.',
  contextCredit: 'Source: {publisher}, ',
} as const;
