/**
 * Decodes a text file whatever its encoding: UTF-8 (with or without BOM), UTF-16 with BOM, and Latin-1 /
 * Windows-1252 (what Excel on a French Windows writes), detected by UTF-8 failing to decode. French names
 * (Ségou, Ménaka, Tombouctou) come out right in every case.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The same rules as `decodeText`, chunk by chunk, for files too big to hold: the BOM decides from the first
 * bytes; without one the text is read as UTF-8 until a byte sequence is not UTF-8. If everything before that
 * point was plain ASCII (the usual case: a header and rows until the first "Ségou"), the file is Latin-1 /
 * Windows-1252 and is decoded as such from the start, exactly as `decodeText` would. If UTF-8 letters came
 * before, the file mixes encodings and `mixed` is thrown (a whole-file read would turn those letters into
 * mojibake silently).
 */
export class StreamTextDecoder {
  private decoder: TextDecoder | undefined;
  private head: Uint8Array = new Uint8Array(0);
  /** True once decoded UTF-8 text contained a non-ASCII letter: no silent fallback after that. */
  private sawUtf8Letters = false;
  private offset = 0;
  /** The previous chunk's trailing non-ASCII bytes (≤ 3): a sequence the UTF-8 decoder may be holding. */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly mixed: (from: number, to: number) => Error) {}

  /** The text of `chunk` (possibly with characters held back from the previous one). */
  write(chunk: Uint8Array): string {
    if (!this.decoder) {
      // Enough bytes to see a BOM (the reader's first chunk is 4 KB unless the file is shorter).
      const head = concatBytes(this.head, chunk);
      if (head.byteLength < 3) {
        this.head = head;
        return '';
      }
      this.head = new Uint8Array(0);
      return this.start(head);
    }
    return this.decode(chunk);
  }

  /** The remaining text at the end of the file. */
  end(): string {
    if (!this.decoder) return this.head.byteLength > 0 ? this.start(this.head) + this.finish() : '';
    return this.finish();
  }

  private start(bytes: Uint8Array): string {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.decoder = new TextDecoder('utf-8');
      return this.decode(bytes.subarray(3));
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.decoder = new TextDecoder('utf-16le');
      return this.decode(bytes.subarray(2));
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.decoder = new TextDecoder('utf-16be');
      return this.decode(bytes.subarray(2));
    }
    this.decoder = new TextDecoder('utf-8', { fatal: true });
    return this.decode(bytes);
  }

  private decode(chunk: Uint8Array): string {
    const decoder = this.decoder as TextDecoder;
    const from = this.offset;
    this.offset += chunk.byteLength;
    if (!decoder.fatal) return decoder.decode(chunk, { stream: true });
    try {
      const text = decoder.decode(chunk, { stream: true });
      if (!this.sawUtf8Letters && /[^\p{ASCII}]/u.test(text)) this.sawUtf8Letters = true;
      this.pending = trailingNonAscii(chunk, this.pending);
      return text;
    } catch {
      return this.fallBack(concatBytes(this.pending, chunk), from, false);
    }
  }

  private finish(): string {
    const decoder = this.decoder as TextDecoder;
    if (!decoder.fatal) return decoder.decode();
    try {
      return decoder.decode();
    } catch {
      return this.fallBack(this.pending, this.offset, true);
    }
  }

  /** UTF-8 failed at the bytes from `from`: switch to Windows-1252 if nothing but ASCII was read before. */
  private fallBack(bytes: Uint8Array, from: number, last: boolean): string {
    if (this.sawUtf8Letters) throw this.mixed(from, this.offset);
    this.decoder = new TextDecoder('windows-1252');
    this.pending = new Uint8Array(0);
    return this.decoder.decode(bytes, { stream: !last });
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a);
  joined.set(b, a.byteLength);
  return joined;
}

/** The run of bytes ≥ 0x80 at the end of `chunk` (at most 3), joined to `before` if the chunk is all of them. */
function trailingNonAscii(chunk: Uint8Array, before: Uint8Array): Uint8Array {
  let start = chunk.byteLength;
  while (start > 0 && chunk.byteLength - start < 3 && (chunk[start - 1] as number) >= 0x80) start--;
  const tail = chunk.subarray(start);
  return start === 0 ? concatBytes(before, tail).slice(-3) : tail.slice();
}
