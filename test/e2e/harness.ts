import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { REPO_ROOT, WEB_DIST } from '../../functions/local/paths.ts';
import { ensureWebBuild } from '../../functions/local/web-build.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

/** Screenshots of the main states (git-ignored). */
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-output');

/** A page with what it logged and asked for: console errors, and requests that left the service's origin. */
export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
}

/** The seeded service with the built pages on a loopback port, and chromium. */
export interface Harness {
  service: TestService;
  origin: string;
  browser: Browser;
  /** Opens a page that records console errors and requests to other hosts (`allowed` origins excepted). */
  open(url: string, options?: BrowserContextOptions & { allowed?: string[] }): Promise<WatchedPage>;
  close(): Promise<void>;
}

/**
 * Starts throw-away stand-ins seeded with the real data (or from `dataDir`), serves web/dist with the app,
 * launches chromium.
 */
export async function startHarness(options: { dataDir?: string } = {}): Promise<Harness> {
  await ensureWebBuild(() => {});
  const service = await startSeededService({ staticFiles: serveStatic({ root: WEB_DIST }) }, options.dataDir);
  const server = await listenOnLoopback(service.app.fetch);
  const browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    service,
    origin: server.origin,
    browser,
    async open(url, options = {}) {
      const { allowed = [], ...contextOptions } = options;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      const page = await context.newPage();
      const watched: WatchedPage = { page, consoleErrors: [], foreignRequests: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') watched.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => watched.consoleErrors.push(String(error)));
      page.on('request', (request) => {
        const requested = request.url();
        const own = [server.origin, ...allowed].some((origin) => requested.startsWith(`${origin}/`));
        if (!own && !requested.startsWith('data:') && !requested.startsWith('blob:')) {
          watched.foreignRequests.push(requested);
        }
      });
      await page.goto(onMali(url, server.origin));
      return watched;
    },
    async close() {
      await browser.close();
      await server.close();
      await service.close();
    },
  };
}

/** Waits until the map has drawn the round (and its tiles) after a change. */
export async function waitForRound(page: Page, round: string): Promise<void> {
  await page.waitForSelector(`body[data-round="${round}"]`, { timeout: 20_000 });
}

/** Rendered features of a layer after the map has settled. */
export async function renderedPcodes(
  page: Page | import('playwright-core').Frame,
  layer: string,
): Promise<string[]> {
  return page.evaluate(async (layer) => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    const features = map.queryRenderedFeatures({ layers: [layer] });
    return [
      ...new Set(features.map((f: any) => String(f.properties.pcode ?? f.properties.name))),
    ] as string[];
  }, layer);
}

/** Moves the map and waits for it to settle. */
export async function jumpTo(
  page: Page,
  zoom: number,
  center: [number, number] = [-4.0, 14.5],
): Promise<void> {
  await page.evaluate(
    async ({ zoom, center }) => {
      const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
      map.jumpTo({ center, zoom });
      await new Promise((resolve) => map.once('idle', resolve));
    },
    { zoom, center },
  );
}

/** Text without the narrow no-break spaces French puts in numbers, for comparisons. */
export function plainSpaces(text: string | null): string {
  return (text ?? '').replace(/[\u202f\u00a0]/g, ' ');
}

/**
 * The browser tests are about Mali, and the page opens the dataset its hash names (else the catalog's first,
 * which is Haiti now that both are seeded): a page of this service without `dataset=` gets `dataset=mli`.
 */
export function onMali(url: string, origin: string): string {
  if (!url.startsWith(origin) || /[#&]dataset=/.test(url)) return url;
  const [base, hash = ''] = url.split('#');
  return `${base}#${hash ? `${hash}&` : ''}dataset=mli`;
}

/** A browser window's inner size. */
export interface ScreenSize {
  readonly width: number;
  readonly height: number;
}

/** The four screens issue 15 tries the page on: desktop, laptop, tablet (portrait) and a phone. */
export const SCREEN_SIZES: readonly [ScreenSize, ScreenSize, ScreenSize, ScreenSize] = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 360, height: 740 },
];
