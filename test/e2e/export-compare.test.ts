import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, findOnPath, toolAvailable } from '../helpers/browser.ts';
import { countColour, exportAs } from './export-files.ts';
import { type Harness, plainSpaces, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

const run = promisify(execFile);
const browser = browserAvailable();
const readPdf =
  browser && toolAvailable(findOnPath('pdftotext'), 'pdftotext', 'apt-get install -y poppler-utils');

/** What the on-screen compare legend says: the words and colours the export must carry too. */
interface CompareLegend {
  title: string;
  level: string;
  rounds: string;
  totals: string;
  labels: string[];
  /** The class swatches' colours, `#rrggbb`. */
  colours: string[];
  crossed: string;
}

/** Waits until compare mode is drawn, then reads its legend. */
async function compareLegend(page: Page): Promise<CompareLegend> {
  await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
  await page.waitForSelector('#legend .compare-totals', { state: 'attached', timeout: 30_000 });
  return page.evaluate(async () => {
    const { map } = (window as unknown as { dtmAtlas: { map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    const text = (selector: string) => document.querySelector(`#legend ${selector}`)?.textContent ?? '';
    const hex = (rgb: string) =>
      `#${(rgb.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, '0'))
        .join('')}`;
    return {
      title: document.querySelector('#legend h2')?.firstChild?.textContent?.trim() ?? '',
      level: text('h2 .muted').replace('·', '').trim(),
      rounds: text('.compare-rounds'),
      totals: text('.compare-totals'),
      labels: [...document.querySelectorAll('#legend li')].map((li) => li.textContent ?? ''),
      colours: [...document.querySelectorAll('#legend li[data-kind="class"] .swatch')].map((swatch) =>
        hex(getComputedStyle(swatch).backgroundColor),
      ),
      crossed: text('.compare-crossed'),
    };
  });
}

/** Text as the PDF writes it (WinAnsi stand-ins, export-pdf-text.ts), spaces made plain and single. */
function asPdf(text: string): string {
  return plainSpaces(text)
    .replace(/\u2212/g, '-')
    .replace(/\u2192/g, '->')
    .replace(/\u2264/g, '<=')
    .replace(/\u2265/g, '>=')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The PDF's text, spaces made plain and single. */
async function pdfText(file: Buffer, name: string): Promise<string> {
  const saved = path.join(SCREENSHOTS, name);
  await writeFile(saved, file);
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', saved, '-']);
  return stdout.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Issue 16 with issue 15: an export made in compare mode says what its colours mean. */
describe.runIf(browser)('export in compare mode', () => {
  let harness: Harness;
  const pages: WatchedPage[] = [];
  let crossRound: string;

  beforeAll(async () => {
    harness = await startHarness();
    const response = await fetch(`${harness.origin}/api/v1/datasets/mli/rounds`, {
      headers: { Accept: 'application/json' },
    });
    const { rounds } = (await response.json()) as {
      rounds: Array<{ key: string; date: string; boundarySet: string }>;
    };
    const shown = rounds.find((round) => round.key === '72');
    // The last round of 2014, on the 9 régions of 2012 (Round 72 is on the 10 of 2021).
    crossRound = rounds
      .filter((round) => round.boundarySet !== shown?.boundarySet && round.date.startsWith('2014'))
      .at(-1)?.key as string;
  });

  afterAll(async () => {
    for (const watched of pages) {
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    }
    await harness?.close();
  });

  async function open(hash: string): Promise<{ page: Page; legend: CompareLegend }> {
    const watched = await harness.open(`${harness.origin}/#${hash}`, {
      viewport: { width: 1440, height: 900 },
    });
    pages.push(watched);
    return { page: watched.page, legend: await compareLegend(watched.page) };
  }

  /** The PDF holds the compare title, both rounds, the level drawn, the totals line and every legend line. */
  async function expectPdf(page: Page, legend: CompareLegend, name: string): Promise<string> {
    const file = await exportAs(page, 'Export', 'PDF, A4 landscape', name);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    if (!readPdf) return '';
    const text = await pdfText(file, name);
    expect(legend.title).toMatch(/change/i);
    expect(text).toContain(asPdf(legend.title));
    expect(text).toContain(asPdf(legend.rounds));
    expect(text).toContain(asPdf(legend.totals));
    expect(text).toContain(asPdf(`${legend.level}s`));
    for (const label of legend.labels) expect(text).toContain(asPdf(label));
    return text;
  }

  /** The PNG holds every class colour of the compare legend (map and swatches). */
  async function expectPng(page: Page, legend: CompareLegend, name: string): Promise<void> {
    const png = PNG.sync.read(await exportAs(page, 'Export', 'PNG, screen size', name));
    expect(legend.colours.length).toBeGreaterThan(1);
    for (const colour of legend.colours) expect(countColour(png, colour), colour).toBeGreaterThan(50);
  }

  it('two Mali rounds on the same régions: title, rounds, totals and change classes', async () => {
    const { page, legend } = await open(
      'round=2014-06&compare=2012-09&indicator=idps_ind&lang=en&dataset=mli',
    );
    const text = await expectPdf(page, legend, 'export-compare-same.pdf');
    // On the same boundaries, no crosswalk note.
    if (readPdf) expect(text).not.toContain('by région only');
    await expectPng(page, legend, 'export-compare-same.png');
    // The print sheet takes the same words.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(plainSpaces(await page.textContent('.print-sheet h1'))).toBe(plainSpaces(legend.title));
    const subtitle = plainSpaces(await page.textContent('.print-sheet'));
    expect(subtitle).toContain(plainSpaces(legend.totals));
    expect(subtitle).toContain(plainSpaces(legend.rounds));
  });

  it('Round 72 against 2014 across the crosswalk: régions only, Gao "not the same ground", the caveat', async () => {
    // Cercles chosen: the map still draws régions across the crosswalk, and the export says so.
    const { page, legend } = await open(
      `round=72&compare=${crossRound}&indicator=idps_ind&level=adm2&lang=en&dataset=mli`,
    );
    expect(legend.labels.some((label) => plainSpaces(label).includes('Not the same ground'))).toBe(true);
    const text = await expectPdf(page, legend, 'export-compare-crossed.pdf');
    if (readPdf) {
      expect(text).toContain(asPdf(legend.crossed.split('.')[0] ?? ''));
      expect(text).toContain('Across boundary layouts:');
      expect(text).not.toMatch(/Cercles ·/);
    }
    await expectPng(page, legend, 'export-compare-crossed.png');
  });
});
