import type { ObjectStore, StoredObject } from './ports.ts';

interface Entry {
  bytes: Uint8Array;
  contentType: string;
  metadata: Record<string, string>;
}

/** The object store port in memory, for tests: a map of keys to bytes, answering as S3Objects does. */
export class MemoryObjects implements ObjectStore {
  private readonly objects = new Map<string, Entry>();

  async get(key: string): Promise<StoredObject> {
    const entry = this.objects.get(key);
    if (!entry) {
      const error = new Error(`no object at ${key}`);
      error.name = 'NoSuchKey';
      throw error;
    }
    const { bytes } = entry;
    return {
      body: (async function* () {
        yield bytes;
      })(),
      size: bytes.byteLength,
      metadata: { ...entry.metadata },
      discard: () => {},
    };
  }

  async put(
    key: string,
    body: string | Uint8Array,
    contentType = 'application/octet-stream',
    metadata: Record<string, string> = {},
  ): Promise<void> {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.objects.set(key, { bytes, contentType, metadata });
  }

  /** The text of a stored object, or undefined if there is none. */
  text(key: string): string | undefined {
    const entry = this.objects.get(key);
    return entry && new TextDecoder().decode(entry.bytes);
  }
}
