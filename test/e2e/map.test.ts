import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, WEB_DIST } from '../../functions/local/paths.ts';
import { ensureWebBuild } from '../../functions/local/web-build.ts';
import { browserAvailable, launchBrowser } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output');
const run = browserAvailable();

describe.runIf(run)('the map in chromium', () => {
  let service: TestService;
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    await ensureWebBuild(() => {});
    service = await startSeededService({ staticFiles: serveStatic({ root: WEB_DIST }) });
    server = await listenOnLoopback(service.app.fetch);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on('console', (message) => {
      // SwiftShader's readback warnings are noise of headless WebGL, not page errors.
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
        foreignRequests.push(url);
    });
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.goto(`${server.origin}/#dataset=mli`);
    await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await service?.close();
  });

  const renderedAt = async (zoom: number, layer: string) =>
    page.evaluate(
      async ({ zoom, layer }) => {
        const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
        map.jumpTo({ center: [-4.0, 14.5], zoom });
        await new Promise((resolve) => map.once('idle', resolve));
        const features = map.queryRenderedFeatures({ layers: [layer] });
        return {
          count: features.length,
          pcodes: [...new Set(features.map((f: any) => f.properties.pcode))] as string[],
        };
      },
      { zoom, layer },
    );

  it('colours régions, then cercles, then communes as one zooms in', async () => {
    const regions = await renderedAt(4, 'adm1-fill');
    expect(regions.pcodes.length).toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-regions.png') });
    const cercles = await renderedAt(6, 'adm2-fill');
    expect(cercles.pcodes.every((p) => p.length === 6)).toBe(true);
    expect(cercles.pcodes.length).toBeGreaterThan(5);
    // Round 72's figures are meant for cercles (issue 15, item 4): following the zoom stops there.
    expect((await renderedAt(8, 'adm2-fill')).count).toBeGreaterThan(0);
    expect((await renderedAt(8, 'adm3-fill')).count).toBe(0);
    await page.selectOption('#level-select', 'adm3');
    const communes = await renderedAt(8, 'adm3-fill');
    expect(communes.pcodes.every((p) => p.length === 8)).toBe(true);
    expect(communes.pcodes.length).toBeGreaterThan(10);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-communes.png') });
    await page.selectOption('#level-select', 'auto');
  });

  it('shows a legend with classes, and a distinct no-data swatch where areas lack the figure', async () => {
    const legendKinds = () =>
      page.$$eval('#legend li', (items) => items.map((li) => (li as HTMLElement).dataset.kind));
    const lacking = (layer: string) =>
      page.evaluate(
        (layer) =>
          (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas.map
            .queryRenderedFeatures({ layers: [layer] })
            .filter((f: any) => typeof f.properties.idps_ind !== 'number').length,
        layer,
      );
    await renderedAt(4, 'adm1-fill');
    const kinds = await legendKinds();
    expect(kinds.filter((k) => k === 'class').length).toBeGreaterThanOrEqual(2);
    // The no-data entry is listed exactly when some area of the level shown lacks the figure.
    expect(kinds.includes('no-data')).toBe((await lacking('adm1-fill')) > 0);
    expect(await page.textContent('#headline')).toContain('401,736');
    // Communes (chosen by hand): many have no row in Round 72, and the legend says so with its own swatch.
    await page.selectOption('#level-select', 'adm3');
    await renderedAt(8, 'adm3-fill');
    expect(await lacking('adm3-fill')).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelector('#legend li[data-kind="no-data"]'));
    expect(await legendKinds()).toContain('no-data');
    await page.selectOption('#level-select', 'auto');
  });

  it('shows the name and figures of the area under the pointer', async () => {
    await renderedAt(5, 'adm2-fill');
    const { point, props } = await page.evaluate(() => {
      const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
      const p = map.project([-3.0, 16.5]);
      const box = map.getCanvas().getBoundingClientRect();
      const feature = map.queryRenderedFeatures(p, { layers: ['adm2-fill'] })[0];
      return { point: { x: box.left + p.x, y: box.top + p.y }, props: feature?.properties ?? {} };
    });
    expect(props.status).toBe('reported');
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('#tooltip:not([hidden])', { timeout: 10_000 });
    const text = (await page.textContent('#tooltip')) ?? '';
    expect(text).toContain(props.name);
    expect(text).toContain(new Intl.NumberFormat('en-GB').format(props.idps_ind));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-hover.png') });
  });

  it('makes no request to another host and logs no error', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
