import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ByteSource, readSource, readSourceStream } from '../../functions/ingest/read-source.ts';
import { DATA_DIR } from '../helpers/service.ts';

// The real-data half of test/unit/read-source-stream.test.ts: it reads the shared data folder, so it is not a unit test.

/** The bytes in chunks of `size`, as a file or S3 stream would hand them over. */
async function* chunked(bytes: Uint8Array, size: number): ByteSource {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

describe('readSourceStream on the real files: the same result however the bytes arrive', () => {
  it.each([
    'mali/dtm/dtm_mali_baseline_round72_2021-09-30_by_commune.csv',
    'mali/dtm/dtm_cmp_mali_idps_by_region_monthly_2012-09_2014-07.csv',
  ])('%s in chunks of 1, 7, 4096 and 65536 bytes', async (name) => {
    const bytes = new Uint8Array(await readFile(path.join(DATA_DIR, name)));
    const whole = await readSource(bytes, name);
    expect(whole.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(whole.bytes).toBe(bytes.byteLength);
    for (const size of [1, 7, 4096, 65536]) {
      expect(await readSourceStream(chunked(bytes, size), name)).toEqual(whole);
    }
  });

  it('Round 72: 56 commune rows, 401,736 IDPs in 69,696 households', async () => {
    const name = 'mali/dtm/dtm_mali_baseline_round72_2021-09-30_by_commune.csv';
    const bytes = await readFile(path.join(DATA_DIR, name));
    const parsed = await readSourceStream(chunked(bytes, 100), name);
    const rows = parsed.rounds.flatMap((round) => round.rows);
    expect(parsed.format).toBe('dtm-baseline-csv');
    expect(rows).toHaveLength(56);
    expect(rows.reduce((sum, row) => sum + (row.idps_ind ?? 0), 0)).toBe(401_736);
    expect(rows.reduce((sum, row) => sum + (row.idps_hh ?? 0), 0)).toBe(69_696);
  });
});
