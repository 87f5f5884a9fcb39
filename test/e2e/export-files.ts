import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PNG } from 'pngjs';
import { SCREENSHOTS } from './harness.ts';

/**
 * Opens the Export dialog through its `button` ("Export", "Exporter"), picks `choice` ("PNG, screen size",
 * "PDF, A4 landscape"…) and returns the downloaded file, kept under test-output/ as `name`.
 */
export async function exportAs(page: Page, button: string, choice: string, name: string): Promise<Buffer> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('dialog').getByRole('button', { name: choice }).click(),
  ]);
  const file = path.join(SCREENSHOTS, name);
  await download.saveAs(file);
  await page.keyboard.press('Escape');
  return readFile(file);
}

/** How many pixels of the PNG have exactly this colour (`#rrggbb`). */
export function countColour(png: PNG, colour: string): number {
  const value = Number.parseInt(colour.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  }
  return n;
}
