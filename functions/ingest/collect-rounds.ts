import { InputError } from '../core/errors.ts';
import type { SourceRow } from '../core/join.ts';
import type { AdminLevel, Figures } from '../core/types.ts';
import { type CheckedRow, checkRow } from './check-row.ts';
import type { Field } from './columns.ts';
import { type InputErrorLog, MAX_LISTED } from './input-log.ts';
import type { DuplicateRow, ParsedRound, SourceContent } from './source.ts';

export const MAX_ROUNDS_PER_FILE = 1000;
/**
 * Rows of figures one file may keep: one per round and area (exact duplicates are counted, not kept). With
 * the rounds cap this is what bounds memory: 1000 rounds of 250 communes, or 350 rounds of Mali's 701.
 */
export const MAX_ROWS_PER_FILE = 250_000;

interface RoundGroup extends ParsedRound {
  byOperation: boolean;
  operationSlug: string;
  /** Row of each area's figures, by the area's lowest-level code. */
  seen: Map<string, number>;
  /** For sources whose exact duplicates are reported: each area's codes and figures. */
  signatures?: Map<string, string>;
}

/**
 * The stage after the readers: turns rows of values into checked rows grouped by round, one row at a time.
 * It keeps one row per (round, area) and small bookkeeping per round; bad rows go to the error log, exact
 * duplicates (where the format allows them) are counted with the first few kept as examples.
 */
export class RoundCollector {
  private readonly rounds = new Map<string, RoundGroup>();
  /** Distinct operations seen, up to two: all that matters is whether there is more than one. */
  private readonly operations = new Set<string>();
  private readonly lowest: AdminLevel;
  /** One frozen copy of each area's codes and names, shared by its rows in every round. */
  private readonly areas = new Map<string, Pick<SourceRow, 'codes' | 'names'>>();
  private readonly duplicates: DuplicateRow[] = [];
  private duplicateCount = 0;
  private kept = 0;
  /** Data rows read, good or bad. */
  rows = 0;

  /**
   * @param columnName the column a field was read from, as errors name it
   * @param duplicatesAreReported whether an exact repeat of a row is counted (API JSON) or an error (tables)
   */
  constructor(
    private readonly file: string,
    private readonly levels: AdminLevel[],
    private readonly columnName: (field: Field) => string,
    private readonly duplicatesAreReported: boolean,
    private readonly log: InputErrorLog,
  ) {
    this.lowest = levels[levels.length - 1] as AdminLevel;
  }

  /** Checks one row (`row` is its number in the source) and keeps it as its round's figures for its area. */
  add(row: number, values: Partial<Record<Field, unknown>>): void {
    this.rows++;
    const operation = String(values.operation ?? '');
    if (this.operations.size < 2) this.operations.add(operation);
    const at = (field: Field) => ({ file: this.file, row, field: this.columnName(field) });
    const checked = this.log.check(() => checkRow(values, this.levels, at));
    if (!checked) return;
    const round = this.roundOf(checked, values.operation, at);
    if (checked.date && (!round.date || checked.date > round.date)) round.date = checked.date;
    if (this.isRepeat(round, row, checked, at)) return;
    this.keep(round, row, checked);
  }

  /** The rounds found, their keys prefixed by operation when the file mixes operations. */
  finish(): Omit<SourceContent, 'format'> {
    const prefixed = this.operations.size > 1;
    return {
      levels: this.levels,
      rounds: [...this.rounds.values()].map(
        ({ seen: _seen, signatures: _signatures, byOperation, operationSlug, ...round }) =>
          byOperation && prefixed && round.key ? { ...round, key: `${operationSlug}-${round.key}` } : round,
      ),
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
    };
  }

  private roundOf(
    { key, number, byOperation }: CheckedRow,
    operation: unknown,
    at: (field: Field) => { file: string; row: number; field: string },
  ): RoundGroup {
    const operationSlug = byOperation ? slug(String(operation ?? '')) : '';
    const roundId = key === undefined ? '' : byOperation ? `${operationSlug}\u0000${key}` : key;
    let round = this.rounds.get(roundId);
    if (!round) {
      if (this.rounds.size >= MAX_ROUNDS_PER_FILE)
        throw this.log.fatal(
          new InputError(at('round'), `more than ${MAX_ROUNDS_PER_FILE} rounds in one file`),
        );
      round = {
        ...(key ? { key } : {}),
        ...(number !== undefined ? { number } : {}),
        rows: [],
        byOperation,
        operationSlug,
        seen: new Map(),
        ...(this.duplicatesAreReported ? { signatures: new Map() } : {}),
      };
      if (operation !== undefined) round.operation = String(operation);
      this.rounds.set(roundId, round);
    }
    return round;
  }

  /** True when the round already has the row's area: counted if an exact repeat that may be, else an error. */
  private isRepeat(
    round: RoundGroup,
    row: number,
    { codes, figures }: CheckedRow,
    at: (field: Field) => { file: string; row: number; field: string },
  ): boolean {
    const areaCode = codes[this.lowest] as string;
    const earlier = round.seen.get(areaCode);
    if (earlier === undefined) return false;
    if (round.signatures?.get(areaCode) === signature(codes, figures)) {
      this.duplicateCount++;
      if (this.duplicates.length < MAX_LISTED)
        this.duplicates.push({ row, duplicateOf: earlier, code: areaCode });
      return true;
    }
    this.log.add(
      new InputError(at(`adm${this.lowest}_code`), `duplicate row for ${areaCode} (first on row ${earlier})`),
    );
    return true;
  }

  private keep(round: RoundGroup, row: number, { codes, names, figures }: CheckedRow): void {
    if (this.kept >= MAX_ROWS_PER_FILE) {
      throw this.log.fatal(
        new InputError(
          { file: this.file, row },
          `more than ${MAX_ROWS_PER_FILE.toLocaleString('en-GB')} rows of figures (one per round and area) in one file; split it by round`,
        ),
      );
    }
    this.kept++;
    const area = this.area(codes, names);
    const areaCode = codes[this.lowest] as string;
    round.seen.set(area.codes[this.lowest] as string, row);
    round.signatures?.set(areaCode, signature(codes, figures));
    // `codes` is the same frozen object as `sourceCodes`: normalisation replaces it before anything could
    // change it (and a change would throw rather than reach another round's row).
    round.rows.push({ row, codes: area.codes, sourceCodes: area.codes, names: area.names, ...figures });
  }

  /** The shared codes and names of an area: a file of many rounds repeats them in every round. */
  private area(codes: SourceRow['codes'], names: SourceRow['names']): Pick<SourceRow, 'codes' | 'names'> {
    const key = this.levels.map((level) => `${codes[level]}\u0000${names[level] ?? ''}`).join('\u0001');
    let area = this.areas.get(key);
    if (!area) {
      area = { codes: Object.freeze(codes), names: Object.freeze(names) };
      this.areas.set(key, area);
    }
    return area;
  }
}

function signature(codes: SourceRow['codes'], figures: Figures): string {
  return JSON.stringify([codes, figures]);
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'operation'
  );
}
