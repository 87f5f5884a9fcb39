import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

const run = browserAvailable();
/** A round before the latest, so that "the same round" cannot come from the default. */
const ROUND = '2013-06';

/** What a user sees of an embedded map. */
interface EmbedView {
  round: string | undefined;
  lang: string;
  roundText: string;
  legendFolded: boolean;
  legendButton: boolean;
  stepButtons: boolean;
  indicatorChoice: boolean;
  ratio: number;
}

/**
 * Waits for the iframe of exactly that embed URL and its first choropleth. The builder's preview is a new iframe
 * after each change settles, so the frame is looked for again until one of that URL is ready.
 */
async function embedFrame(page: Page, src: string): Promise<Frame> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url() === src && !f.isDetached());
    if (frame) {
      const ready = await frame
        .waitForSelector('body[data-map="ready"]', { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (ready && !frame.isDetached()) return frame;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `no embed frame ${src} among ${page
          .frames()
          .map((f) => f.url())
          .join(' ')}`,
      );
    }
    await page.waitForTimeout(100);
  }
}

/** What the frame shows: round and language, the legend folded behind its button, which controls show. */
async function viewOf(frame: Frame): Promise<EmbedView> {
  const element = await frame.frameElement();
  const box = await element.boundingBox();
  const shown = async (selector: string) => (await frame.$(selector))?.isVisible() ?? false;
  return {
    round: await frame.evaluate(() => document.body.dataset.round),
    lang: await frame.evaluate(() => document.documentElement.lang),
    roundText: (await frame.textContent('#round-output')) ?? '',
    legendFolded: await frame.evaluate(() => document.getElementById('legend')?.hasAttribute('data-folded')),
    legendButton: await shown('.legend-toggle'),
    stepButtons: (await shown('#round-previous')) || (await shown('#round-next')),
    indicatorChoice: await shown('#indicator-select'),
    ratio: box ? Math.round((box.width / box.height) * 100) / 100 : 0,
  } as EmbedView;
}

/** The iframe address in some embed code, its attribute escapes undone. */
function srcOf(code: string): string {
  return (/src="([^"]+)"/.exec(code)?.[1] ?? '').replaceAll('&#38;', '&');
}

/**
 * Issue 16, embed builder: a partner chooses 4:3, French, the round locked and the legend folded; the preview
 * shows it, and the code the builder gives, pasted in a page of another origin, shows the same map.
 */
describe.runIf(run)('the Embed builder', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let host: Awaited<ReturnType<typeof listenOnLoopback>> | undefined;
  let preview: EmbedView;
  let code = '';
  let oembedUrl = '';

  beforeAll(async () => {
    harness = await startHarness();
    watched = await harness.open(`${harness.origin}/#round=${ROUND}&indicator=idps_ind&lang=en&dataset=mli`, {
      viewport: { width: 1440, height: 900 },
    });
    await watched.page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  });

  afterAll(async () => {
    await harness?.close();
    await host?.close();
  });

  it('previews the configured embed live', async () => {
    const { page } = watched;
    await page.click('#embed-button');
    await page.selectOption('#embed-options select[name="size"]', '4:3');
    await page.selectOption('#embed-options select[name="lang"]', 'fr');
    await page.check('#embed-options input[name="lock-round"]');
    await page.selectOption('#embed-options select[name="legend"]', 'collapsed');
    code = await page.inputValue('#embed-code');
    oembedUrl = await page.inputValue('#embed-oembed');
    expect(code).toContain('aspect-ratio:800/600');
    expect(code).toContain('lock=round&#38;legend=collapsed&#38;ratio=4:3#round=2013-06');
    const frame = await embedFrame(page, srcOf(code));
    await frame.waitForFunction(() => document.body.dataset.legend === 'collapsed');
    preview = await viewOf(frame);
    expect(preview).toMatchObject({
      round: ROUND,
      lang: 'fr',
      legendFolded: true,
      legendButton: true,
      stepButtons: false,
      indicatorChoice: true,
      ratio: 1.33,
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'embed-builder-dialog.png') });
  });

  it('gives the same oEmbed code for that configuration', async () => {
    const answer = (await (await fetch(oembedUrl)).json()) as { html: string; thumbnail_url?: string };
    const src = /src="([^"]+)"/.exec(code)?.[1];
    expect(src).toBeTruthy();
    expect(answer.html).toContain(`src="${src}"`);
    expect(srcOf(answer.html)).toBe(srcOf(code));
    expect(answer.html).toContain('aspect-ratio:800/600');
    expect(answer.thumbnail_url).toContain(`/thumbnails/mli/${ROUND}/adm1.png?`);
  });

  it('reproduces the preview in a page of another origin', async () => {
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title></head>
<body style="margin:0"><h1>Partner</h1><div style="width:720px">${code}</div></body></html>`;
    host = await listenOnLoopback(
      () => new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    );
    expect(host.origin).not.toBe(harness.origin);
    const partner = await harness.open(`${host.origin}/`, {
      allowed: [host.origin],
      viewport: { width: 1024, height: 768 },
    });
    const frame = await embedFrame(partner.page, srcOf(code));
    await frame.waitForFunction(() => document.body.dataset.legend === 'collapsed');
    const hosted = await viewOf(frame);
    expect(hosted).toEqual(preview);
    // The round locked: no key steps it.
    await frame.focus('#map');
    await partner.page.keyboard.press(']');
    // The store takes a step at once (the picture follows later), so reading it right away is enough.
    expect(await frame.evaluate(() => (window as any).dtmAtlas.atlas.store.state.round)).toBe(ROUND);
    await partner.page.screenshot({ path: path.join(SCREENSHOTS, 'embed-builder-partner.png') });
    expect(partner.foreignRequests).toEqual([]);
    expect(partner.consoleErrors).toEqual([]);
  });

  it('logs no error and asks no other host for anything', () => {
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
