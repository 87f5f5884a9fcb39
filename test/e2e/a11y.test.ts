import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, SCREEN_SIZES, SCREENSHOTS, startHarness } from './harness.ts';

const run = browserAvailable();

/** axe-core's browser build, injected from node_modules: the page never loads anything from another host. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SIZES = SCREEN_SIZES;

/** The states axe checks: the page of each country, the table, the embed and a 2013 round (9-région layer). */
const STATES = [
  { name: 'mali', hash: '/#dataset=mli&lang=en' },
  { name: 'haiti', hash: '/#dataset=hti&lang=en' },
  { name: 'table', hash: '/#dataset=mli&round=72&indicator=idps_ind&lang=en&view=table' },
  { name: 'embed', hash: '/embed/#dataset=mli&round=72&indicator=idps_ind&lang=en' },
  { name: 'mali-2013', hash: '/#dataset=mli&round=2013-06&indicator=idps_ind&lang=en' },
] as const;

/** One axe violation, shortened to what a reader of a failing test needs: rule, impact and the elements. */
interface Finding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (its default rules: WCAG 2.x A/AA and best practices) on the page as it stands. */
async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<any> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((v: any) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.slice(0, 300)),
    }));
  });
}

/** Waits until the map has drawn its first round and has nothing left to load. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  await page.evaluate(async () => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
  });
}

describe.runIf(run)('accessibility (axe-core) at four screen sizes', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const size of SIZES) {
    for (const state of STATES) {
      it(`${state.name} at ${size.width}×${size.height}: no violations`, async () => {
        // The page's CSP (script-src 'self') refuses the injected <script>; bypassCSP lets axe in and
        // changes nothing else the page does.
        const watched = await harness.open(`${harness.origin}${state.hash}`, {
          viewport: size,
          bypassCSP: true,
        });
        const { page } = watched;
        try {
          await settled(page);
          if (state.name === 'table') {
            await page.waitForSelector('#table-view:not([hidden]) table', { timeout: 20_000 });
          }
          if (state.name === 'mali-2013') await page.waitForSelector('body[data-round="2013-06"]');
          await page.screenshot({
            path: path.join(SCREENSHOTS, `a11y-${state.name}-${size.width}x${size.height}.png`),
          });
          expect(await axeFindings(page)).toEqual([]);
          expect(watched.foreignRequests).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }

    it(`a visit at ${size.width}×${size.height}: search list, selected area, embed dialog, French`, async () => {
      const watched = await harness.open(
        `${harness.origin}/#dataset=mli&round=72&indicator=idps_ind&lang=en`,
        {
          viewport: size,
          bypassCSP: true,
        },
      );
      const { page } = watched;
      const shot = (step: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `a11y-${step}-${size.width}x${size.height}.png`) });
      try {
        await settled(page);
        await page.fill('#search-input', 'Mopti');
        await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
        await shot('search');
        expect(await axeFindings(page), 'search list open').toEqual([]);

        await page.dispatchEvent('#search-option-0', 'mousedown');
        await page.waitForSelector('#area-panel:not([hidden])');
        await settled(page);
        await shot('area');
        expect(await axeFindings(page), 'area selected').toEqual([]);

        await page.click('#embed-button');
        await page.waitForSelector('#embed-dialog[open]');
        await shot('embed-dialog');
        expect(await axeFindings(page), 'embed dialog open').toEqual([]);
        await page.keyboard.press('Escape');

        await page.click('#lang-button');
        await page.waitForSelector('html[lang="fr"]');
        await settled(page);
        await shot('french');
        expect(await axeFindings(page), 'in French').toEqual([]);
        expect(watched.foreignRequests).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);
  }
});
