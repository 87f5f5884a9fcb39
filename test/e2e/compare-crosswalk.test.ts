import { createRequire } from 'node:module';
import path from 'node:path';
import * as styleSpec from '@maplibre/maplibre-gl-style-spec';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.ts';
import { type Harness, plainSpaces, SCREEN_SIZES, SCREENSHOTS, startHarness } from './harness.ts';

const run = browserAvailable();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SIZES = SCREEN_SIZES;

/** Round 72 is on the 10 régions of 2021; the 2012–2014 rounds on the 9 of the time (mli.json `crosswalks`). */
const SHOWN = '72';

type Round = { key: string; date: string; boundarySet: string; totals: { idps_ind?: number } };
type Crosswalk = { from: string; to: string; marked?: Array<{ from: string; to: string[] }> };

/** What the map holds for one région in compare mode: its feature-state, colour and hatch pattern. */
interface Painted {
  state: Record<string, unknown>;
  colour: string;
  pattern: string | undefined;
}

/** Waits until compare mode is drawn: its legend is up and the map has nothing left to load. */
async function compareDrawn(page: Page | Frame): Promise<void> {
  await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  await page.waitForSelector('#legend .compare-totals', { state: 'attached', timeout: 30_000 });
  await page.evaluate(async () => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
  });
}

/** Evaluates a live paint expression of `adm1-fill` / `adm1-no-data` as MapLibre's style-spec does. */
function evaluate(value: unknown, property: string, pcode: string, state: object): unknown {
  const spec = (styleSpec.latest as unknown as { paint_fill: Record<string, never> }).paint_fill[property];
  const expression = styleSpec.expression.normalizePropertyExpression(
    value as never,
    `layers.adm1.paint.${property}` as never,
    spec as never,
  ) as unknown as { evaluate(globals: object, feature: object, state: object): unknown };
  return expression.evaluate({ zoom: 5 }, { type: 3, properties: { pcode }, geometry: [] }, state);
}

/** Each région drawn at adm1: its feature-state, the fill colour that state gets, the hatch drawn over it. */
async function painted(page: Page | Frame): Promise<Map<string, Painted>> {
  const live = await page.evaluate(() => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    const states: Record<string, Record<string, unknown>> = {};
    for (const f of map.queryRenderedFeatures({ layers: ['adm1-fill'] })) {
      states[String(f.properties.pcode)] = map.getFeatureState({
        source: 'dtm',
        sourceLayer: 'adm1',
        id: f.id,
      });
    }
    const hatched = map
      .queryRenderedFeatures({ layers: ['adm1-no-data'] })
      .map((f: any) => String(f.properties.pcode));
    return {
      states,
      hatched,
      fill: map.getPaintProperty('adm1-fill', 'fill-color'),
      pattern: map.getPaintProperty('adm1-no-data', 'fill-pattern'),
    };
  });
  const result = new Map<string, Painted>();
  for (const [pcode, state] of Object.entries(live.states)) {
    const colour = String(evaluate(live.fill, 'fill-color', pcode, state));
    const image = live.hatched.includes(pcode)
      ? evaluate(live.pattern, 'fill-pattern', pcode, {})
      : undefined;
    const pattern = image === undefined ? undefined : ((image as { name?: string }).name ?? String(image));
    result.set(pcode, { state, colour, pattern });
  }
  return result;
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

describe.runIf(run)(
  'compare across a crosswalk (Mali, Round 72 on 2021 régions ↔ 2014 on the 9 of 2012)',
  () => {
    let harness: Harness;
    let rounds: Round[];
    let other: Round;
    let shown: Round;
    let crosswalk: Crosswalk;
    let layoutYear: string;
    const figures = new Map<string, Map<string, number | undefined>>();

    const api = async <T>(route: string): Promise<T> => {
      const response = await fetch(`${harness.origin}${route}`, { headers: { Accept: 'application/json' } });
      return (await response.json()) as T;
    };
    const adm1 = async (round: string) => {
      const response = await api<{ areas: Array<{ pcode: string; idps_ind?: number }> }>(
        `/api/v1/datasets/mli/rounds/${round}/figures?level=adm1`,
      );
      return new Map(response.areas.map((area) => [area.pcode, area.idps_ind]));
    };
    const hash = (extra: string) => `round=${SHOWN}&indicator=idps_ind&lang=en&dataset=mli${extra}`;

    beforeAll(async () => {
      harness = await startHarness();
      rounds = (await api<{ rounds: Round[] }>('/api/v1/datasets/mli/rounds')).rounds;
      shown = rounds.find((round) => round.key === SHOWN) as Round;
      const { datasets } = await api<{ datasets: Array<{ id: string; crosswalks?: Crosswalk[] }> }>(
        '/api/v1/datasets',
      );
      crosswalk = datasets.find((d) => d.id === 'mli')?.crosswalks?.[0] as Crosswalk;
      const legacy = rounds.filter((round) => round.boundarySet !== shown.boundarySet);
      // The last round of 2014 on the 2012 layout (the newest the old layout has).
      other = legacy.filter((round) => round.date.startsWith('2014')).at(-1) as Round;
      layoutYear = [...legacy.map((round) => round.date)].sort()[0]?.slice(0, 4) as string;
      figures.set(other.key, await adm1(other.key));
      figures.set(SHOWN, await adm1(SHOWN));
    });

    afterAll(async () => await harness?.close());

    const fig = (round: string, pcode: string) => figures.get(round)?.get(pcode) as number;

    /** Round 72 against the 2014 round: Mopti classed, Gao and Ménaka "not the same ground". */
    async function expectCrossed(page: Page | Frame): Promise<void> {
      const areas = await painted(page);
      const mopti = areas.get('ML05');
      if (!mopti) throw new Error('Mopti (ML05) is not drawn');
      expect(mopti.state.compareDiff).toBe(fig(SHOWN, 'ML05') - fig(other.key, 'MLI005'));
      expect(mopti.state.compareClass).toBeGreaterThanOrEqual(0);
      expect(mopti.pattern).toBeUndefined();
      const legendColours = await page.$$eval('#legend li[data-kind="class"] .swatch', (swatches) =>
        swatches.map((s) => getComputedStyle(s).backgroundColor.replace(/\s/g, '')),
      );
      const rgb = (c: string) => c.replace(/\s/g, '').replace('rgba', 'rgb').replace(/,1\)$/, ')');
      expect(legendColours.map(rgb)).toContain(rgb(mopti.colour));
      const split = crosswalk.marked?.[0]?.to ?? [];
      expect(split).toEqual(['ML07', 'ML10']);
      for (const pcode of split) {
        const area = areas.get(pcode);
        expect(area?.state.compareClass, pcode).toBe(-1);
        expect(area?.state.compareDiff, pcode).toBeNull();
        expect(area?.pattern, pcode).toBe('dtm-not-same-ground');
      }
      expect(plainSpaces(await page.textContent('#legend li[data-kind="not-same"]'))).toContain(
        'Not the same ground',
      );
      expect(plainSpaces(await page.textContent('#legend .compare-crossed'))).toMatch(/by r[eé]gion only/);
    }

    for (const size of SIZES) {
      const at = `${size.width}x${size.height}`;

      it(`at ${at}: Round 72 against 2014 maps Mopti's change, hatches Gao and Ménaka, and the headline gives both totals`, async () => {
        const url = `${harness.origin}/#${hash(`&compare=${other.key}`)}`;
        const watched = await harness.open(url, { viewport: size, bypassCSP: true });
        const { page } = watched;
        try {
          await compareDrawn(page);
          await page.screenshot({ path: path.join(SCREENSHOTS, `compare-crosswalk-${at}.png`) });
          await expectCrossed(page);
          const total = (kind: string) =>
            page.$eval(`#compare-headline [data-total="${kind}"]`, (node) => node.textContent);
          expect(plainSpaces(await total('earlier'))).toBe(en(other.totals.idps_ind as number));
          expect(plainSpaces(await total('later'))).toBe(en(shown.totals.idps_ind as number));
          // Ménaka selected (the hash changed, as a host or a link would): its own figure, the 2014 figure
          // of Gao whole, no difference, and why.
          await page.evaluate(() => {
            location.hash = `${location.hash}&area=ML10`;
          });
          await page.waitForSelector('#compare-area tr[data-kind="difference"]', { state: 'attached' });
          const row = (kind: string) => page.textContent(`#compare-area tr[data-kind="${kind}"] td.n`);
          expect(plainSpaces(await row('later'))).toBe(en(fig(SHOWN, 'ML10')));
          expect(plainSpaces(await row('earlier'))).toBe(en(fig(other.key, 'MLI007')));
          expect(plainSpaces(await row('difference'))).toBe('Not the same ground');
          expect(plainSpaces(await page.textContent('#compare-area .compare-not-same'))).toContain('Ménaka');
          expect(await axeFindings(page), 'axe across a crosswalk').toEqual([]);
          expect(watched.foreignRequests).toEqual([]);
        } finally {
          await page.context().close();
        }
      }, 120_000);

      it(`at ${at}: offered as another layout, kept in the hash across a reload, Back and Forward`, async () => {
        const watched = await harness.open(`${harness.origin}/#${hash('')}`, {
          viewport: size,
          bypassCSP: true,
        });
        const { page } = watched;
        try {
          await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
          const label = await page.$eval(
            `#compare-select option[value="${other.key}"]`,
            (option) => option.textContent,
          );
          expect(plainSpaces(label)).toContain(`(${layoutYear} boundaries)`);
          await page.selectOption('#compare-select', other.key);
          await compareDrawn(page);
          expect(await page.evaluate(() => location.hash)).toContain(`compare=${other.key}`);
          await page.reload();
          await compareDrawn(page);
          expect(await page.inputValue('#compare-select')).toBe(other.key);
          await expectCrossed(page);

          await page.goBack();
          await page.waitForSelector('#legend:not(:has(.compare-totals))');
          expect(await page.evaluate(() => location.hash)).not.toContain('compare=');
          await page.goForward();
          await compareDrawn(page);
          await expectCrossed(page);
          expect(watched.foreignRequests).toEqual([]);
        } finally {
          await page.context().close();
        }
      }, 120_000);
    }

    it('the other way: a 2014 round against Round 72 maps onto the 9 régions, old Gao not the same ground', async () => {
      const url = `${harness.origin}/#round=${other.key}&indicator=idps_ind&lang=fr&dataset=mli&compare=${SHOWN}`;
      const watched = await harness.open(url, { viewport: { width: 1024, height: 768 }, bypassCSP: true });
      const { page } = watched;
      try {
        await compareDrawn(page);
        const areas = await painted(page);
        expect(areas.get('MLI005')?.state.compareDiff).toBe(fig(SHOWN, 'ML05') - fig(other.key, 'MLI005'));
        expect(areas.get('MLI007')?.state.compareClass).toBe(-1);
        expect(areas.get('MLI007')?.pattern).toBe('dtm-not-same-ground');
        expect(plainSpaces(await page.textContent('#legend li[data-kind="not-same"]'))).toContain(
          'Pas le même territoire',
        );
        expect(await axeFindings(page), 'axe on a 2014 round across a crosswalk').toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 120_000);

    it('with the cercles pinned, the map shows the comparison by région and says so; the embed honours it', async () => {
      const url = `${harness.origin}/#${hash(`&level=adm2&compare=${other.key}`)}`;
      const watched = await harness.open(url, { viewport: { width: 1024, height: 768 }, bypassCSP: true });
      const { page } = watched;
      try {
        await compareDrawn(page);
        const visibility = await page.evaluate(() => {
          const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
          return ['adm1-fill', 'adm2-fill'].map((id) => map.getLayoutProperty(id, 'visibility') ?? 'visible');
        });
        expect(visibility).toEqual(['visible', 'none']);
        await expectCrossed(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'compare-crosswalk-adm2.png') });
        // A cercle of Mopti selected: not compared, and the panel says why instead of "not reported".
        const cercles = await api<{ areas: Array<{ pcode: string; parent?: string }> }>(
          `/api/v1/datasets/mli/rounds/${SHOWN}/figures?level=adm2`,
        );
        const cercle = cercles.areas.find((area) => area.parent === 'ML05')?.pcode as string;
        await page.evaluate((code) => {
          location.hash = `${location.hash}&area=${code}`;
        }, cercle);
        await page.waitForSelector('#compare-area:not([hidden]) p', { state: 'attached' });
        expect(plainSpaces(await page.textContent('#compare-area'))).toMatch(/by r[eé]gion only/);
        expect(await page.$$('#compare-area tr')).toHaveLength(0);
      } finally {
        await page.context().close();
      }
      const embed = await harness.open(`${harness.origin}/embed/#${hash(`&compare=${other.key}`)}`, {
        viewport: { width: 800, height: 500 },
        bypassCSP: true,
      });
      try {
        await compareDrawn(embed.page);
        await expectCrossed(embed.page);
        expect(await axeFindings(embed.page), 'axe on the embed across a crosswalk').toEqual([]);
        expect(embed.foreignRequests).toEqual([]);
      } finally {
        await embed.page.context().close();
      }
    }, 120_000);
  },
);
