import { AtlasError } from '../core/errors.ts';
import { fixedKey, type KeySource } from './key-source.ts';

/** The part of `fetch` the client uses; injected so tests can fault it. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>;

/** Waits `ms`, or rejects when `signal` aborts (the run's time limit). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DtmClientOptions {
  /** `https://dtmapi.iom.int` (DTM_API_URL); paths such as `/v3/displacement/admin0` are appended. */
  baseUrl: string;
  /**
   * The subscription key, sent as `Ocp-Apim-Subscription-Key`; never logged, never in a message. A string is
   * the `DTM_API_KEY` variable's; a `KeySource` is asked again once when the API refuses its key (401/403), so
   * a rotated key is picked up without a restart.
   */
  key: string | KeySource;
  fetch?: FetchLike;
  /** Per request, headers and body together. Default 60 s (a whole country at admin 2 is a few MB). */
  requestTimeoutMs?: number;
  /** Tries per request, the first included. Default 4. */
  attempts?: number;
  /** First backoff; doubled per retry, capped at `maxBackoffMs`, with jitter. Defaults 1 s and 30 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The longest `Retry-After` honoured; a longer one fails the request at once. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Largest body accepted. Default 64 MB. */
  maxBytes?: number;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Told about each retry (the request without the key, the reason, the wait). */
  log?: (line: string) => void;
}

/** A response body, with the request that produced it as messages name it (`GET <url>`, no key). */
export interface DtmResponse {
  request: string;
  body: Uint8Array;
}

export interface DtmClient {
  /** GETs `path` with `params`; retries 429, 5xx, timeouts and network errors; throws `DtmApiError`. */
  get(path: string, params?: Record<string, string>, signal?: AbortSignal): Promise<DtmResponse>;
}

/** The DTM API could not be read: the message names the request (never the key). */
export class DtmApiError extends AtlasError {
  constructor(
    readonly request: string,
    problem: string,
  ) {
    super('unavailable', `${request}: ${problem}`, { request });
    this.name = 'DtmApiError';
  }
}

const DEFAULTS = {
  requestTimeoutMs: 60_000,
  attempts: 4,
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxBytes: 64 * 1024 * 1024,
};

/** Statuses worth another try: throttling and the gateway's or the service's own failures. */
const RETRYABLE = (status: number) => status === 429 || status >= 500;

/**
 * A request's outcome: the body, a reason to try again (and how long to wait first), or the key refused.
 * A final error is thrown instead.
 */
type Attempt = { body: Uint8Array } | { retry: string; waitMs?: number } | { refused: string };

/** A DTM API v3 client over `fetch`: one key header, per-request timeouts, retries with backoff and jitter. */
export function createDtmClient(options: DtmClientOptions): DtmClient {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const base = options.baseUrl.replace(/\/+$/, '');
  const keys = typeof options.key === 'string' ? fixedKey(options.key, 'DTM_API_KEY') : options.key;
  // Every key this client has held: an answer echoing an old one is redacted too.
  const seen = new Set<string>();
  const redact = (text: string) => [...seen].reduce((out, key) => out.split(key).join('***'), text);
  const keyFor = async (request: string, fresh: boolean) => {
    const key = await keys.key(fresh).catch((error: Error) => {
      throw new DtmApiError(redact(request), `no subscription key: ${redact(error.message)}`);
    });
    if (key) seen.add(key);
    return key;
  };
  return {
    async get(path, params = {}, signal) {
      const url = `${base}${path}${query(params)}`;
      let key = await keyFor(`GET ${url}`, false);
      const request = redact(`GET ${url}`);
      let reread = false;
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw new DtmApiError(request, "the sync run's time limit passed");
        const outcome = await tryOnce(url, request, key, signal, settings, options, redact);
        if ('body' in outcome) return { request, body: outcome.body };
        if ('refused' in outcome) {
          // Once per request: read the key again (rotated since it was cached?) and, if it changed, retry now.
          const again: string = reread ? key : await keyFor(request, true);
          if (again === key) throw new DtmApiError(request, `${outcome.refused}; check ${keys.origin}`);
          options.log?.(
            `${request}: the key was refused; read ${keys.origin} again and trying with the new key`,
          );
          [key, reread] = [again, true];
          attempt--;
          continue;
        }
        if (attempt >= settings.attempts)
          throw new DtmApiError(request, `${outcome.retry} (gave up after ${attempt} attempts)`);
        const backoff = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** (attempt - 1));
        // Equal jitter: half the backoff fixed, half random, so clients that failed together spread out.
        const waitMs = outcome.waitMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
        options.log?.(`${request}: ${outcome.retry}; try ${attempt + 1} in ${(waitMs / 1000).toFixed(1)} s`);
        await sleep(waitMs, signal).catch(() => {
          throw new DtmApiError(request, `${outcome.retry}; the sync run's time limit passed before a retry`);
        });
      }
    },
  };
}

/** One try: the body of a 2xx, a retryable problem, a refused key, or a `DtmApiError` for anything else. */
async function tryOnce(
  url: string,
  request: string,
  key: string,
  runSignal: AbortSignal | undefined,
  settings: typeof DEFAULTS,
  options: DtmClientOptions,
  redact: (text: string) => string,
): Promise<Attempt> {
  const timeout = AbortSignal.timeout(settings.requestTimeoutMs);
  const signal = runSignal ? AbortSignal.any([runSignal, timeout]) : timeout;
  const fetcher = options.fetch ?? (globalThis.fetch as FetchLike);
  try {
    const response = await fetcher(url, {
      headers: { 'Ocp-Apim-Subscription-Key': key, Accept: 'application/json' },
      signal,
    });
    if (response.ok) return { body: await readBody(response, request, settings.maxBytes) };
    const detail = redact(await errorDetail(response));
    if (response.status === 401 || response.status === 403)
      return { refused: `the DTM API refused the subscription key (${response.status}${detail})` };
    if (!RETRYABLE(response.status)) throw new DtmApiError(request, `answered ${response.status}${detail}`);
    const waitMs = retryAfterMs(response.headers.get('retry-after'), options.now ?? Date.now);
    if (waitMs !== undefined && waitMs > settings.maxRetryAfterMs) {
      throw new DtmApiError(
        request,
        `answered ${response.status} and asks to wait ${Math.ceil(waitMs / 1000)} s (Retry-After), longer than the ${settings.maxRetryAfterMs / 1000} s a sync waits`,
      );
    }
    return { retry: `answered ${response.status}${detail}`, ...(waitMs !== undefined ? { waitMs } : {}) };
  } catch (error) {
    if (error instanceof DtmApiError) throw error;
    if (runSignal?.aborted) throw new DtmApiError(request, "the sync run's time limit passed");
    if (timeout.aborted) return { retry: `no complete answer within ${settings.requestTimeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { retry: redact(`could not be reached (${cause ?? (error as Error).message})`) };
  }
}

async function readBody(response: Response, request: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const tooBig = () => new DtmApiError(request, `the answer is over the ${maxBytes / 1024 / 1024} MB limit`);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig();
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > maxBytes) throw tooBig();
  return body;
}

/** What an error answer says about itself: the DTM envelope's `errorMessages`, or the gateway's `message`. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errorMessages?: unknown; message?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.join('; ') : body.message;
    return typeof messages === 'string' && messages ? `: ${messages.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: () => number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function query(params: Record<string, string>): string {
  const search = new URLSearchParams(params).toString();
  return search ? `?${search}` : '';
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function definedOnly(options: DtmClientOptions): Partial<typeof DEFAULTS> {
  return Object.fromEntries(
    Object.entries(options).filter(([name, value]) => name in DEFAULTS && value !== undefined),
  );
}
