import { type RoundReason, roundReasons, withReasonTotals } from '../../core/reason-indicators.ts';
import type { RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';

/**
 * The reasons a round's IDP figures split by (`core/reason-indicators.ts`), for the rounds list: the map offers
 * "IDPs by reason" only for these. Figures are cached by round version. Empty when the round has no split or
 * its figures cannot be read just now (the list then offers no reason, rather than failing).
 */
export async function roundReasonList(data: DataService, round: RoundMeta): Promise<RoundReason[]> {
  const figures = await data.figures(round).catch(() => undefined);
  if (!figures) return [];
  const levels = [...figures.entries()].sort(([a], [b]) => a - b).map(([, level]) => [...level.values()]);
  return withReasonTotals(roundReasons(levels.flat()), levels);
}
