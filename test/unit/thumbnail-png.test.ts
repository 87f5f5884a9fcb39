import opentype from 'opentype.js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadThumbnailAssets } from '../../functions/entry/thumbnail-assets.ts';
import { isWoff, woffToSfnt } from '../../functions/service/woff.ts';
import { inkIn, thumbnailTextBands } from '../helpers/png-ink.ts';
import { tinyService } from '../helpers/tiny.ts';

const ARRAY = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

describe('thumbnail PNGs drawn with resvg’s WebAssembly and the shipped fonts (made-up Testland)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the title and the credit line in their bands (fonts loaded, not the system’s)', async () => {
    const { app } = await tinyService({ thumbnails: loadThumbnailAssets });
    const response = await app.request(
      'http://atlas.test/thumbnails/xx/1/adm1.png?lang=fr&w=640&ratio=16:10',
    );
    expect(response.status).toBe(200);
    const image = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect([image.width, image.height]).toEqual([640, 400]);
    const { title, credit } = thumbnailTextBands(640, 400);
    // "Testland: Personnes déplacées …, <date>" in bold, then the credit line: dark glyphs on white, across
    // a good part of the width (a band without text is plain white: no ink at all).
    const titleInk = inkIn(image, title);
    expect(titleInk.count).toBeGreaterThan(400);
    expect(titleInk.right).toBeGreaterThan(200);
    const creditInk = inkIn(image, credit);
    expect(creditInk.count).toBeGreaterThan(200);
    expect(creditInk.right).toBeGreaterThan(200);
  });

  it('answers 501 and gives oEmbed no thumbnail where the WebAssembly or a font is missing, and says why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const missing = () => Promise.reject(new Error("ENOENT: no such file 'index_bg.wasm'"));
    const { app } = await tinyService({ thumbnails: missing });
    const response = await app.request('http://atlas.test/thumbnails/xx/1/adm1.png');
    expect(response.status).toBe(501);
    const page = encodeURIComponent('http://atlas.test/#dataset=xx&round=1');
    const oembed = (await (await app.request(`http://atlas.test/oembed?url=${page}`)).json()) as object;
    expect(oembed).toHaveProperty('html');
    expect(oembed).not.toHaveProperty('thumbnail_url');
    // Logged once (loading is tried once), naming the missing file.
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/thumbnails unavailable.*index_bg\.wasm/);
  });

  it('unwraps the WOFF fonts to the same font (glyphs, metrics) as a font library reads from the WOFF', async () => {
    const { fonts } = await loadThumbnailAssets();
    expect(fonts.length).toBeGreaterThan(0);
    for (const woff of fonts) {
      expect(isWoff(woff)).toBe(true);
      const sfnt = woffToSfnt(woff);
      expect(new DataView(ARRAY(sfnt)).getUint32(0)).toBe(0x00010000); // TrueType outlines
      const fromWoff = opentype.parse(ARRAY(woff));
      const fromSfnt = opentype.parse(ARRAY(sfnt));
      expect(fromSfnt.names.fontFamily?.en).toBe('Noto Sans');
      expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
      for (const char of 'Aé«\u202f–')
        expect(fromSfnt.charToGlyph(char).advanceWidth).toBe(fromWoff.charToGlyph(char).advanceWidth);
      expect(fromSfnt.charToGlyph('é').getPath(0, 0, 72).toPathData(2)).toBe(
        fromWoff.charToGlyph('é').getPath(0, 0, 72).toPathData(2),
      );
    }
    expect(() => woffToSfnt(new Uint8Array(60))).toThrow(/not a WOFF/);
  });
});
