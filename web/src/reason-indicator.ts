import { parseMapIndicator, reasonOf } from '../../functions/core/reason-indicators.ts';
import { FIGURE_KEYS, type FigureKey, type MapIndicator, type Round } from './api.ts';
import { el } from './dom.ts';
import { t } from './i18n.ts';

/**
 * IDPs by cause of displacement on the page: the indicator menu's "IDPs by reason" group, the indicator's name
 * wherever the page says what it shows, and reading one from a link. The reasons are the round's own
 * (`Round.reasons`, as the data spells them); the tiles and the style carry each under its indicator.
 */

export { reasonOf };

/** An indicator a link names, or `undefined` when it names none the page knows (a reason is case folded). */
export function pickIndicator(value: string | null): MapIndicator | undefined {
  if (!value) return undefined;
  try {
    return parseMapIndicator(value);
  } catch {
    return undefined;
  }
}

/** Whether the round splits its IDPs by this indicator's reason (any other indicator: true). */
export function roundHasIndicator(round: Round, indicator: MapIndicator): boolean {
  const reason = reasonOf(indicator);
  return reason === undefined || (round.reasons ?? []).some((entry) => entry.key === reason);
}

/** What the page calls an indicator: "IDPs (individuals)", "IDPs by reason: Conflict". */
export function indicatorName(indicator: MapIndicator, round: Round): string {
  const reason = reasonOf(indicator);
  if (reason === undefined)
    return t(`indicator.${indicator as Exclude<MapIndicator, `idps_ind_reason.${string}`>}`);
  const label = round.reasons?.find((entry) => entry.key === reason)?.label ?? reason;
  return t('reasonIndicator', { reason: label });
}

/** The figure a chart of totals shows for an indicator: IDPs for a change or a reason (no totals by reason). */
export function figureOf(indicator: MapIndicator): FigureKey {
  return (FIGURE_KEYS as readonly string[]).includes(indicator) ? (indicator as FigureKey) : 'idps_ind';
}

/** The menu's group of reasons the round has; `undefined` for a round without a split by reason. */
export function reasonGroup(round: Round): HTMLOptGroupElement | undefined {
  if (!round.reasons?.length) return undefined;
  const group = el('optgroup');
  group.label = t('reasonGroup');
  for (const reason of round.reasons) {
    const option = el('option', t('reasonIndicator', { reason: reason.label }));
    option.value = reason.indicator;
    group.append(option);
  }
  return group;
}

/** What a download adds for a reason indicator (", with IDPs by reason (idps_ind_reason.conflict: Conflict)"). */
export function reasonScope(indicator: MapIndicator, round: Round): string {
  const reason = reasonOf(indicator);
  if (reason === undefined || !roundHasIndicator(round, indicator)) return '';
  const label = round.reasons?.find((entry) => entry.key === reason)?.label ?? reason;
  return `, ${t('reasonDownload', { column: indicator, reason: label })}`;
}
