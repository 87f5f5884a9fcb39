import type { DatasetContext } from '../core/context-figures.ts';
import type { ContextStore } from './ports.ts';

/** The context store in memory, for tests: what was put is what is got (copied, as S3 would). */
export class MemoryContext implements ContextStore {
  private readonly contexts = new Map<string, string>();

  async getContext(dataset: string): Promise<DatasetContext | undefined> {
    const text = this.contexts.get(dataset);
    return text === undefined ? undefined : (JSON.parse(text) as DatasetContext);
  }

  async putContext(context: DatasetContext): Promise<void> {
    this.contexts.set(context.dataset, JSON.stringify(context));
  }
}
