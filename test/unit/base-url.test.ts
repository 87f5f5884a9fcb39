import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type BaseUrlConfig, baseUrlResolver } from '../../functions/http/base-url.ts';

const resolve = async (config: BaseUrlConfig, headers: Record<string, string> = {}) => {
  const app = new Hono();
  const baseUrl = baseUrlResolver(config);
  app.get('/', (c) => c.text(baseUrl(c)));
  return (await app.request('http://abc.lambda-url.eu-west-1.on.aws/', { headers })).text();
};

describe('public base URL', () => {
  it('uses the configured origin, else the trusted CDN host header, else the request origin', async () => {
    expect(await resolve({ publicBaseUrl: 'https://atlas.example.org/' })).toBe('https://atlas.example.org');
    expect(
      await resolve({ publicHostHeader: 'x-forwarded-host' }, { 'x-forwarded-host': 'd111.cloudfront.net' }),
    ).toBe('https://d111.cloudfront.net');
    // A header is only trusted when configured, and never when it is not a host name.
    expect(await resolve({}, { 'x-forwarded-host': 'evil.example' })).toBe(
      'http://abc.lambda-url.eu-west-1.on.aws',
    );
    expect(await resolve({ publicHostHeader: 'x-forwarded-host' }, { 'x-forwarded-host': 'a/b@c' })).toBe(
      'http://abc.lambda-url.eu-west-1.on.aws',
    );
  });
});
