import { conflict } from '../core/errors.ts';
import {
  type AdminLevel,
  type AppliedCorrection,
  type AreaFigures,
  FIGURE_KEYS,
  type FigureBreakdown,
  type RoundMeta,
} from '../core/types.ts';

/**
 * A figure as every catalog gives it back: the fields of `AreaFigures` only, whatever else the stored item
 * carried, so each implementation of the port answers with the same shape.
 */
export function figureFromItem(item: Record<string, unknown>): AreaFigures {
  const figure: AreaFigures = {
    pcode: item.pcode as string,
    level: item.level as AdminLevel,
    sourceRows: (item.sourceRows as number[]) ?? [],
  };
  for (const key of FIGURE_KEYS) if (typeof item[key] === 'number') figure[key] = item[key] as number;
  if (Array.isArray(item.corrections)) figure.corrections = item.corrections as AppliedCorrection[];
  if (item.breakdown && typeof item.breakdown === 'object')
    figure.breakdown = item.breakdown as FigureBreakdown;
  return figure;
}

/** What `publish` throws, in every catalog, when another import changed the round since it was read. */
export function publishConflict(round: RoundMeta) {
  return conflict(`round ${round.dataset}/${round.key} was changed by another import; nothing was published`);
}
