import { describe, expect, it } from 'vitest';
import { parseContextCsv } from '../../functions/core/context-figures.ts';
import type { DatasetManifest } from '../../functions/core/dataset-manifest.ts';
import { InputError } from '../../functions/core/errors.ts';
import { seedContext } from '../../functions/ingest/seed-context.ts';
import { MissingSourceFile } from '../../functions/ingest/source-check.ts';
import { MemoryContext } from '../../functions/store/memory-context.ts';

/** Three made-up years, one without a stock figure. */
const CSV = 'iso3,year,new_displacement,total_displacement\nXXX,2020,10,100\nXXX,2021,,250\nXXX,2022,5,\n';

function refusal(text: string): InputError {
  try {
    parseContextCsv(text, 'ctx.csv');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('context CSV', () => {
  it('reads each year, an empty figure unknown (never 0)', () => {
    expect(parseContextCsv(CSV, 'ctx.csv')).toEqual([
      { year: 2020, totalDisplacement: 100, newDisplacement: 10 },
      { year: 2021, totalDisplacement: 250 },
      { year: 2022, newDisplacement: 5 },
    ]);
  });

  it('refuses a bad row naming file, row and field', () => {
    expect(refusal(CSV.replace('2021,,250', '2021,,2x0')).message).toBe(
      'ctx.csv, row 3, column "total_displacement": not a count of people: "2x0"',
    );
    expect(refusal(CSV.replace('2022', '2021')).location).toEqual({ file: 'ctx.csv', row: 4, field: 'year' });
    expect(refusal('iso3,year\nXXX,2020\n').location).toEqual({
      file: 'ctx.csv',
      field: 'total_displacement',
    });
  });

  it('seeds a manifest context when the file is there, nothing (no error) when it is not', async () => {
    const manifest = {
      id: 'xx',
      context: [{ publisher: 'IDMC', title: 'GIDD', path: 'xx/idmc.csv' }],
    } as unknown as DatasetManifest;
    const store = new MemoryContext();
    const none = await seedContext(
      [manifest],
      async (file) => {
        throw new MissingSourceFile(file, '/data');
      },
      store,
      () => {},
    );
    expect(none).toEqual([]);
    expect(await store.getContext('xx')).toBeUndefined();
    await seedContext(
      [manifest],
      async () => new TextEncoder().encode(CSV),
      store,
      () => {},
    );
    expect((await store.getContext('xx'))?.sources[0]).toMatchObject({
      publisher: 'IDMC',
      file: 'xx/idmc.csv',
    });
  });
});
