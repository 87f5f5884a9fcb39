/**
 * SVG to PNG with resvg compiled to WebAssembly (@resvg/resvg-wasm): the same code on a laptop, in CI and in
 * the arm64 Lambdas, where a native module would need a binary per platform. WebAssembly has no system
 * fonts, so the words of a thumbnail (title, legend, credit) are drawn with the fonts handed in. The entry
 * point says where the .wasm and the fonts are (functions/entry/thumbnail-assets.ts): beside the Lambda
 * bundle, or in node_modules.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { isWoff, woffToSfnt } from './woff.ts';

/** What resvg needs at run time: its WebAssembly, and the fonts (TrueType, OpenType or WOFF 1.0). */
export interface RasteriserAssets {
  wasm: Uint8Array;
  fonts: readonly Uint8Array[];
}

/** Reads the assets; rejects where they are missing (thumbnails are then unavailable). */
export type LoadRasteriserAssets = () => Promise<RasteriserAssets>;

/** The family the SVG names first (core/thumbnail-svg.ts), and the one the fonts handed in must be. */
export const THUMBNAIL_FONT_FAMILY = 'Noto Sans';

// initWasm may run once per process (a second call throws), whichever Rasteriser gets there first.
let wasmReady: Promise<void> | undefined;

/**
 * Draws PNGs once its assets load. Loading is tried once, on first use (not at a cold start that serves
 * only tiles); a failure is logged once and leaves it unavailable.
 */
export class Rasteriser {
  readonly #load: LoadRasteriserAssets | undefined;
  #fonts: Promise<Uint8Array[] | undefined> | undefined;

  /** Without a loader nothing is ever drawn (apps built without thumbnails, e.g. in tests). */
  constructor(load?: LoadRasteriserAssets) {
    this.#load = load;
  }

  /** Whether PNGs can be drawn here (the .wasm and the fonts load). */
  async available(): Promise<boolean> {
    return (await this.#ready()) !== undefined;
  }

  /** The PNG of an SVG at its own size; undefined where resvg is unavailable. */
  async rasterise(svg: string): Promise<Uint8Array | undefined> {
    const fonts = await this.#ready();
    if (!fonts) return undefined;
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'original' },
      font: {
        fontBuffers: fonts,
        defaultFontFamily: THUMBNAIL_FONT_FAMILY,
        sansSerifFamily: THUMBNAIL_FONT_FAMILY,
      },
    });
    // wasm-bindgen objects live in WebAssembly memory until freed.
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
      resvg.free();
    }
  }

  #ready(): Promise<Uint8Array[] | undefined> {
    this.#fonts ??= this.#loadOnce();
    return this.#fonts;
  }

  async #loadOnce(): Promise<Uint8Array[] | undefined> {
    if (!this.#load) return undefined;
    try {
      const assets = await this.#load();
      if (assets.fonts.length === 0) throw new Error('no font to draw the words with');
      wasmReady ??= initWasm(assets.wasm).catch((error: unknown) => {
        wasmReady = undefined;
        throw error;
      });
      await wasmReady;
      return assets.fonts.map((font) => (isWoff(font) ? woffToSfnt(font) : font));
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'thumbnails unavailable (answering 501): resvg WebAssembly or font did not load',
          error: (error as Error)?.message ?? String(error),
        }),
      );
      return undefined;
    }
  }
}
