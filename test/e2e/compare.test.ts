import { createRequire } from 'node:module';
import path from 'node:path';
import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureIdForPcode } from '../../functions/core/feature-id.ts';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, plainSpaces, SCREEN_SIZES, SCREENSHOTS, startHarness } from './harness.ts';

const run = browserAvailable();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SIZES = SCREEN_SIZES;

/** Two rounds of Mali's 2012–2014 monthly series, on the same 9-région boundaries: some rise, most fall. */
const SHOWN = '2014-06';
const OTHER = '2012-09';
const HASH = `round=${SHOWN}&indicator=idps_ind&lang=en&dataset=mli&compare=${OTHER}`;

type Totals = { idps_ind?: number };
type Round = { key: string; date: string; boundarySet: string; totals: Totals };
type AreaFigures = { pcode: string; idps_ind?: number };

/** What the map holds for one area in compare mode, and the colour its fill expression gives it. */
interface Painted {
  pcode: string;
  state: Record<string, unknown>;
  colour: string;
}

/** Waits until compare mode is drawn: its legend is up and the map has nothing left to load. */
async function compareDrawn(page: Page | Frame): Promise<void> {
  await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  // Attached, not visible: on a phone the legend starts collapsed behind its button.
  await page.waitForSelector('#legend .compare-totals', { state: 'attached', timeout: 30_000 });
  await page.evaluate(async () => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
  });
}

/** Each rendered région's feature-state, and the colour the live `adm1-fill` paint gives that state. */
async function painted(page: Page | Frame): Promise<Painted[]> {
  const { fill, features } = await page.evaluate(() => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    const rendered = map.queryRenderedFeatures({ layers: ['adm1-fill'] });
    const seen = new Map<string, Record<string, unknown>>();
    for (const f of rendered) {
      const state = map.getFeatureState({ source: 'dtm', sourceLayer: 'adm1', id: f.id });
      seen.set(String(f.properties.pcode), { ...state, id: f.id });
    }
    return { fill: map.getPaintProperty('adm1-fill', 'fill-color'), features: [...seen] };
  });
  const expression = styleSpec.expression.normalizePropertyExpression(
    fill as never,
    'layers.adm1-fill.paint.fill-color' as never,
    (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill['fill-color'] as never,
  ) as unknown as { evaluate(globals: object, feature: object, state: object): styleSpec.Color };
  return features.map(([pcode, state]) => ({
    pcode,
    state,
    colour: expression.evaluate({ zoom: 5 }, { type: 3, properties: {}, geometry: [] }, state).toString(),
  }));
}

/** Hue in degrees of an `rgba(r,g,b,a)` colour. */
function hue(colour: string): number {
  const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return Number.NaN;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

async function axeFindings(page: Page | Frame): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<any> } }).axe;
    const results = await axe.run(document);
    return results.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}

const en = (value: number) => value.toLocaleString('en-GB');
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${en(Math.abs(value))}`;

describe.runIf(run)('compare two rounds (Mali, Sept 2012 → June 2014, 9 régions)', () => {
  let harness: Harness;
  let rounds: Round[];
  let before: Map<string, number | undefined>;
  let after: Map<string, number | undefined>;

  const api = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${harness.origin}${route}`, { headers: { Accept: 'application/json' } });
    return (await response.json()) as T;
  };
  const figures = async (round: string) => {
    const response = await api<{ areas: AreaFigures[] }>(
      `/api/v1/datasets/mli/rounds/${round}/figures?level=adm1`,
    );
    return new Map(response.areas.map((area) => [area.pcode, area.idps_ind]));
  };

  beforeAll(async () => {
    harness = await startHarness();
    rounds = (await api<{ rounds: Round[] }>('/api/v1/datasets/mli/rounds')).rounds;
    before = await figures(OTHER);
    after = await figures(SHOWN);
  });

  afterAll(async () => {
    await harness?.close();
  });

  for (const size of SIZES) {
    const at = `${size.width}x${size.height}`;

    it(`at ${at}: a rise and a fall differ in hue, the legend lists only what is drawn, the headline gives the API totals`, async () => {
      const watched = await harness.open(`${harness.origin}/#${HASH}`, { viewport: size, bypassCSP: true });
      const { page } = watched;
      try {
        await compareDrawn(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, `compare-${at}.png`) });
        const areas = await painted(page);
        expect(areas.length).toBeGreaterThan(5);
        // Each région's difference is the API's later − earlier figure.
        for (const area of areas) {
          const a = before.get(area.pcode);
          const b = after.get(area.pcode);
          expect(area.state.compareDiff, area.pcode).toBe(a !== undefined && b !== undefined ? b - a : null);
          expect(area.state.id).toBe(featureIdForPcode(area.pcode));
        }
        const rise = areas.find((area) => (area.state.compareDiff as number) > 5_000);
        const fall = areas.find((area) => (area.state.compareDiff as number) < -5_000);
        if (!rise || !fall) throw new Error('expected a région with a rise and one with a fall');
        const riseHue = hue(rise.colour);
        const fallHue = hue(fall.colour);
        expect(riseHue < 40 || riseHue > 320, `rise ${rise.colour} is red`).toBe(true);
        expect(fallHue > 180 && fallHue < 260, `fall ${fall.colour} is blue`).toBe(true);

        // The legend: one swatch per colour drawn, and no "no figure" entry since every région has both.
        const legendColours = await page.$$eval('#legend li[data-kind="class"] .swatch', (swatches) =>
          swatches.map((s) => getComputedStyle(s).backgroundColor.replace(/\s/g, '')),
        );
        const drawn = new Set(areas.map((area) => area.colour.replace(/\s/g, '').replace(/,1\)$/, ')')));
        const rgb = (c: string) => c.replace('rgba', 'rgb').replace(/,1\)$/, ')');
        expect(new Set(legendColours.map(rgb))).toEqual(new Set([...drawn].map(rgb)));
        expect(await page.$$('#legend li[data-kind="no-data"]')).toHaveLength(0);

        // The headline: the rounds' totals as the API gives them, and their difference with its percentage.
        const earlier = rounds.find((round) => round.key === OTHER)?.totals.idps_ind as number;
        const later = rounds.find((round) => round.key === SHOWN)?.totals.idps_ind as number;
        const total = (kind: string) =>
          page.$eval(`#compare-headline [data-total="${kind}"]`, (node) => node.textContent);
        expect(plainSpaces(await total('earlier'))).toBe(en(earlier));
        expect(plainSpaces(await total('later'))).toBe(en(later));
        const percent = (((later - earlier) / earlier) * 100).toLocaleString('en-GB', {
          maximumFractionDigits: 1,
        });
        expect(plainSpaces(await total('difference'))).toBe(
          `${signed(later - earlier)} (${later > earlier ? '+' : '−'}${percent.replace('-', '')}%)`,
        );
        expect(await page.isVisible('#compare-headline')).toBe(true);

        // Hovering a région: the tooltip gives both figures and the difference.
        const hover = await page.evaluate(() => {
          const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
          const box = map.getCanvas().getBoundingClientRect();
          for (let y = 0.3; y < 0.8; y += 0.05) {
            const point = [box.width / 2, box.height * y];
            const hit = map.queryRenderedFeatures(point, { layers: ['adm1-fill'] })[0];
            if (hit)
              return { x: box.left + point[0], y: box.top + point[1], pcode: String(hit.properties.pcode) };
          }
          return undefined;
        });
        if (!hover) throw new Error('no région under the middle of the map');
        await page.mouse.move(hover.x, hover.y);
        await page.waitForSelector('#tooltip:not([hidden]) tr[data-kind="difference"]');
        const [a, b] = [before.get(hover.pcode) as number, after.get(hover.pcode) as number];
        const cell = (kind: string) => page.textContent(`#tooltip tr[data-kind="${kind}"] td.n`);
        expect(plainSpaces(await cell('earlier'))).toBe(en(a));
        expect(plainSpaces(await cell('later'))).toBe(en(b));
        expect(plainSpaces(await cell('difference'))).toContain(signed(b - a));
        await page.mouse.move(0, 0);
        expect(await axeFindings(page), 'axe in compare mode').toEqual([]);
        expect(watched.foreignRequests).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it(`at ${at}: chosen with the keyboard, kept in the hash across a reload, left with "Stop comparing"`, async () => {
      const watched = await harness.open(
        `${harness.origin}/#round=${SHOWN}&indicator=idps_ind&lang=en&dataset=mli&area=MLI008`,
        { viewport: size, bypassCSP: true },
      );
      const { page } = watched;
      try {
        await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
        const options = await page.$$eval('#compare-select option', (list) =>
          list.map((o) => (o as HTMLOptionElement).value),
        );
        // Every other round on the 9-région boundaries, then the 2021 ones across the dataset's crosswalk
        // (compare-crosswalk.test.ts), each round once, oldest first.
        expect(options).toEqual(['', ...rounds.map((r) => r.key).filter((key) => key !== SHOWN)]);
        expect(plainSpaces(await page.textContent('label[for="compare-select"]'))).toBe('Compare with…');
        await page.focus('#compare-select');
        await page.selectOption('#compare-select', OTHER);
        await compareDrawn(page);
        expect(await page.evaluate(() => location.hash)).toContain(`compare=${OTHER}`);
        // The selected région's two figures and the difference, after its panel.
        const row = (kind: string) => page.textContent(`#compare-area tr[data-kind="${kind}"] td.n`);
        const a = before.get('MLI008') as number;
        const b = after.get('MLI008') as number;
        expect(plainSpaces(await row('earlier'))).toBe(en(a));
        expect(plainSpaces(await row('later'))).toBe(en(b));
        expect(plainSpaces(await row('difference'))).toContain(signed(b - a));
        await page.screenshot({ path: path.join(SCREENSHOTS, `compare-area-${at}.png`) });

        await page.reload();
        await compareDrawn(page);
        expect(await page.inputValue('#compare-select')).toBe(OTHER);
        expect((await painted(page)).some((area) => typeof area.state.compareClass === 'number')).toBe(true);

        await page.click('#compare-stop');
        await page.waitForSelector('#legend:not(:has(.compare-totals))');
        expect(await page.evaluate(() => location.hash)).not.toContain('compare=');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('compare-select');
        expect(await page.isVisible('#compare-headline')).toBe(false);
        // The usual fill is back: it reads the tiles' figures, not the comparison's feature-state.
        const fill = await page.evaluate(() =>
          JSON.stringify((window as any).dtmAtlas.map.getPaintProperty('adm1-fill', 'fill-color')),
        );
        expect(fill).not.toContain('feature-state');
        expect(watched.foreignRequests).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it(`at ${at}: the embed honours compare= from its hash`, async () => {
      const watched = await harness.open(`${harness.origin}/embed/#${HASH}`, {
        viewport: size,
        bypassCSP: true,
      });
      const { page } = watched;
      try {
        await compareDrawn(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, `compare-embed-${at}.png`) });
        const areas = await painted(page);
        expect(areas.some((area) => (area.state.compareDiff as number) > 0)).toBe(true);
        expect(areas.some((area) => (area.state.compareDiff as number) < 0)).toBe(true);
        expect(await page.getAttribute('#full-map', 'href')).toContain(`compare=${OTHER}`);
        expect(await axeFindings(page), 'axe on the embed in compare mode').toEqual([]);
        expect(watched.foreignRequests).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);
  }

  it('a link naming a round that cannot be compared says why and shows the round alone', async () => {
    // Rounds on other boundaries are offered only across a crosswalk (Mali has one, compare-crosswalk.test.ts;
    // without one they are not: test/unit/compare-crosswalk.test.ts), so this link names no round at all.
    const watched = await harness.open(
      `${harness.origin}/#round=72&indicator=idps_ind&lang=fr&compare=1999-01`,
      {
        viewport: { width: 1024, height: 768 },
      },
    );
    const { page } = watched;
    try {
      await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
      await page.waitForSelector('.compare-notice');
      expect(plainSpaces(await page.textContent('.compare-notice p'))).toContain('1999-01');
      await page.waitForFunction(() => !location.hash.includes('compare='));
      expect(
        await page.$$eval('#compare-select option', (o) => o.map((x) => (x as HTMLOptionElement).value)),
      ).not.toContain('1999-01');
      expect(plainSpaces(await page.textContent('label[for="compare-select"]'))).toBe('Comparer avec…');
      expect(await page.$('#legend .compare-totals')).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});
