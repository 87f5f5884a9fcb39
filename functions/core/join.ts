import { BreakdownSum } from './breakdown.ts';
import { addFigures, pickFigures } from './figures.ts';
import type { AreaSuggestion, JoinReport, LevelReport, MergedRows, UnmatchedCode } from './join-report.ts';
import { levelCheck } from './level-check.ts';
import { compareNames, foldName } from './names.ts';
import { type RowPart, rowLevel } from './row-facts.ts';
import {
  ADMIN_LEVELS,
  type AdminLevel,
  type AppliedCorrection,
  type AreaFigures,
  type AreaProperties,
  type Figures,
} from './types.ts';

export type {
  AreaSuggestion,
  JoinReport,
  LevelCheck,
  LevelReport,
  LevelSum,
  MergedRows,
  NameDisagreement,
  ParentDisagreement,
  SkippedOperation,
  StatedTotalCheck,
  UnmatchedCode,
} from './join-report.ts';
export type { RowPart } from './row-facts.ts';

/** One row of a source file after parsing: codes already normalised to the boundary set's scheme. */
export interface SourceRow extends Figures {
  /** Reviewed corrections applied to this row (see `applyCorrections`). */
  corrections?: AppliedCorrection[];
  /** 1-based line number in the source file (the header is line 1). */
  row: number;
  codes: Partial<Record<AdminLevel, string>>;
  /** The code as written in the source, before normalisation (provenance). */
  sourceCodes: Partial<Record<AdminLevel, string>>;
  names: Partial<Record<AdminLevel, string>>;
  /** In sources keyed by fact (DTM API v3): what makes this row one part of its area's figure. */
  part?: RowPart;
}

/** The areas of a boundary set, by level and P-code. */
export type AreaIndex = Map<AdminLevel, Map<string, AreaProperties>>;

export interface JoinResult {
  figures: AreaFigures[];
  totals: Figures;
  report: JoinReport;
}

export interface JoinOptions {
  /** Generic words ignored when comparing names ("commune", "cercle"): from the dataset manifest. */
  ignoreNameWords?: readonly string[];
}

/**
 * Joins source rows to the areas of a boundary set on their codes, level by level, and sums them per area.
 *
 * Each level uses the row's own code for that level, never a guess: a row whose code matches no area is
 * left unplaced at that level and listed, and a row whose name disagrees with its code's area is listed with
 * the areas its name suggests. Corrections are applied before this step, from a reviewed file.
 *
 * A row counts at its own level (its lowest code) and is summed upward only into levels the source does not
 * give itself (`sourceLevels`): a commune table fills its cercles and régions, while a DTM feed's admin 2
 * records never add to the admin 1 records beside them. National (admin 0) records are on no area; they are
 * the figure every level is checked against (`levelCheck`).
 */
export function joinRows(
  rows: readonly SourceRow[],
  areas: AreaIndex,
  options: JoinOptions = {},
): JoinResult {
  const ignore = options.ignoreNameWords ?? [];
  const levels = sourceLevels(rows);
  const top = levels.get(1);
  const totals: Figures = {};
  for (const row of rows) if (rowLevel(row) === (top ?? 0)) addFigures(totals, row);

  const figures: AreaFigures[] = [];
  const merges: MergedRows[] = [];
  const report: JoinReport = {
    rows: rows.length,
    totals,
    levels: [],
    corrections: rows.flatMap((row) => row.corrections ?? []),
    merges,
    duplicates: [],
    blankRows: [],
    statedTotals: [],
    unmatchedCodes: [],
    nameDisagreements: [],
    parentDisagreements: [],
  };
  for (const level of ADMIN_LEVELS) {
    const levelAreas = areas.get(level);
    const from = levels.get(level);
    if (!levelAreas || from === undefined) continue;
    const levelRows = rows.filter((row) => rowLevel(row) === from);
    const byArea = [...joinLevel(levelRows, level, levelAreas, ignore, report).values()];
    figures.push(...byArea.sort((a, b) => a.pcode.localeCompare(b.pcode)));
    if (level !== from) continue;
    for (const { pcode, sourceRows } of byArea)
      if (sourceRows.length > 1) merges.push({ level, code: pcode, rows: sourceRows });
  }
  const check = levelCheck(rows);
  if (check) report.levelCheck = check;
  return { figures, totals, report };
}

/**
 * For each admin level, the level whose rows give its figures: the level itself when some row is of that
 * level, else the nearest level below that rows give (their codes at this level summed upward).
 */
function sourceLevels(rows: readonly SourceRow[]): Map<AdminLevel, AdminLevel> {
  const given = new Set<number>();
  for (const row of rows) given.add(rowLevel(row));
  const levels = new Map<AdminLevel, AdminLevel>();
  for (const level of ADMIN_LEVELS) {
    const from = ADMIN_LEVELS.find((candidate) => candidate >= level && given.has(candidate));
    if (from !== undefined) levels.set(level, from);
  }
  return levels;
}

/**
 * Joins one level: each row with a code at this level is placed on its area or listed as unmatched, and
 * checked against the area's name and parent. Adds the level's report to `report`; returns figures by area.
 */
function joinLevel(
  rows: readonly SourceRow[],
  level: AdminLevel,
  levelAreas: Map<string, AreaProperties>,
  ignore: readonly string[],
  report: JoinReport,
): Map<string, AreaFigures> {
  const byArea = new Map<string, AreaFigures>();
  const parts = new Map<string, BreakdownSum>();
  const levelReport = emptyLevelReport(level);
  for (const row of rows) {
    const code = row.codes[level];
    if (code === undefined) continue;
    const area = levelAreas.get(code);
    if (!area) {
      levelReport.rowsUnmatched++;
      addFigures(levelReport.unplaced, row);
      report.unmatchedCodes.push(unmatched(row, level, code, levelAreas, ignore));
      continue;
    }
    levelReport.rowsMatched++;
    addFigures(levelReport.placed, row);
    if (placeRow(byArea, row, level, code)) levelReport.rowsCorrected++;
    if (!parts.has(code)) parts.set(code, new BreakdownSum());
    parts.get(code)?.add(row);
    checkRowAgainstArea(row, level, code, area, levelAreas, ignore, report);
  }
  for (const [code, entry] of byArea) {
    const breakdown = parts.get(code)?.result();
    if (breakdown) entry.breakdown = breakdown;
  }
  levelReport.areasWithData = byArea.size;
  levelReport.areasWithoutData = levelAreas.size - byArea.size;
  levelReport.withoutData = [...levelAreas.keys()].filter((pcode) => !byArea.has(pcode)).sort();
  report.levels.push(levelReport);
  return byArea;
}

function emptyLevelReport(level: AdminLevel): LevelReport {
  return {
    level,
    rowsMatched: 0,
    rowsCorrected: 0,
    rowsUnmatched: 0,
    areasWithData: 0,
    areasWithoutData: 0,
    withoutData: [],
    placed: {},
    unplaced: {},
  };
}

function unmatched(
  row: SourceRow,
  level: AdminLevel,
  code: string,
  levelAreas: Map<string, AreaProperties>,
  ignore: readonly string[],
): UnmatchedCode {
  const sourceName = row.names[level] ?? '';
  return {
    row: row.row,
    level,
    code,
    sourceCode: row.sourceCodes[level] ?? code,
    sourceName,
    suggestions: suggestAreas(sourceName, levelAreas, ignore),
    ...pickFigures(row),
  };
}

/** Adds a row's figures to its area's; true when the row was placed there through a reviewed correction. */
function placeRow(
  byArea: Map<string, AreaFigures>,
  row: SourceRow,
  level: AdminLevel,
  code: string,
): boolean {
  let entry = byArea.get(code);
  if (!entry) {
    entry = { pcode: code, level, sourceRows: [] };
    byArea.set(code, entry);
  }
  addFigures(entry, row);
  entry.sourceRows.push(row.row);
  const corrected = row.corrections?.filter((c) => c.level === level) ?? [];
  if (corrected.length === 0) return false;
  entry.corrections = [...(entry.corrections ?? []), ...corrected];
  return true;
}

/** Lists a matched row whose name is not its area's, or whose parent code is not the area's parent. */
function checkRowAgainstArea(
  row: SourceRow,
  level: AdminLevel,
  code: string,
  area: AreaProperties,
  levelAreas: Map<string, AreaProperties>,
  ignore: readonly string[],
  report: JoinReport,
): void {
  const sourceName = row.names[level] ?? '';
  const agreement = sourceName ? compareNames(sourceName, area.name, ignore) : 'same';
  if (agreement !== 'same') {
    report.nameDisagreements.push({
      row: row.row,
      level,
      code,
      sourceCode: row.sourceCodes[level] ?? code,
      sourceName,
      boundaryName: area.name,
      agreement,
      suggestions: agreement === 'different' ? suggestAreas(sourceName, levelAreas, ignore) : [],
    });
  }
  const sourceParent = level > 1 ? row.codes[(level - 1) as AdminLevel] : undefined;
  if (sourceParent !== undefined && area.parent !== undefined && area.parent !== sourceParent) {
    report.parentDisagreements.push({ row: row.row, level, code, sourceParent, boundaryParent: area.parent });
  }
}

/** Areas of one level whose name is the given name, or a spelling of it. */
function suggestAreas(
  name: string,
  areas: Map<string, AreaProperties>,
  ignore: readonly string[],
): AreaSuggestion[] {
  if (!name) return [];
  const folded = foldName(name, ignore);
  const exact: AreaSuggestion[] = [];
  const close: AreaSuggestion[] = [];
  for (const area of areas.values()) {
    if (foldName(area.name, ignore) === folded) exact.push({ pcode: area.pcode, name: area.name });
    else if (compareNames(name, area.name, ignore) === 'spelling')
      close.push({ pcode: area.pcode, name: area.name });
  }
  return (exact.length > 0 ? exact : close).slice(0, 5);
}
