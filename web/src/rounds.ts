import type { Round } from './api.ts';
import { formatDate, formatMonth } from './format.ts';
import { t } from './i18n.ts';

/** A round's name: "Round 72" for numbered rounds, the month ("Sept 2012") for monthly ones. */
export function roundLabel(round: Pick<Round, 'number' | 'date'>): string {
  return round.number !== undefined ? t('roundNumber', { number: round.number }) : formatMonth(round.date);
}

/** The source line under the headline figures: "IOM DTM, Round 72, 30 Sept 2021". */
export function sourceLine(round: Round): string {
  const date = formatDate(round.date);
  if (round.number === undefined) return `${round.source.organisation}, ${date}`;
  return t('sourceLine', { organisation: round.source.organisation, round: roundLabel(round), date });
}
