import type { JoinReport } from '../core/join.ts';
import type { FigureKey, Figures, SourceInfo } from '../core/types.ts';
import { formatJoinReport } from '../ingest/report-text.ts';

/** What sync did with one round of the API: `new` and `changed` rounds are (or, on a dry run, would be) published. */
export type RoundSyncOutcome = 'new' | 'changed' | 'unchanged' | 'refused';

/** Where a round published from another source and the API's figures for it differ. */
export interface Disagreement {
  /** `total` for the round's totals, else the admin level whose placed figures differ. */
  level: 'total' | number;
  figure: FigureKey;
  published: number | undefined;
  api: number | undefined;
}

export interface RoundSyncEntry {
  key: string;
  date: string;
  outcome: RoundSyncOutcome;
  /** True once written (never on a dry run, never for unchanged or refused rounds). */
  published: boolean;
  version: string;
  totals: Figures;
  /** The join report of a new or changed round, and the source it names. */
  report?: JoinReport;
  source?: SourceInfo;
  /** Why a round was refused: its rows (the message of the error), or another source already published it. */
  refusal?: {
    reason: 'invalid' | 'other-source';
    message: string;
    /** For `other-source`: the published round's source and where its figures differ from the API's. */
    publishedSource?: SourceInfo;
    disagreements?: Disagreement[];
  };
}

export interface DatasetSyncReport {
  dataset: string;
  status: 'synced' | 'skipped' | 'failed';
  /** Why it was skipped, or what failed (the request and field, never the key). */
  message?: string;
  operation?: string;
  country?: string;
  /** The requests made, as messages name them (no key). */
  requests: string[];
  counts: Record<RoundSyncOutcome, number>;
  rounds: RoundSyncEntry[];
}

export interface SyncRunReport {
  dryRun: boolean;
  /** False when a dataset failed or a round was refused for its rows (not for another source). */
  ok: boolean;
  datasets: DatasetSyncReport[];
}

export function emptyCounts(): Record<RoundSyncOutcome, number> {
  return { new: 0, changed: 0, unchanged: 0, refused: 0 };
}

/** Whether a run needs an operator: a failed dataset, or a round whose rows the pipeline refused. */
export function runOk(datasets: readonly DatasetSyncReport[]): boolean {
  return datasets.every(
    (d) => d.status !== 'failed' && d.rounds.every((r) => r.refusal?.reason !== 'invalid'),
  );
}

const number = new Intl.NumberFormat('en-GB');
const show = (value: number | undefined) => (value === undefined ? 'none' : number.format(value));

/** The run as text: one block per dataset, its rounds, and the join report of each new or changed round. */
export function formatSyncReport(run: SyncRunReport): string {
  const lines: string[] = [];
  for (const dataset of run.datasets) {
    if (dataset.status !== 'synced') {
      lines.push(`${dataset.dataset}: ${dataset.status}: ${dataset.message ?? ''}`);
      continue;
    }
    const c = dataset.counts;
    lines.push(
      `${dataset.dataset} (${dataset.country}, "${dataset.operation}")${run.dryRun ? ' [dry run: nothing written]' : ''}: ` +
        `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.refused} refused`,
    );
    for (const round of dataset.rounds) lines.push(...roundLines(round, run.dryRun));
    for (const round of dataset.rounds) {
      if (round.report)
        lines.push(
          '',
          formatJoinReport(
            { dataset: dataset.dataset, key: round.key, source: sourceOf(round) },
            round.report,
          ),
        );
    }
  }
  return lines.join('\n');
}

function roundLines(round: RoundSyncEntry, dryRun: boolean): string[] {
  const written = round.published
    ? 'published'
    : dryRun && round.outcome !== 'unchanged'
      ? 'not written'
      : '';
  const head = `  round ${round.key.padEnd(4)} ${round.date}  ${round.outcome.padEnd(9)} ${show(round.totals.idps_ind).padStart(11)} IDPs${written ? `  ${written}` : ''}`;
  if (!round.refusal) return [head];
  const lines = [head, `    ${round.refusal.message}`];
  for (const d of round.refusal.disagreements ?? []) {
    const where = d.level === 'total' ? 'round total' : `adm${d.level}`;
    lines.push(`    ${where} ${d.figure}: published ${show(d.published)}, DTM API ${show(d.api)}`);
  }
  return lines;
}

function sourceOf(round: RoundSyncEntry): SourceInfo {
  return round.source ?? { title: 'DTM API', organisation: 'IOM DTM', file: 'DTM API', sha256: '' };
}
