import type { SkippedCountry } from '../../core/join-report.ts';
import type { AdminLevel } from '../../core/types.ts';
import { RoundCollector } from '../collect-rounds.ts';
import type { Field } from '../columns.ts';
import type { InputErrorLog } from '../input-log.ts';
import type { SourceContent, SourceFormat } from '../source.ts';

/** What the dataset asks of a DTM source: its operation and, for a file of every country, its country. */
export interface DtmFilter {
  operation?: string | undefined;
  /** ISO3; when set, records of other countries are skipped and counted (`skippedCountries`). */
  country?: string | undefined;
}

/**
 * The records of a DTM API v3 source, whichever container brought them (the API's JSON, HDX's CSV of it):
 * every record one part of its area's figure, keyed by reason, assessment type and origin (core/row-facts.ts:
 * the parts of an (operation, round, date, area) are summed and kept as the breakdown), records of other
 * operations skipped by the collector and, when a country is asked for, records of other countries skipped
 * here, before any check, and counted by country.
 */
export class DtmRecords {
  private readonly rounds: RoundCollector;
  private readonly skipped = new Map<string, SkippedCountry>();

  constructor(
    file: string,
    levels: AdminLevel[],
    columnName: (field: Field) => string,
    private readonly log: InputErrorLog,
    private readonly filter: DtmFilter,
  ) {
    this.rounds = new RoundCollector(file, levels, columnName, true, log, { operation: filter.operation });
  }

  /** Data records read, kept or not. */
  get rows(): number {
    return this.rounds.rows + [...this.skipped.values()].reduce((n, entry) => n + entry.rows, 0);
  }

  /**
   * One record (`row`: its number in the source), with the levels it gives codes for (by default all; see
   * `RoundCollector.add`).
   */
  add(
    row: number,
    values: Partial<Record<Field, unknown>>,
    levels?: readonly AdminLevel[] | (() => readonly AdminLevel[]),
  ): void {
    if (this.otherCountry(values.country_code)) return;
    this.rounds.add(row, values, levels);
  }

  /** The rounds found, the records skipped; throws the bad records collected. */
  content(format: SourceFormat): SourceContent {
    const content: SourceContent = {
      format,
      ...this.rounds.finish(),
      ...(this.filter.country !== undefined ? { skippedCountries: [...this.skipped.values()] } : {}),
    };
    this.log.throwIfAny();
    return content;
  }

  /** True (and counted) when the record names a country other than the one asked for; blank is kept. */
  private otherCountry(value: unknown): boolean {
    const wanted = this.filter.country?.trim().toUpperCase();
    const country = String(value ?? '')
      .trim()
      .toUpperCase();
    if (wanted === undefined || country === '' || country === wanted) return false;
    const entry = this.skipped.get(country) ?? { country, rows: 0 };
    entry.rows++;
    this.skipped.set(country, entry);
    return true;
  }
}
