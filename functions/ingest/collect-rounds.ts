import { InputError } from '../core/errors.ts';
import type { SkippedOperation, SourceRow } from '../core/join.ts';
import type { RowPart } from '../core/row-facts.ts';
import type { AdminLevel } from '../core/types.ts';
import { type CheckedRow, checkPart, checkRow } from './check-row.ts';
import type { Field } from './columns.ts';
import type { InputErrorLog } from './input-log.ts';
import type { ParsedRound, SourceContent } from './source.ts';

export const MAX_ROUNDS_PER_FILE = 1000;
/**
 * Rows of figures one file may keep (every checked row, repeats included: they are judged after the codes
 * are normalised, in core/row-facts.ts). With the rounds cap this is what bounds memory: 1000 rounds of 250
 * communes, or 350 rounds of Mali's 701.
 */
export const MAX_ROWS_PER_FILE = 250_000;

/** What a collector keeps besides the rows' own checks. */
export interface CollectorOptions {
  /**
   * The dataset's DTM operation: rows naming another are skipped before any check and counted by operation
   * (`SourceContent.skippedOperations`); rows naming none are kept.
   */
  operation?: string | undefined;
}

interface RoundGroup extends ParsedRound {
  byOperation: boolean;
  operationSlug: string;
}

/**
 * The stage after the readers: turns rows of values into checked rows grouped by round, one row at a time.
 * Bad rows go to the error log. Repeated areas are not judged here: whether two rows name one area is known
 * only after the boundary set's code rules (`MLI040626`, `mli040626` and `ML040626` are one commune), so
 * core/row-facts.ts does it when planning each round.
 */
export class RoundCollector {
  private readonly rounds = new Map<string, RoundGroup>();
  /** Distinct operations seen, up to two: all that matters is whether there is more than one. */
  private readonly operations = new Set<string>();
  /** One frozen copy of each area's codes and names, shared by its rows in every round. */
  private readonly areas = new Map<string, Pick<SourceRow, 'codes' | 'names'>>();
  private kept = 0;
  /** Rows of other operations than `options.operation`, by the operation's name as first written. */
  private readonly skipped = new Map<string, SkippedOperation>();
  /** Data rows read, good or bad. */
  rows = 0;

  /**
   * @param columnName the column a field was read from, as errors name it
   * @param byFact whether rows are parts of their area's figure, keyed by reason, assessment type and origin
   *   (DTM API v3 and any source with those fields) rather than one row per area
   */
  constructor(
    private readonly file: string,
    private readonly levels: AdminLevel[],
    private readonly columnName: (field: Field) => string,
    private readonly byFact: boolean,
    private readonly log: InputErrorLog,
    private readonly options: CollectorOptions = {},
  ) {}

  /**
   * Checks one row (`row` is its number in the source) and keeps it in its round. `levels`: the levels this
   * row gives codes for, when rows of one source differ (a file of admin 0, 1 and 2 records), by default
   * all; a function is asked only for a row of the dataset's operation, and may throw an `InputError`.
   */
  add(
    row: number,
    values: Partial<Record<Field, unknown>>,
    levels: readonly AdminLevel[] | (() => readonly AdminLevel[]) = this.levels,
  ): void {
    this.rows++;
    const operation = String(values.operation ?? '');
    if (this.skip(operation)) return;
    if (this.operations.size < 2) this.operations.add(operation);
    const at = (field: Field) => ({ file: this.file, row, field: this.columnName(field) });
    const checked = this.log.check(() => {
      const checked = checkRow(values, typeof levels === 'function' ? levels() : levels, at);
      return this.byFact ? { ...checked, part: checkPart(values, checked.date, at) } : checked;
    });
    if (!checked) return;
    const round = this.roundOf(checked, values.operation, at);
    if (checked.date && (!round.date || checked.date > round.date)) round.date = checked.date;
    this.keep(round, row, checked);
  }

  /** The rounds found, their keys prefixed by operation when the file mixes operations. */
  finish(): Omit<SourceContent, 'format'> {
    const prefixed = this.operations.size > 1;
    const codeColumns: SourceContent['codeColumns'] = {};
    for (const level of this.levels) codeColumns[level] = this.columnName(`adm${level}_code`);
    return {
      levels: this.levels,
      codeColumns,
      ...(this.options.operation !== undefined ? { skippedOperations: [...this.skipped.values()] } : {}),
      rounds: [...this.rounds.values()].map(({ byOperation, operationSlug, ...round }) =>
        byOperation && prefixed && round.key ? { ...round, key: `${operationSlug}-${round.key}` } : round,
      ),
    };
  }

  /** True (and counted) when the row names an operation other than the dataset's. */
  private skip(operation: string): boolean {
    const wanted = this.options.operation;
    const fold = (text: string) => text.trim().toLowerCase();
    if (wanted === undefined || fold(operation) === '' || fold(operation) === fold(wanted)) return false;
    const entry = this.skipped.get(fold(operation)) ?? { operation: operation.trim(), rows: 0 };
    entry.rows++;
    this.skipped.set(fold(operation), entry);
    return true;
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
      };
      if (operation !== undefined) round.operation = String(operation);
      this.rounds.set(roundId, round);
    }
    return round;
  }

  private keep(
    round: RoundGroup,
    row: number,
    { codes, names, figures, part }: CheckedRow & { part?: RowPart },
  ): void {
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
    // `codes` is the same frozen object as `sourceCodes`: normalisation replaces it before anything could
    // change it (and a change would throw rather than reach another round's row).
    round.rows.push({
      row,
      codes: area.codes,
      sourceCodes: area.codes,
      names: area.names,
      ...figures,
      ...(part ? { part } : {}),
    });
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
