import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.ts';
import { decodeText } from './decode-text.ts';
import type { ByteSource, ReadOptions } from './source.ts';

/** XLSX and JSON are read whole (a zip needs random access, JSON.parse a string), so their size bounds memory. */
export const MAX_WHOLE_FILE_BYTES = 50 * 1024 * 1024;
/**
 * CSV is streamed: memory follows the rounds and areas kept, not the file size. This bound only keeps an
 * import within minutes (and the ingest Lambda within its timeout); a DTM CSV is kilobytes to megabytes.
 */
export const MAX_CSV_BYTES = 1024 * 1024 * 1024;
/** Bytes looked at to recognise the format (the first chunk is gathered up to this size). */
const HEAD_BYTES = 4096;
const PROGRESS_BYTES = 64 * 1024 * 1024;

/** How a source's bytes are packed: a ZIP (an XLSX workbook), a JSON document, or text (CSV). */
export type Container = 'zip' | 'json' | 'text';

/** A source whose first bytes were looked at: its container, and its bytes counted, bounded and hashed. */
export interface SniffedSource {
  container: Container;
  /** Every byte of the source (the sniffed head first), each counted against the container's limit and hashed. */
  chunks(): ByteSource;
  /** Size and SHA-256 of the bytes, once `chunks` has been read to its end. */
  digest(): { bytes: number; sha256: string };
  /** Stops the underlying file or S3 stream if reading stopped early; harmless once it has ended. */
  close(): void;
}

/**
 * The first pipeline stage: gathers the first 4 KB, refuses an empty file, recognises the container (ZIP
 * signature, JSON `{`/`[`, else text) and sets the byte limit that goes with it. Bytes are counted and hashed
 * as the next stage reads them; the limit is checked as they arrive, so nothing over it is ever held.
 */
export async function sniff(
  source: ByteSource,
  file: string,
  options: ReadOptions = {},
): Promise<SniffedSource> {
  const iterator = source[Symbol.asyncIterator]();
  const { first, ended } = await readHead(iterator);
  const start = first.subarray(0, HEAD_BYTES);
  if (first.byteLength === 0 || decodeText(start).trim() === '') {
    throw new InputError({ file }, 'the file is empty');
  }
  const container = containerOf(first, start);
  const meter = new ByteMeter(file, limitFor(container), options.progress);
  return {
    container,
    async *chunks() {
      yield meter.take(first);
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield meter.take(next.value);
      }
    },
    digest: () => meter.digest(),
    close: () => {
      iterator.return?.()?.catch(() => {});
    },
  };
}

/** All the chunks of a source as one buffer (for the containers read whole). */
export async function readWhole(chunks: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

async function readHead(iterator: AsyncIterator<Uint8Array>): Promise<{ first: Uint8Array; ended: boolean }> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) return { first: joinHead(head), ended: true };
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  return { first: joinHead(head), ended: false };
}

function joinHead(head: Uint8Array[]): Uint8Array {
  return head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head);
}

function containerOf(first: Uint8Array, start: Uint8Array): Container {
  if (first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04) return 'zip';
  const firstCharacter = decodeText(start).trimStart()[0];
  return firstCharacter === '{' || firstCharacter === '[' ? 'json' : 'text';
}

interface ByteLimit {
  bytes: number;
  problem: string;
}

function limitFor(container: Container): ByteLimit {
  const mb = (n: number) => `${n / 1024 / 1024} MB`;
  if (container === 'text') {
    return {
      bytes: MAX_CSV_BYTES,
      problem: `the file is over ${mb(MAX_CSV_BYTES)}; CSV files over ${mb(MAX_CSV_BYTES)} are refused (split it by round)`,
    };
  }
  return {
    bytes: MAX_WHOLE_FILE_BYTES,
    problem: `the file is over ${mb(MAX_WHOLE_FILE_BYTES)}; ${container === 'zip' ? 'XLSX workbooks' : 'JSON files'} are read whole and refused above that (save it as CSV, which is streamed, or split it by round)`,
  };
}

/** Counts, bounds and hashes bytes as they pass, telling progress every 64 MB. */
class ByteMeter {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private reported = 0;

  constructor(
    private readonly file: string,
    private readonly limit: ByteLimit,
    private readonly progress: ((message: string) => void) | undefined,
  ) {}

  take(chunk: Uint8Array): Uint8Array {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limit.bytes) throw new InputError({ file: this.file }, this.limit.problem);
    this.hash.update(chunk);
    if (this.progress && this.bytes - this.reported >= PROGRESS_BYTES) {
      this.reported = this.bytes;
      this.progress(`${this.file}: ${(this.bytes / 1024 / 1024).toFixed(0)} MB read`);
    }
    return chunk;
  }

  digest(): { bytes: number; sha256: string } {
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
