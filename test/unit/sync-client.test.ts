/**
 * The DTM API client on an injected fetch and a fake clock: retries 429 and 5xx with backoff and jitter,
 * honours Retry-After, gives up naming the request, times a request out, never shows the key, and reads a
 * refused key again from its source (a rotated key) without a restart.
 */
import { describe, expect, it } from 'vitest';
import { createDtmClient, type FetchLike } from '../../functions/sync/dtm-client.ts';
import { cachedKey } from '../../functions/sync/key-source.ts';

const KEY = 'secret-key-93b1';
const BASE = 'https://dtm.example';

function scripted(answers: Array<() => Response | Promise<Response>>) {
  const seen: Array<{ url: string; key: string | undefined }> = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, key: init.headers['Ocp-Apim-Subscription-Key'] });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { fetch, seen };
}

function client(fetch: FetchLike, waits: number[] = [], extra = {}) {
  return createDtmClient({
    baseUrl: BASE,
    key: KEY,
    fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    ...extra,
  });
}

const ok = () => new Response('{"isSuccess":true,"result":[]}', { status: 200 });

describe('the DTM API client', () => {
  it('retries 429 after its Retry-After and 503 after a jittered backoff, sending the key each time', async () => {
    const { fetch, seen } = scripted([
      () => new Response('{}', { status: 429, headers: { 'Retry-After': '7' } }),
      () => new Response('{}', { status: 503 }),
      ok,
    ]);
    const waits: number[] = [];
    const response = await client(fetch, waits).get('/v3/displacement/admin0', { Admin0Pcode: 'XXX' });
    expect(new TextDecoder().decode(response.body)).toContain('isSuccess');
    expect(response.request).toBe(`GET ${BASE}/v3/displacement/admin0?Admin0Pcode=XXX`);
    // 7 s as asked; then the second backoff (2 s) with equal jitter at random 0.5: 1 s + 0.5 s.
    expect(waits).toEqual([7000, 1500]);
    expect(seen.map((s) => s.key)).toEqual([KEY, KEY, KEY]);
  });

  it('honours a Retry-After date and refuses one longer than it waits', async () => {
    const waits: number[] = [];
    const date = new Date(Date.parse('2026-01-01T00:00:30Z')).toUTCString();
    const first = scripted([() => new Response('{}', { status: 429, headers: { 'Retry-After': date } }), ok]);
    await client(first.fetch, waits).get('/x');
    expect(waits).toEqual([30_000]);
    const long = scripted([() => new Response('{}', { status: 429, headers: { 'Retry-After': '3600' } })]);
    await expect(client(long.fetch).get('/x')).rejects.toThrow(/GET https:\/\/dtm\.example\/x: .*3600 s/);
  });

  it('gives up after its attempts, naming the request and the last problem, never the key', async () => {
    const echo = () => new Response(JSON.stringify({ errorMessages: [`bad key ${KEY}`] }), { status: 500 });
    const { fetch } = scripted([echo, echo, echo]);
    const error = await client(fetch, [], { attempts: 3 })
      .get('/v3/displacement/admin1')
      .catch((e: Error) => e);
    expect(String(error)).toContain(`GET ${BASE}/v3/displacement/admin1: answered 500`);
    expect(String(error)).toContain('gave up after 3 attempts');
    expect(String(error)).not.toContain(KEY);
  });

  it('does not retry a refused key or a 404', async () => {
    const refused = scripted([() => new Response('{"message":"Access denied"}', { status: 401 })]);
    await expect(client(refused.fetch).get('/x')).rejects.toThrow(
      /refused the subscription key \(401: Access denied\)/,
    );
    expect(refused.seen).toHaveLength(1);
    const missing = scripted([() => new Response('{}', { status: 404 })]);
    await expect(client(missing.fetch).get('/x')).rejects.toThrow(/answered 404/);
  });

  it('times a silent request out and tries again; stops when the run is aborted', async () => {
    let calls = 0;
    const fetch: FetchLike = (_url, init) => {
      calls++;
      if (calls > 1 && calls !== 3) return Promise.resolve(ok());
      return new Promise((_resolve, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason)),
      );
    };
    await client(fetch, [], { requestTimeoutMs: 20 }).get('/x');
    expect(calls).toBe(2);
    await expect(client(fetch, [], { requestTimeoutMs: 20, attempts: 1 }).get('/x')).rejects.toThrow(
      /GET https:\/\/dtm\.example\/x: no complete answer within 0\.02 s/,
    );
    const run = new AbortController();
    run.abort();
    await expect(client(fetch).get('/x', {}, run.signal)).rejects.toThrow(/time limit passed/);
  });
});

describe('the DTM API client with a key source (the Lambda: an SSM parameter)', () => {
  const ORIGIN = 'SSM parameter "/dtm-atlas/dtm-api-key"';
  const NEW_KEY = 'rotated-key-5c2a';
  /** A key store the test rotates, behind the same cache the Lambda uses; counts its reads. */
  function store(first: string) {
    const state = { value: first, reads: 0 };
    const keys = cachedKey(ORIGIN, async () => {
      state.reads++;
      return state.value;
    });
    return { state, keys };
  }
  /** The API accepts only `accepted()`; a 401 otherwise, with APIM's body. */
  function api(accepted: () => string) {
    const seen: string[] = [];
    const fetch: FetchLike = async (_url, init) => {
      const key = init.headers['Ocp-Apim-Subscription-Key'] ?? '';
      seen.push(key);
      return key === accepted() ? ok() : new Response('{"message":"Access denied"}', { status: 401 });
    };
    return { fetch, seen };
  }

  it('reads the key once for many requests, and again once the API refuses it (rotated): no restart', async () => {
    const { state, keys } = store(KEY);
    let current = KEY;
    const { fetch, seen } = api(() => current);
    const waits: number[] = [];
    const dtm = client(fetch, waits, { key: keys });
    await dtm.get('/a');
    await dtm.get('/b');
    expect(state.reads).toBe(1);
    // Rotated: the parameter and the API now hold the new key; the client still has the old one.
    [state.value, current] = [NEW_KEY, NEW_KEY];
    await dtm.get('/c');
    await dtm.get('/d');
    expect(seen).toEqual([KEY, KEY, KEY, NEW_KEY, NEW_KEY]);
    expect(state.reads).toBe(2);
    // The retry with the new key is at once, not after a backoff.
    expect(waits).toEqual([]);
  });

  it('fails naming where the key comes from when the re-read key is refused too, showing neither key', async () => {
    const { state, keys } = store(KEY);
    const { fetch, seen } = api(() => 'a-key-nobody-has');
    const error = await client(fetch, [], { key: keys })
      .get('/x')
      .catch((e: Error) => e);
    expect(String(error)).toContain(`refused the subscription key (401: Access denied); check ${ORIGIN}`);
    // Read again, found unchanged: the same key is not sent twice.
    expect(seen).toEqual([KEY]);
    expect(state.reads).toBe(2);

    state.value = NEW_KEY;
    const echo: FetchLike = async (_url, init) =>
      new Response(JSON.stringify({ message: `bad ${init.headers['Ocp-Apim-Subscription-Key']}` }), {
        status: 403,
      });
    const echoed = await client(echo, [], { key: keys })
      .get('/x')
      .catch((e: Error) => String(e));
    expect(echoed).toContain('403: bad ***');
    expect(echoed).not.toContain(KEY);
    expect(echoed).not.toContain(NEW_KEY);
  });

  it('says which key source failed when the key cannot be read, and reads it again next time', async () => {
    let fail = true;
    const keys = cachedKey(ORIGIN, async () => {
      if (fail) throw new Error(`could not read ${ORIGIN} (AccessDeniedException)`);
      return KEY;
    });
    const { fetch, seen } = api(() => KEY);
    await expect(client(fetch, [], { key: keys }).get('/x')).rejects.toThrow(
      `GET ${BASE}/x: no subscription key: could not read ${ORIGIN} (AccessDeniedException)`,
    );
    expect(seen).toEqual([]);
    fail = false;
    await client(fetch, [], { key: keys }).get('/x');
    expect(seen).toEqual([KEY]);
  });
});
