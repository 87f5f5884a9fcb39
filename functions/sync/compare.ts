import type { JoinReport } from '../core/join.ts';
import { FIGURE_KEYS, type Figures, type RoundMeta } from '../core/types.ts';
import type { CatalogReader } from '../store/ports.ts';
import type { Disagreement } from './report.ts';

/**
 * How sync marks the rounds it publishes: their source file (RoundMeta `source.file`) starts with this. A
 * round whose source is anything else (a data-folder file, an HDX download, an upload) came from another
 * source, and sync never overwrites it.
 */
export const SYNC_SOURCE_PREFIX = 'DTM API v3: ';

/** The source file name a synced round records, e.g. `DTM API v3: HTI admin0+admin1+admin2`. */
export function syncSourceFile(country: string, levels: readonly number[]): string {
  return `${SYNC_SOURCE_PREFIX}${country.toUpperCase()} ${levels.map((level) => `admin${level}`).join('+')}`;
}

export function publishedBySync(round: Pick<RoundMeta, 'source'>): boolean {
  return round.source.file.startsWith(SYNC_SOURCE_PREFIX);
}

/**
 * Where a round published from another source disagrees with what the API gives for it: the round totals and
 * every level's placed figures (the published round's join report against the API round's).
 */
export async function disagreements(
  catalog: CatalogReader,
  published: RoundMeta,
  api: { totals: Figures; report: JoinReport },
): Promise<Disagreement[]> {
  const report = await catalog.getReport(published.dataset, published.key, published.version);
  const found = compareFigures('total', published.totals, api.totals);
  const levels = new Set([
    ...(report?.levels ?? []).map((l) => l.level),
    ...api.report.levels.map((l) => l.level),
  ]);
  for (const level of [...levels].sort((a, b) => a - b)) {
    const mine = report?.levels.find((l) => l.level === level)?.placed ?? {};
    const theirs = api.report.levels.find((l) => l.level === level)?.placed ?? {};
    found.push(...compareFigures(level, mine, theirs));
  }
  return found;
}

function compareFigures(level: Disagreement['level'], published: Figures, api: Figures): Disagreement[] {
  return FIGURE_KEYS.filter((figure) => published[figure] !== api[figure]).map((figure) => ({
    level,
    figure,
    published: published[figure],
    api: api[figure],
  }));
}
