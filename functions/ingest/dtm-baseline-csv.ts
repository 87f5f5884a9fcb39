import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.ts';
import type { SourceRow } from '../core/join.ts';
import type { AdminLevel, Figures } from '../core/types.ts';

/** Columns of the DTM baseline-assessment CSV export (the Round 72 layout). */
const COLUMNS = {
  codes: { 1: 'admin1Pcode_dtm', 2: 'admin2Pcode_dtm', 3: 'admin3Pcode_dtm' },
  names: { 1: 'admin1Name', 2: 'admin2Name', 3: 'admin3Name' },
  figures: {
    idps_ind: 'idp_individuals',
    idps_hh: 'idp_households',
    returnees_ind: 'returnees_total_individuals',
    returnees_hh: 'returnees_total_households',
  },
} as const;

const LEVELS: AdminLevel[] = [1, 2, 3];

/**
 * Reads a DTM baseline-assessment CSV into source rows. Every value is checked: required columns present,
 * counts non-negative whole numbers, households not above individuals, one row per commune. Errors name the
 * file, the line and the column. `normaliseCode` maps DTM codes to the boundary set's scheme.
 */
export function readDtmBaselineCsv(
  text: string,
  file: string,
  normaliseCode: (code: string) => string,
): SourceRow[] {
  const records = parse(text, {
    bom: true,
    columns: false,
    skip_empty_lines: true,
    relax_column_count: false,
  }) as string[][];
  const [header, ...body] = records;
  if (!header || body.length === 0) throw new InputError({ file }, 'the file has no data rows');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new InputError({ file, row: 1, field: name }, 'required column is missing');
    return index;
  };
  const codeColumns = LEVELS.map((level) => column(COLUMNS.codes[level]));
  const nameColumns = LEVELS.map((level) => column(COLUMNS.names[level]));
  const figureColumns = Object.entries(COLUMNS.figures).map(
    ([key, name]) => [key as keyof Figures, name, column(name)] as const,
  );

  const seen = new Map<string, number>();
  return body.map((record, i) => {
    const row = i + 2;
    const figures = {} as Figures;
    for (const [key, name, index] of figureColumns)
      figures[key] = readCount(record[index], { file, row, field: name });
    checkHouseholds(figures.idps_hh, figures.idps_ind, { file, row, field: COLUMNS.figures.idps_hh });
    checkHouseholds(figures.returnees_hh, figures.returnees_ind, {
      file,
      row,
      field: COLUMNS.figures.returnees_hh,
    });
    const codes: SourceRow['codes'] = {};
    const sourceCodes: SourceRow['sourceCodes'] = {};
    const names: SourceRow['names'] = {};
    LEVELS.forEach((level, l) => {
      const raw = (record[codeColumns[l] ?? -1] ?? '').trim();
      if (raw === '') throw new InputError({ file, row, field: COLUMNS.codes[level] }, 'missing P-code');
      sourceCodes[level] = raw;
      codes[level] = normaliseCode(raw);
      names[level] = (record[nameColumns[l] ?? -1] ?? '').trim().normalize('NFC');
    });
    const lowest = codes[3] ?? '';
    const earlier = seen.get(lowest);
    if (earlier !== undefined) {
      throw new InputError(
        { file, row, field: COLUMNS.codes[3] },
        `duplicate row for ${lowest} (first on row ${earlier})`,
      );
    }
    seen.set(lowest, row);
    return { row, codes, sourceCodes, names, ...figures };
  });
}

function readCount(
  value: string | undefined,
  location: { file: string; row: number; field: string },
): number {
  const text = (value ?? '').trim();
  // An empty cell is unknown, not zero: refuse it rather than publish a zero nobody reported.
  if (text === '') throw new InputError(location, 'missing count');
  if (!/^\d+$/.test(text)) {
    throw new InputError(location, `"${text}" is not a count (a non-negative whole number)`);
  }
  return Number(text);
}

function checkHouseholds(
  households: number,
  individuals: number,
  location: { file: string; row: number; field: string },
) {
  if (households > individuals) {
    throw new InputError(location, `${households} households is more than ${individuals} individuals`);
  }
}
