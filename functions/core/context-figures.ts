/**
 * Context from another publisher beside DTM's figures: a dataset's manifest may name a file of national
 * figures per year (`context`, e.g. IDMC's GIDD annual conflict figures), stored at seeding and served by
 * `/api/v1/datasets/{dataset}/context`. They are another source with another method: the page shows them
 * beside DTM's figure, credited to their publisher, never in place of it.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from './errors.ts';

/** A context file as a manifest names it (`context: [...]`), its path relative to the data folder. */
export interface ContextSource {
  /** Who published the figures ("IDMC"), credited wherever they are shown. */
  publisher: string;
  /** The publication ("Global Internal Displacement Database (GIDD), conflict and violence"). */
  title: string;
  /** Where the figures were published. */
  url?: string;
  /** The file, relative to the data folder: a CSV with `year` and `total_displacement` columns. */
  path: string;
  /** What the figures cover, in the words the page shows ("conflict and violence"). */
  scope?: { en: string; fr?: string };
}

/** One year of a context source: its total internal displacement (stock at year end), new displacements. */
export interface ContextYear {
  year: number;
  totalDisplacement?: number;
  newDisplacement?: number;
}

/** A stored context source: the manifest's words and the file's years. */
export interface ContextFigures extends Omit<ContextSource, 'path'> {
  file: string;
  years: ContextYear[];
}

/** `GET /api/v1/datasets/{dataset}/context`: every context source stored for the dataset (maybe none). */
export interface DatasetContext {
  dataset: string;
  sources: ContextFigures[];
}

const COUNT = /^\d+$/;

/**
 * Reads a context CSV: a header row naming `year` and `total_displacement` (others, such as
 * `new_displacement`, read when present), one row per year. A bad row is refused naming the file, its row
 * (the header is row 1) and the field; an empty figure is unknown, never 0.
 */
export function parseContextCsv(text: string, file: string): ContextYear[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InputError({ file }, `not a readable CSV (${(error as Error).message})`);
  }
  const header = Object.keys(records[0] ?? {});
  for (const field of ['year', 'total_displacement']) {
    if (!header.includes(field)) throw new InputError({ file, field }, 'missing column');
  }
  const seen = new Set<number>();
  return records.map((record, index) => {
    const row = index + 2;
    const year = record.year ?? '';
    if (!/^\d{4}$/.test(year)) throw new InputError({ file, row, field: 'year' }, `not a year: "${year}"`);
    if (seen.has(Number(year)))
      throw new InputError({ file, row, field: 'year' }, `year ${year} is given twice`);
    seen.add(Number(year));
    const entry: ContextYear = { year: Number(year) };
    const total = count(record.total_displacement, file, row, 'total_displacement');
    if (total !== undefined) entry.totalDisplacement = total;
    const fresh = count(record.new_displacement, file, row, 'new_displacement');
    if (fresh !== undefined) entry.newDisplacement = fresh;
    return entry;
  });
}

function count(value: string | undefined, file: string, row: number, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!COUNT.test(value)) throw new InputError({ file, row, field }, `not a count of people: "${value}"`);
  return Number(value);
}
