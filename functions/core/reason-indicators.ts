/**
 * IDPs by cause of displacement as map indicators: `idps_ind_reason.<reason>`, one per reason a round's
 * breakdown names (`FigureBreakdown.reason`, the DTM feed's `displacementReason`). The reason is the label
 * case folded as `core/breakdown.ts` folds it ("Natural disaster" → `natural disaster`); tiles, exports and the
 * style carry the figure under the indicator's own name, so all three agree.
 */
import { badRequest } from './errors.ts';
import { INDICATORS, type Indicator, type Language, parseIndicator } from './indicators.ts';
import type { AreaFigures } from './types.ts';

export const REASON_PREFIX = 'idps_ind_reason.';

/** IDPs displaced for one reason: `idps_ind_reason.conflict`. */
export type ReasonIndicator = `idps_ind_reason.${string}`;

/** Anything the map can be coloured by: an indicator of `indicators.ts` or IDPs by one reason. */
export type MapIndicator = Indicator | ReasonIndicator;

/** One reason a round's IDP figures are split by: its key, its label as the data spells it, its indicator. */
export interface RoundReason {
  key: string;
  label: string;
  indicator: ReasonIndicator;
  /**
   * The round's IDPs for this reason: the sum over the coarsest level whose every area with IDPs splits them by
   * reason (`withReasonTotals`); absent when no level does.
   */
  idps_ind?: number;
}

/** A reason key: lower case letters and digits first, then also spaces and light punctuation, 64 at most. */
const REASON_KEY = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N} ,'’/&()._+-]{0,63}$/u;

/** The key of a reason label: case folded as `BreakdownSum` folds it, so "Conflict" and "conflict" are one. */
export function reasonKey(label: string): string {
  return label.toLowerCase();
}

/** Whether a value names IDPs by a reason (not whether the reason is valid). */
export function isReasonIndicator(value: string): value is ReasonIndicator {
  return value.startsWith(REASON_PREFIX);
}

/** The reason key of a reason indicator; `undefined` for any other indicator. */
export function reasonOf(indicator: string): string | undefined {
  return isReasonIndicator(indicator) ? indicator.slice(REASON_PREFIX.length) : undefined;
}

/** The indicator of a reason label or key. */
export function reasonIndicator(label: string): ReasonIndicator {
  return `${REASON_PREFIX}${reasonKey(label)}`;
}

/**
 * Validates an `indicator` query value: those of `parseIndicator`, or `idps_ind_reason.<reason>` with a reason
 * key (case folded here, so `Conflict` in a link works). Whether the round has that reason is not checked: a
 * round without it answers "not reported", as for any figure it lacks.
 */
export function parseMapIndicator(value: string | undefined): MapIndicator {
  const reason = value === undefined ? undefined : reasonOf(value);
  if (reason === undefined) {
    try {
      return parseIndicator(value);
    } catch {
      throw badRequest(
        `indicator must be one of ${Object.keys(INDICATORS).join(', ')} or ${REASON_PREFIX}<reason>`,
      );
    }
  }
  const key = reasonKey(reason);
  if (!REASON_KEY.test(key)) {
    throw badRequest(
      `indicator ${REASON_PREFIX}<reason>: the reason must be 1 to 64 letters, digits, spaces or ,'/&()._+-`,
    );
  }
  return `${REASON_PREFIX}${key}`;
}

/**
 * The reasons some area of a round splits its IDPs by, sorted by label, each under the first spelling seen.
 * Reasons too odd to be a key (`parseMapIndicator` would refuse them) are left out.
 */
export function roundReasons(figures: Iterable<AreaFigures>): RoundReason[] {
  const byKey = new Map<string, RoundReason>();
  for (const figure of figures) {
    for (const part of figure.breakdown?.reason ?? []) {
      const key = reasonKey(part.label);
      if (byKey.has(key) || !REASON_KEY.test(key)) continue;
      byKey.set(key, { key, label: part.label, indicator: `${REASON_PREFIX}${key}` });
    }
  }
  return [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Adds each reason's round total (`RoundReason.idps_ind`) from the figures per level, coarsest first: the first
 * level whose every area with IDPs splits them by reason gives the totals. A level where some area does not
 * split would undercount, so it gives none.
 */
export function withReasonTotals(
  reasons: readonly RoundReason[],
  levels: ReadonlyArray<Iterable<AreaFigures>>,
): RoundReason[] {
  for (const figures of levels) {
    const totals = new Map<string, number>(reasons.map((reason) => [reason.key, 0]));
    let complete = true;
    let any = false;
    for (const figure of figures) {
      if (figure.idps_ind === undefined) continue;
      const parts = figure.breakdown?.reason;
      if (!parts) complete = false;
      for (const part of parts ?? []) {
        const key = reasonKey(part.label);
        if (totals.has(key)) totals.set(key, (totals.get(key) ?? 0) + part.idps_ind);
      }
      any = true;
    }
    if (complete && any)
      return reasons.map((reason) => ({ ...reason, idps_ind: totals.get(reason.key) ?? 0 }));
  }
  return [...reasons];
}

/**
 * An area's IDPs per reason as properties (`{ 'idps_ind_reason.conflict': 120 }`), one per reason of `reasons`.
 * Only an area whose breakdown by reason is complete has them: there a reason it does not name is 0. An area
 * without one (no figures, or rows not all naming a reason) gets none: its share is unknown, not zero.
 */
export function reasonProperties(
  figure: AreaFigures | undefined,
  reasons: readonly Pick<RoundReason, 'key' | 'indicator'>[],
): Record<string, number> {
  const parts = figure?.breakdown?.reason;
  if (!parts) return {};
  const result: Record<string, number> = {};
  for (const reason of reasons) result[reason.indicator] = 0;
  for (const part of parts) {
    const indicator = reasonIndicator(part.label);
    if (indicator in result) result[indicator] = (result[indicator] ?? 0) + part.idps_ind;
  }
  return result;
}

const REASON_TITLE = { en: 'IDPs by reason: {reason}', fr: 'PDI par motif\u202f: {reason}' };

/** An indicator's title in a language; a reason's names the reason as the data spells it (`label`). */
export function indicatorTitle(indicator: MapIndicator, lang: Language, label?: string): string {
  const reason = reasonOf(indicator);
  if (reason === undefined) return INDICATORS[indicator as Indicator][lang];
  return REASON_TITLE[lang].replace('{reason}', label ?? reason);
}
