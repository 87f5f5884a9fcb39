import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import opentype, { type Font } from 'opentype.js';
import { PbfWriter } from 'pbf';
import { glyphSdf, type SdfGlyph } from './glyph-sdf.ts';

/** The label font named by the service's styles (`text-font`), i.e. the `{fontstack}` of the glyph URLs. */
export const FONTSTACK = 'Noto Sans Regular';

/** Noto Sans from @fontsource: the Latin subset first, then Latin Extended (ŋ, ɛ, ɔ and the like). */
const FONT_FILES = [
  '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff',
];

/**
 * The 256-code-point ranges written: Latin with its extensions and IPA letters (French accents, ɛ ɔ ŋ ɲ of
 * Malian languages), combining marks, Latin Extended Additional, and general punctuation (’ – “ ”).
 */
export const RANGE_STARTS = [0, 256, 512, 768, 7680, 8192];

/** One glyph PBF: `fonts/{FONTSTACK}/{range}.pbf`. */
export interface GlyphRange {
  range: string;
  glyphCount: number;
  bytes: Uint8Array;
}

/**
 * Builds the glyph ranges of `RANGE_STARTS` with every character the fonts have. MapLibre asks only for the
 * ranges of the characters it draws; area names are in Latin script.
 */
export async function buildGlyphRanges(): Promise<GlyphRange[]> {
  const require = createRequire(import.meta.url);
  const fonts: Font[] = [];
  for (const file of FONT_FILES) {
    const data = await readFile(require.resolve(file));
    fonts.push(opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  }
  const result: GlyphRange[] = [];
  for (const start of RANGE_STARTS) {
    const glyphs: SdfGlyph[] = [];
    for (let codePoint = start; codePoint < start + 256; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      const font = fonts.find((f) => f.charToGlyphIndex(char) > 0);
      if (font) glyphs.push(glyphSdf(font.charToGlyph(char), codePoint, font.unitsPerEm));
    }
    if (glyphs.length === 0) continue;
    const range = `${start}-${start + 255}`;
    result.push({ range, glyphCount: glyphs.length, bytes: encodeGlyphs(FONTSTACK, range, glyphs) });
  }
  return result;
}

/** Encodes `glyphs { stacks: [fontstack { name, range, glyphs }] }` as in MapLibre's glyphs.proto. */
export function encodeGlyphs(name: string, range: string, glyphs: SdfGlyph[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: unknown, stack: PbfWriter) => {
      stack.writeStringField(1, name);
      stack.writeStringField(2, range);
      for (const glyph of glyphs) stack.writeMessage(3, writeGlyph, glyph);
    },
    null,
  );
  return pbf.finish();
}

function writeGlyph(glyph: SdfGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, glyph.id);
  if (glyph.bitmap.length > 0) pbf.writeBytesField(2, glyph.bitmap);
  pbf.writeVarintField(3, glyph.width);
  pbf.writeVarintField(4, glyph.height);
  pbf.writeSVarintField(5, glyph.left);
  pbf.writeSVarintField(6, glyph.top);
  pbf.writeVarintField(7, glyph.advance);
}
