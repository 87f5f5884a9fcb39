import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../functions/core/errors.ts';
import { judgeRows } from '../../functions/core/row-facts.ts';
import { decodeText, StreamTextDecoder } from '../../functions/ingest/decode-text.ts';
import { InputErrorLog } from '../../functions/ingest/input-log.ts';
import {
  type ByteSource,
  MAX_ROUNDS_PER_FILE,
  readSource,
  readSourceStream,
} from '../../functions/ingest/read-source.ts';
import { baselineCsv, MOPTI, SEGOU } from '../helpers/fixtures.ts';

/** The bytes in chunks of `size`, as a file or S3 stream would hand them over. */
async function* chunked(bytes: Uint8Array, size: number): ByteSource {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

function decodeInChunks(bytes: Uint8Array, size: number): string {
  const decoder = new StreamTextDecoder((from, to) => new Error(`mixed at ${from}-${to}`));
  let text = '';
  for (let i = 0; i < bytes.byteLength; i += size) text += decoder.write(bytes.subarray(i, i + size));
  return text + decoder.end();
}

const readError = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error,
  );

describe('StreamTextDecoder: the rules of decodeText, chunk by chunk', () => {
  const text = 'admin1Name,admin3Name\nSégou,Ménaka\nTombouctou,Kidal — “Ber”\n';
  const utf8 = new TextEncoder().encode(text);
  const latin1 = Uint8Array.from(Buffer.from(text.replace(/[—“”]/g, '-'), 'latin1'));

  it.each([1, 2, 3, 5, 4096])('UTF-8 with and without BOM, characters split across chunks of %i', (size) => {
    expect(decodeInChunks(utf8, size)).toBe(text);
    expect(decodeInChunks(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), size)).toBe(text);
  });

  it.each([1, 2, 3, 7, 25, 4096])('Latin-1 in chunks of %i: the same text as decoding it whole', (size) => {
    expect(decodeInChunks(latin1, size)).toBe(decodeText(latin1));
    expect(decodeInChunks(latin1, size)).toContain('Ségou,Ménaka');
  });

  it('UTF-16 with BOM', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(decodeInChunks(utf16, 3)).toBe(text);
  });

  it('refuses a file that is UTF-8 with accented letters first and Latin-1 later, naming the bytes', () => {
    const mixed = Uint8Array.from([...utf8, ...Buffer.from('Ségou\n', 'latin1')]);
    expect(() => decodeInChunks(mixed, 16)).toThrow(/mixed at \d+-\d+/);
  });
});

describe('readSourceStream: the same result however the bytes arrive', () => {
  it('reads Latin-1 streamed in small chunks with the names right', async () => {
    const bytes = Uint8Array.from(Buffer.from(baselineCsv([SEGOU, MOPTI]), 'latin1'));
    const parsed = await readSourceStream(chunked(bytes, 5), 'latin1.csv');
    expect(parsed.rounds[0]?.rows.map((row) => row.names[1])).toEqual(['Ségou', 'Mopti']);
  });
});

describe('readSourceStream: bad rows collected, caps stop at once', () => {
  it('goes on after a bad row: the first 20 errors kept with file, row and column, and the total', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      ...SEGOU,
      adm3: [`MLI0406${String(i).padStart(2, '0')}`, `C${i}`] as [string, string],
      idps: [1, i % 2 === 0 ? -(i + 1) : 5] as [number, number],
    }));
    const error = await readError(readSource(new TextEncoder().encode(baselineCsv(rows)), 'many.csv'));
    expect(error).toBeInstanceOf(InputErrors);
    expect(error?.message).toMatch(
      /^many\.csv, row 2, column "idp_individuals": .*; 24 more errors in the file \(25 in all, the first 20 listed\)$/,
    );
    const { details, errors } = error as InputErrors;
    expect(details?.errorCount).toBe(25);
    expect(details?.errors).toHaveLength(20);
    expect(errors[1]?.details).toMatchObject({
      file: 'many.csv',
      row: 4,
      field: 'idp_individuals',
    });
  });

  it(`stops at the first row past ${MAX_ROUNDS_PER_FILE} rounds, naming it`, async () => {
    const lines = ['admin1Pcode,idp_individuals,round'];
    for (let round = 1; round <= MAX_ROUNDS_PER_FILE + 5; round++) lines.push(`MLI04,10,${round}`);
    const error = await readError(readSource(new TextEncoder().encode(lines.join('\n')), 'rounds.csv'));
    expect(error?.message).toBe(
      `rounds.csv, row ${MAX_ROUNDS_PER_FILE + 2}, column "round": more than ${MAX_ROUNDS_PER_FILE} rounds in one file`,
    );
  });

  it('keeps every API record for planning, which counts exact repeats once after normalising codes', async () => {
    const record = { admin1Pcode: 'MLI04', admin1Name: 'Segou', numPresentIdpInd: 10, roundNumber: 70 };
    const json = JSON.stringify({ result: Array.from({ length: 31 }, () => record) });
    const parsed = await readSource(new TextEncoder().encode(json), 'dupes.json');
    const rows = parsed.rounds[0]?.rows ?? [];
    expect(rows).toHaveLength(31);
    const facts = judgeRows(rows, { file: 'dupes.json' }, new InputErrorLog());
    expect(facts.duplicates).toHaveLength(30);
    expect(facts.duplicates[0]).toEqual({ row: 2, duplicateOf: 1, code: 'MLI04' });
    expect(facts.rows).toHaveLength(1);
  });
});
