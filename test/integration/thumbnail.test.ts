import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { listenOnLoopback } from '../helpers/http-server.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output');

interface LegendClass {
  colour: string;
}

/** Pixels of a decoded PNG as `#rrggbb`, counted. */
function colourCounts(image: PNG): Map<string, number> {
  const counts = new Map<string, number>();
  const hex = (n: number) => (n ?? 0).toString(16).padStart(2, '0');
  for (let i = 0; i < image.data.length; i += 4) {
    const key = `#${hex(image.data[i] as number)}${hex(image.data[i + 1] as number)}${hex(image.data[i + 2] as number)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * oEmbed's thumbnail on the real server (HTTP on loopback, dynalite + s3rver seeded with the real data): the
 * URL oEmbed hands out answers a PNG of the asked size holding the colours of the legend the web style gives
 * for that round, level and indicator, cached by data version.
 */
describe('oEmbed thumbnails on the real service', () => {
  let service: TestService;
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;

  beforeAll(async () => {
    service = await startSeededService();
    server = await listenOnLoopback(service.app.fetch);
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await server?.close();
    await service?.close();
  });

  const oembed = async (page: string, query: string) => {
    const response = await fetch(
      `${server.origin}/oembed?format=json&url=${encodeURIComponent(`${server.origin}${page}`)}&${query}`,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  };

  it('draws the view at the oEmbed size with the legend’s colours, immutable by data version', async () => {
    const body = await oembed(
      '/embed/?ratio=4:3#round=72&indicator=idps_ind&lang=fr&dataset=mli',
      'maxwidth=480',
    );
    expect([body.width, body.height, body.thumbnail_width, body.thumbnail_height]).toEqual([
      480, 360, 480, 360,
    ]);
    const response = await fetch(body.thumbnail_url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+-/);
    const bytes = Buffer.from(await response.arrayBuffer());
    await writeFile(path.join(SCREENSHOTS, 'thumbnail-mli-72-adm1-fr.png'), bytes);
    const image = PNG.sync.read(bytes);
    expect([image.width, image.height]).toEqual([480, 360]);
    // The legend the web map uses for this round, level and indicator: every class colour is in the picture.
    const style = (await (
      await fetch(`${server.origin}/styles/mli/72/style.json?indicator=idps_ind&lang=fr`)
    ).json()) as { metadata: { 'dtm-atlas:legend': { classes: { adm1: LegendClass[] } } } };
    const classes = style.metadata['dtm-atlas:legend'].classes.adm1;
    expect(classes.length).toBeGreaterThan(1);
    const counts = colourCounts(image);
    for (const entry of classes) expect(counts.get(entry.colour) ?? 0, entry.colour).toBeGreaterThan(30);
    // The same URL again is a 304 against its ETag.
    const again = await fetch(body.thumbnail_url, { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('fits a selected commune-level area and draws its level', async () => {
    const body = await oembed(
      '/#round=72&indicator=idps_ind&lang=en&dataset=mli&area=ML0501',
      'maxwidth=320',
    );
    const url = new URL(body.thumbnail_url);
    expect(url.pathname).toBe('/thumbnails/mli/72/adm2.png');
    expect(url.searchParams.get('area')).toBe('ML0501');
    const response = await fetch(url);
    const image = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
    expect([image.width, image.height]).toEqual([320, 200]);
    await writeFile(path.join(SCREENSHOTS, 'thumbnail-mli-72-ML0501.png'), PNG.sync.write(image));
  });

  it('keeps a URL without the data version briefly, and refuses malformed ones', async () => {
    const moving = await fetch(`${server.origin}/thumbnails/mli/72/adm1.png?lang=en`);
    expect(moving.status).toBe(200);
    expect(moving.headers.get('cache-control')).toBe('public, max-age=60');
    const stale = await fetch(`${server.origin}/thumbnails/mli/72/adm1.png?v=abc123`);
    expect(stale.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await fetch(`${server.origin}/thumbnails/mli/72/adm1.png?v=..%2F`)).status).toBe(400);
    expect((await fetch(`${server.origin}/thumbnails/mli/72/adm1.png?area=%3Cx%3E`)).status).toBe(400);
  });
});
