import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../core/errors.ts';
import { StreamTextDecoder } from './decode-text.ts';
import type { InputErrorLog } from './input-log.ts';
import type { ByteSource } from './source.ts';

/** Longest CSV record, in characters. A DTM row is a few kilobytes; an unclosed quote must not swallow the file. */
const MAX_RECORD_CHARS = 1024 * 1024;

/** A streamed CSV's records, and how to stop reading them early. */
export interface CsvRecords {
  records: AsyncIterable<string[]>;
  /** Stops the parser and the decoding behind it (after a fatal error); harmless once they have ended. */
  close(): void;
}

/**
 * The records of a streamed CSV, one at a time: decoded chunk by chunk (see `StreamTextDecoder`) and parsed
 * by csv-parse's stream parser, so memory holds a record, not the file. A CSV syntax error stops reading and
 * is returned with the bad rows `log` holds so far.
 */
export function csvRecords(chunks: ByteSource, file: string, log: InputErrorLog): CsvRecords {
  const parser = parse({
    columns: false,
    skip_empty_lines: true,
    relax_column_count: false,
    trim: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  // A failure anywhere (bytes over the limit, mixed encodings) destroys the parser with that error, which
  // `records` then throws; the pipeline's own promise only repeats it.
  pipeline(Readable.from(decodedText(chunks, file)), parser).catch(() => {});
  async function* records(): AsyncIterable<string[]> {
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield record;
    } catch (error) {
      if (error instanceof CsvError) {
        const lines = (error as { lines?: number }).lines;
        throw log.fatal(
          new InputError({ file, ...(lines ? { row: lines } : {}) }, `not a readable CSV (${error.message})`),
        );
      }
      throw error;
    }
  }
  return { records: records(), close: () => parser.destroy() };
}

async function* decodedText(chunks: ByteSource, file: string): AsyncIterable<string> {
  const decoder = new StreamTextDecoder(
    (from, to) =>
      new InputError(
        { file },
        `bytes ${from}–${to} are not UTF-8 although the text before them is UTF-8 with accented letters: the file mixes encodings (save it again as UTF-8)`,
      ),
  );
  for await (const chunk of chunks) {
    const decoded = decoder.write(chunk);
    if (decoded) yield decoded;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
