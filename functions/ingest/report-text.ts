import type { JoinReport } from '../core/join.ts';
import type { RoundMeta } from '../core/types.ts';

const formatter = new Intl.NumberFormat('en-GB');
const number = {
  format: (value: number | undefined) => (value === undefined ? 'n/a' : formatter.format(value)),
};

/** The join report as plain text, for the CLI and the seeding log. */
export function formatJoinReport(
  round: Pick<RoundMeta, 'dataset' | 'key' | 'source'>,
  report: JoinReport,
): string {
  const lines = [
    `Join report ${round.dataset}/${round.key} (${round.source.file}): ${report.rows} rows, ` +
      `${number.format(report.totals.idps_ind)} IDPs in ${number.format(report.totals.idps_hh)} households, ` +
      `${number.format(report.totals.returnees_ind)} returnees`,
    '  level  rows matched  unmatched  areas with data  without  IDPs placed  IDPs unplaced',
  ];
  for (const level of report.levels) {
    lines.push(
      `  adm${level.level}   ${pad(level.rowsMatched, 12)}  ${pad(level.rowsUnmatched, 9)}  ${pad(level.areasWithData, 15)}  ${pad(level.areasWithoutData, 7)}  ${pad(number.format(level.placed.idps_ind), 11)}  ${pad(number.format(level.unplaced.idps_ind ?? (level.placed.idps_ind === undefined ? undefined : 0)), 13)}`,
    );
  }
  lines.push(...factLines(report));
  for (const item of report.corrections) {
    lines.push(
      `  * row ${item.row}: adm${item.level} ${item.sourceCode} "${item.sourceName}" placed on ${item.correctedCode} by reviewed correction: ${item.reason.split('. ')[0]}.`,
    );
  }
  for (const item of report.unmatchedCodes) {
    const hint = item.suggestions.map((s) => `${s.pcode} ${s.name}`).join(' or ');
    lines.push(
      `  ! row ${item.row}: adm${item.level} code ${item.sourceCode} (${item.code}) "${item.sourceName}" matches no area; ` +
        `${number.format(item.idps_ind)} IDPs not placed at this level${hint ? `; likely ${hint}` : ''}`,
    );
  }
  // One line per distinct disagreement; the rows it occurs on are listed together.
  const grouped = new Map<string, { item: JoinReport['nameDisagreements'][number]; rows: number[] }>();
  for (const item of report.nameDisagreements) {
    const key = `${item.level}|${item.code}|${item.sourceName}`;
    const entry = grouped.get(key) ?? { item, rows: [] };
    entry.rows.push(item.row);
    grouped.set(key, entry);
  }
  for (const { item, rows } of grouped.values()) {
    const hint = item.suggestions.map((s) => `${s.pcode} ${s.name}`).join(' or ');
    lines.push(
      `  ${item.agreement === 'different' ? '!' : '~'} ${rows.length > 1 ? 'rows' : 'row'} ${rows.join(', ')}: adm${item.level} code ${item.sourceCode} is "${item.boundaryName}" ` +
        `in the boundaries, the row says "${item.sourceName}" (${item.agreement})${hint ? `; name suggests ${hint}` : ''}`,
    );
  }
  for (const item of report.parentDisagreements) {
    lines.push(
      `  ! row ${item.row}: adm${item.level} ${item.code} lies in ${item.boundaryParent} in the boundaries, the row puts it in ${item.sourceParent}`,
    );
  }
  return lines.join('\n');
}

/** How many merged areas the text lists; the JSON report has them all. */
const MERGES_LISTED = 10;

/** The stated totals checked, and the rows merged, counted once or left without a figure. */
function factLines(report: JoinReport): string[] {
  const lines: string[] = [];
  for (const check of report.statedTotals ?? []) {
    lines.push(
      `  ${check.matches ? '=' : '!'} stated total ${check.figure} ${number.format(check.stated)} (${check.statedIn}): ` +
        `rows sum to ${number.format(check.actual)}${check.matches ? ', matches' : ', DOES NOT MATCH (imported by operator override)'}`,
    );
  }
  lines.push(...feedLines(report));
  const merges = report.merges ?? [];
  for (const item of merges.slice(0, MERGES_LISTED)) {
    lines.push(
      `  + adm${item.level} ${item.code}: rows ${item.rows.join(', ')} are parts of one figure, summed`,
    );
  }
  if (merges.length > MERGES_LISTED)
    lines.push(`  + … ${merges.length - MERGES_LISTED} more areas whose figure sums several rows`);
  for (const item of report.duplicates ?? []) {
    lines.push(`  = row ${item.row} repeats row ${item.duplicateOf} (${item.code}) exactly: counted once`);
  }
  for (const item of report.blankRows ?? []) {
    lines.push(
      `  ~ row ${item.row}: adm${item.level} ${item.sourceCode} has no figure (blank or unknown): the area stays "no data"`,
    );
  }
  return lines;
}

/** How the levels of a feed agree with the national figure, and the rows of other operations skipped. */
function feedLines(report: JoinReport): string[] {
  const lines: string[] = [];
  const check = report.levelCheck;
  for (const entry of check?.levels ?? []) {
    const name = entry.level === 0 ? 'national (adm0)' : `adm${entry.level}`;
    const against = check?.against === 'national' ? 'the national figure' : 'the highest level';
    const delta = entry.difference?.idps_ind;
    const verdict = entry.difference
      ? `differs from ${against} by ${delta === undefined ? 'other figures' : `${delta > 0 ? '+' : ''}${number.format(delta)} IDPs`}`
      : `agrees with ${against}`;
    lines.push(
      `  ${entry.difference ? '!' : '='} ${name} records sum to ${number.format(entry.sum.idps_ind)} IDPs: ${verdict}`,
    );
  }
  for (const item of report.skippedOperations ?? []) {
    lines.push(
      `  - ${item.rows} rows of operation "${item.operation}" skipped (not this dataset's operation)`,
    );
  }
  for (const item of report.skippedCountries ?? []) {
    lines.push(`  - ${item.rows} rows of country ${item.country} skipped (not this dataset's country)`);
  }
  return lines;
}

function pad(value: number | string, width: number): string {
  return String(value).padStart(width);
}
