import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, findOnPath, toolAvailable } from '../helpers/browser.ts';
import { countColour, exportAs } from './export-files.ts';
import { type Harness, SCREENSHOTS, startHarness, type WatchedPage } from './harness.ts';

const run = promisify(execFile);
const browser = browserAvailable();
const pdftotext = findOnPath('pdftotext');
const readPdf = browser && toolAvailable(pdftotext, 'pdftotext', 'apt-get install -y poppler-utils');

/** What the page shows: map size, legend title and class colours of the level shown, round date. */
interface Shown {
  mapWidth: number;
  mapHeight: number;
  title: string;
  colours: string[];
  date: string;
}

async function shown(page: Page): Promise<Shown> {
  return page.evaluate(async () => {
    const { atlas, map } = (window as unknown as { dtmAtlas: { atlas: any; map: any } }).dtmAtlas;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    const legend = atlas.legend;
    const lang = document.documentElement.lang;
    const date = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${atlas.round.date.slice(0, 10)}T00:00:00Z`));
    const container = map.getContainer();
    return {
      mapWidth: container.clientWidth,
      mapHeight: container.clientHeight,
      title: legend.title,
      colours: legend.classes[atlas.levelShown()].map((entry: { colour: string }) => entry.colour),
      date,
    };
  });
}

/** The PDF's text (content order) with runs of spaces, line breaks and no-break spaces made one space. */
async function pdfText(file: Buffer, name: string): Promise<{ text: string; size: string }> {
  const saved = path.join(SCREENSHOTS, name);
  await writeFile(saved, file);
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', saved, '-']);
  const info = await run('pdfinfo', [saved]).catch(() => ({ stdout: '' }));
  const size = /Page size:\s+([\d.]+ x [\d.]+)/.exec(info.stdout)?.[1] ?? '';
  return { text: stdout.replace(/[\s\u00a0\u202f]+/g, ' '), size };
}

const CASES = [
  {
    lang: 'en',
    button: 'Export',
    credit: 'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
    caveat: 'Caveat: Most cercles have one row',
    disclaimer: 'do not imply official endorsement or acceptance by IOM',
    png: 'PNG, screen size',
    png2x: 'PNG, 2× resolution',
  },
  {
    lang: 'fr',
    button: 'Exporter',
    credit: 'Source: International Organization for Migration (IOM), Displacement Tracking Matrix (DTM)',
    caveat: 'Mise en garde : La plupart des cercles ont une seule ligne',
    disclaimer: 'n’impliquent ni reconnaissance ni acceptation officielles',
    png: 'PNG, taille de l’écran',
    png2x: 'PNG, résolution 2×',
  },
] as const;

/** Issue 16, export and print: the view of a selected area as PNG and PDF, in English and French. */
describe.runIf(browser)('export and print', () => {
  let harness: Harness;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const watched of pages) {
      expect(watched.consoleErrors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    }
    await harness?.close();
  });

  describe.each(CASES)('in $lang', (lang) => {
    let page: Page;
    let view: Shown;

    beforeAll(async () => {
      const watched = await harness.open(
        `${harness.origin}/#round=72&indicator=idps_ind&area=ML05&lang=${lang.lang}`,
      );
      pages.push(watched);
      page = watched.page;
      await page.waitForSelector('body[data-map="ready"]', { timeout: 45_000 });
      await page.waitForFunction(() => document.querySelector('#area-panel h2')?.textContent === 'Mopti');
      view = await shown(page);
    });

    it('saves the PNG at the map size and at 2×, with every legend colour in it', async () => {
      const one = PNG.sync.read(await exportAs(page, lang.button, lang.png, `export-${lang.lang}-1x.png`));
      expect(one.width).toBe(view.mapWidth);
      // The map edge to edge, the title above it and the legend and credits below.
      expect(one.height).toBeGreaterThan(view.mapHeight + 100);
      for (const colour of view.colours) expect(countColour(one, colour), colour).toBeGreaterThan(50);
      const two = PNG.sync.read(await exportAs(page, lang.button, lang.png2x, `export-${lang.lang}-2x.png`));
      expect([two.width, two.height]).toEqual([2 * one.width, 2 * one.height]);
      for (const colour of view.colours) expect(countColour(two, colour), colour).toBeGreaterThan(200);
    });

    it('saves PDFs on A4 landscape and Letter portrait with the title, credit, date and caveat as text', async () => {
      const pages = [
        { choice: lang.lang === 'en' ? 'PDF, A4 landscape' : 'PDF, A4 paysage', size: '841.89 x 595.28' },
        { choice: 'PDF, Letter portrait', size: '612 x 792' },
      ];
      for (const { choice, size } of pages) {
        const name = `export-${lang.lang}-${choice.replace(/\W+/g, '-')}.pdf`;
        const file = await exportAs(page, lang.button, choice, name);
        expect(file.subarray(0, 5).toString()).toBe('%PDF-');
        if (!readPdf) continue;
        const pdf = await pdfText(file, name);
        if (pdf.size) expect(pdf.size).toBe(size);
        expect(pdf.text).toContain(view.title);
        expect(pdf.text).toContain(lang.credit);
        expect(pdf.text).toContain(view.date);
        expect(pdf.text).toContain(lang.caveat);
        expect(pdf.text).toContain(lang.disclaimer);
        expect(pdf.text).toContain('Mopti (ML05)');
      }
    });

    it('prints the export layout, not the interface', async () => {
      // As a browser does on Ctrl+P: `beforeprint` first, then the print layout.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      expect(await page.isVisible(`button:has-text("${lang.button}")`)).toBe(false);
      expect(await page.isVisible('#map')).toBe(false);
      expect(await page.isVisible('.timeline')).toBe(false);
      expect(await page.isVisible('.print-sheet h1')).toBe(true);
      const credits = (await page.textContent('.print-credits')) ?? '';
      expect(credits).toContain(lang.credit);
      expect(credits.replace(/[\u00a0\u202f]/g, ' ')).toContain(lang.caveat);
      expect(credits).toContain(lang.disclaimer);
      expect(credits).toContain('area=ML05');
      const mapBox = await page.locator('.print-map').boundingBox();
      expect(mapBox?.width ?? 0).toBeGreaterThan(300);
      // The sheet's map is the view's copy, as wide as the map on screen: not blank, not cropped.
      const copied = await page.evaluate(() => {
        const canvas = document.querySelector('canvas.print-map') as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set<string>();
        for (let i = 0; pixels && i < pixels.length; i += 4 * 97) colours.add(pixels.slice(i, i + 3).join());
        return { width: canvas.width, height: canvas.height, colours: colours.size };
      });
      expect([copied.width, copied.height]).toEqual([view.mapWidth, view.mapHeight]);
      expect(copied.colours).toBeGreaterThan(5);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `export-print-${lang.lang}.png`),
        fullPage: true,
      });
      await page.emulateMedia({ media: 'screen' });
      expect(await page.isVisible(`button:has-text("${lang.button}")`)).toBe(true);
    });
  });
});
