import type { PackStore, StoredPack } from './ports.ts';

/** The pack store in memory, for tests; `puts` counts writes, so a test can tell a build from a cache hit. */
export class MemoryPacks implements PackStore {
  private readonly packs = new Map<string, StoredPack>();
  puts = 0;

  async get(key: string): Promise<StoredPack | undefined> {
    const pack = this.packs.get(key);
    return pack && { bytes: pack.bytes, metadata: { ...pack.metadata } };
  }

  async put(key: string, pack: StoredPack): Promise<void> {
    this.puts++;
    this.packs.set(key, { bytes: pack.bytes, metadata: { ...pack.metadata } });
  }

  keys(): string[] {
    return [...this.packs.keys()];
  }
}
