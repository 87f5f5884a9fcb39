/**
 * One cold load of a page in headless chromium for the web bench: when the map first painted a choropleth,
 * and what each response weighed (as sent, decoded, and compressed by node:zlib as a CDN would).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';

/** Network conditions of a load: none (loopback as it is), or CDP's emulation of a slow link. */
export interface Throttle {
  name: string;
  /** Download and upload in bits per second, and latency added to each request in ms. */
  downBps: number;
  upBps: number;
  latencyMs: number;
}

/** Bytes of one kind of resource in one load. */
export interface Bytes {
  files: number;
  /** Decoded body bytes (what the file is). */
  raw: number;
  /** Body bytes as the server sent them (after its Content-Encoding). */
  sent: number;
  /** The decoded bodies compressed here: gzip level 6 and brotli quality 11 (defaults of node:zlib). */
  gzip: number;
  brotli: number;
  /** Content-Encoding values the server answered with ('none' for none). */
  encodings: string[];
}

/** What one load measured; times in ms from navigation start. */
export interface Load {
  /** The first frame with fill features carrying the indicator's figure (painted on screen). */
  firstChoropleth: number;
  /** The page's own `dtm-atlas:choropleth` mark: the map's first `idle` (everything loaded and drawn). */
  firstIdle: number;
  domContentLoaded: number;
  bytes: Record<string, Bytes>;
}

/**
 * Watches the map from the page's first script on: after each frame MapLibre draws (`render`), asks which fill
 * features are on screen and marks `bench:first-choropleth` at the first frame where one carries a number for
 * the indicator. A string, so that no bundler helper leaks into the page.
 */
function firstChoroplethScript(indicator: string): string {
  return `(() => {
    const indicator = ${JSON.stringify(indicator)};
    const attach = () => {
      const map = window.dtmAtlas && window.dtmAtlas.map;
      if (!map) { setTimeout(attach, 10); return; }
      const check = () => {
        if (!map.isStyleLoaded()) return;
        const layers = map.getLayersOrder().filter((id) => map.getLayer(id).type === 'fill');
        if (layers.length === 0) return;
        const painted = map.queryRenderedFeatures({ layers });
        if (!painted.some((f) => typeof f.properties[indicator] === 'number')) return;
        performance.mark('bench:first-choropleth');
        map.off('render', check);
      };
      map.on('render', check);
    };
    attach();
  })()`;
}

/** Which row of the byte table a response belongs to. */
export function kind(url: string, contentType: string): string {
  const path = new URL(url).pathname;
  if (path.includes('worker') && /\.m?js$/.test(path)) return 'map worker (JS)';
  if (contentType.includes('javascript')) return 'JS';
  if (contentType.includes('css')) return 'CSS';
  if (contentType.includes('html')) return 'HTML';
  if (path.startsWith('/fonts/')) return 'glyphs';
  if (path.startsWith('/tiles/') && !path.endsWith('.json')) return 'tiles';
  return 'JSON (API, style, TileJSON)';
}

/** One response as read during a load; compressed only after the load is measured. */
interface Received {
  url: string;
  body: Buffer;
  contentType: string;
  encoding: string;
  /** Body bytes as sent, as Chromium reports them (0 when it does not). */
  sentBytes: number;
  contentLength: number;
}

/**
 * Reads one response, once per URL: the page asks for the first glyph range and the map worker early and
 * MapLibre asks again a moment later, answered by the browser's cache; counting both would count one download
 * twice. Only the body is read here; compressing it waits until the load is measured (`tally`), since brotli at
 * quality 11 takes seconds of CPU that this 2-core machine would otherwise take from the page being timed.
 */
async function receive(counted: Set<string>, response: Response): Promise<Received | undefined> {
  if (counted.has(response.url())) return undefined;
  counted.add(response.url());
  const body = await response.body().catch(() => undefined);
  if (!body) return undefined;
  const headers = response.headers();
  const sizes = await response.request().sizes();
  return {
    url: response.url(),
    body,
    contentType: headers['content-type'] ?? '',
    encoding: headers['content-encoding'] ?? 'none',
    sentBytes: sizes.responseBodySize,
    contentLength: Number(headers['content-length'] ?? Number.NaN),
  };
}

/** The byte table of a load's responses: decoded, as sent, and compressed here as a CDN would. */
function tally(received: Received[]): Record<string, Bytes> {
  const bytes: Record<string, Bytes> = {};
  for (const { url, body, contentType, encoding, sentBytes, contentLength } of received) {
    const key = kind(url, contentType);
    const entry = bytes[key] ?? { files: 0, raw: 0, sent: 0, gzip: 0, brotli: 0, encodings: [] };
    bytes[key] = entry;
    entry.files += 1;
    entry.raw += body.length;
    // Chromium reports no body size for a script a worker loads itself.
    entry.sent +=
      sentBytes || (Number.isNaN(contentLength) && encoding === 'none' ? body.length : contentLength);
    entry.gzip += gzipSync(body, { level: 6 }).length;
    entry.brotli += brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
    if (!entry.encodings.includes(encoding)) entry.encodings.push(encoding);
  }
  return bytes;
}

/**
 * Loads `url` in a fresh browser context (an empty cache) at 1280×800, throttled through the Chrome DevTools
 * Protocol when asked, and waits for the page's ready mark.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  indicator: string,
  throttle?: Throttle,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(firstChoroplethScript(indicator));
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttle.latencyMs,
      downloadThroughput: throttle.downBps / 8,
      uploadThroughput: throttle.upBps / 8,
    });
  }
  const pending: Promise<Received | undefined>[] = [];
  const counted = new Set<string>();
  page.on('response', (response) => pending.push(receive(counted, response)));
  try {
    await page.goto(url);
    await page.waitForSelector('body[data-map="ready"]', { timeout: 180_000 });
    await page.waitForFunction(() => performance.getEntriesByName('bench:first-choropleth').length > 0);
    const times = await page.evaluate(() => ({
      firstChoropleth: performance.getEntriesByName('bench:first-choropleth')[0]?.startTime ?? Number.NaN,
      firstIdle: performance.getEntriesByName('dtm-atlas:choropleth')[0]?.startTime ?? Number.NaN,
      domContentLoaded:
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
          ?.domContentLoadedEventEnd ?? Number.NaN,
    }));
    const received = (await Promise.all(pending)).filter((r): r is Received => r !== undefined);
    return { ...times, bytes: tally(received) };
  } finally {
    await context.close();
  }
}
