/**
 * The DTM API client on an injected fetch and a fake clock: retries 429 and 5xx with backoff and jitter,
 * honours Retry-After, gives up naming the request, times a request out, and never shows the key.
 */
import { describe, expect, it } from 'vitest';
import { createDtmClient, type FetchLike } from '../../functions/sync/dtm-client.ts';

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
