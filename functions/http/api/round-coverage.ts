import { hasAnyFigure } from '../../core/area-properties.ts';
import { type FinestLevel, finestLevel } from '../../core/finest-level.ts';
import type { RoundMeta } from '../../core/types.ts';
import type { DataService } from '../../service/data-service.ts';

/**
 * The finest level a round's figures are meant for (`core/finest-level.ts`), from how many areas of each level
 * of its boundary set have figures. Both reads are cached by the service (figures by round version, the
 * boundary manifest by set). Undefined when the boundaries cannot be read just now.
 */
export async function roundFinestLevel(
  data: DataService,
  round: RoundMeta,
): Promise<FinestLevel | undefined> {
  const read = await Promise.all([data.boundarySet(round.boundarySet), data.figures(round)]).catch(
    () =>
      // The boundaries live in S3, the rounds in DynamoDB: with S3 down (whatever error the SDK gives) the
      // rounds are still listed, without this derived field, rather than the whole list answering 503.
      undefined,
  );
  if (!read) return undefined;
  const [{ manifest }, figures] = read;
  const coverage = [...manifest.levels]
    .sort((a, b) => a.level - b.level)
    .map(({ level, object, count }) => {
      let reported = 0;
      for (const figure of figures.get(level)?.values() ?? []) if (hasAnyFigure(figure)) reported++;
      return { level: object, reported: Math.min(reported, count), areas: count };
    });
  return finestLevel(coverage);
}
