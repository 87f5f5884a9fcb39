/**
 * Where the DTM API subscription key comes from: a port, so the CLI passes the key of its environment, the
 * Lambda one read from SSM Parameter Store (functions/entry/ssm-key.ts), and tests whatever they need.
 */
export interface KeySource {
  /** Names the key's origin in messages (`DTM_API_KEY`, `SSM parameter "/dtm-atlas/dtm-api-key"`), never its value. */
  readonly origin: string;
  /**
   * The key. `fresh` asks for it to be read again, past any cache: the API has just refused the key it had,
   * which is what a rotated key looks like to a running container.
   */
  key(fresh?: boolean): Promise<string>;
}

/** A key given once (an environment variable): reading it again gives the same key. */
export function fixedKey(key: string, origin: string): KeySource {
  return { origin, key: async () => key };
}

/**
 * A key read by `read` when first asked for, then kept (for a Lambda container's life: the source lives at
 * module scope) until asked for `fresh`. Concurrent callers share one read; a failed read is not kept, so
 * the next call tries again.
 */
export function cachedKey(origin: string, read: () => Promise<string>): KeySource {
  let pending: Promise<string> | undefined;
  return {
    origin,
    key(fresh = false) {
      if (!pending || fresh) {
        const reading = read();
        pending = reading;
        reading.catch(() => {
          if (pending === reading) pending = undefined;
        });
      }
      return pending;
    },
  };
}

/**
 * A source made by `load` when the key is first asked for: what needs a heavy module (the SSM client) costs
 * nothing to a process that never reads its key that way.
 */
export function lazyKey(origin: string, load: () => Promise<KeySource>): KeySource {
  let loaded: Promise<KeySource> | undefined;
  return {
    origin,
    async key(fresh) {
      loaded ??= load();
      return (await loaded).key(fresh);
    },
  };
}
