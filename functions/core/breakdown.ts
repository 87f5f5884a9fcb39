import type { SourceRow } from './join.ts';
import type { FigureBreakdown, FigurePart } from './types.ts';

type Dimension = 'reason' | 'assessmentType';
const DIMENSIONS: readonly Dimension[] = ['reason', 'assessmentType'];

/** The parts of one area's IDP figure as its rows arrive; `result()` gives what is kept (see `FigureBreakdown`). */
export class BreakdownSum {
  private readonly parts: Record<Dimension, Map<string, FigurePart>> = {
    reason: new Map(),
    assessmentType: new Map(),
  };
  /** Dimensions some part of the figure did not name: their lists would not add up to it. */
  private readonly incomplete = new Set<Dimension | 'sex'>();
  private sex = { males: 0, females: 0 };
  private total = 0;
  private rows = 0;

  /** Adds one row placed on the area. Only rows giving IDPs are parts of the IDP figure. */
  add(row: SourceRow): void {
    const idps = row.idps_ind;
    if (idps === undefined) return;
    this.total += idps;
    this.rows++;
    for (const dimension of DIMENSIONS) {
      const label = row.part?.[dimension];
      if (label === undefined) {
        this.incomplete.add(dimension);
        continue;
      }
      // Case differences are one part, under the first spelling seen.
      const key = label.toLowerCase();
      const part = this.parts[dimension].get(key) ?? { label, idps_ind: 0 };
      part.idps_ind += idps;
      this.parts[dimension].set(key, part);
    }
    const { males, females } = row.part ?? {};
    if (males === undefined || females === undefined) this.incomplete.add('sex');
    else this.sex = { males: this.sex.males + males, females: this.sex.females + females };
  }

  /** The breakdown, or `undefined` when no dimension covers the whole figure. */
  result(): FigureBreakdown | undefined {
    if (this.rows === 0) return undefined;
    const breakdown: FigureBreakdown = {};
    for (const dimension of DIMENSIONS) {
      if (this.incomplete.has(dimension)) continue;
      breakdown[dimension] = [...this.parts[dimension].values()].sort((a, b) =>
        a.label.localeCompare(b.label),
      );
    }
    // DTM's counts by sex do not always add up to its total: kept only when they do.
    if (!this.incomplete.has('sex') && this.sex.males + this.sex.females === this.total)
      breakdown.sex = { ...this.sex };
    return Object.keys(breakdown).length > 0 ? breakdown : undefined;
  }
}
