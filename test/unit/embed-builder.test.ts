import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedSize } from '../../functions/core/embed-frame.ts';
import {
  DEFAULT_EMBED_OPTIONS,
  type EmbedOptions,
  embedSearch,
  parseEmbedOptions,
} from '../../functions/core/embed-options.ts';
import { loadThumbnailAssets } from '../../functions/entry/thumbnail-assets.ts';
import {
  type BuilderChoices,
  builderCode,
  builderEmbedUrl,
  builderOembedUrl,
} from '../../web/src/embed-url.ts';
import { type AtlasState, parseState } from '../../web/src/state.ts';
import { tinyService } from '../helpers/tiny.ts';

const ORIGIN = 'https://atlas.example';
const STATE: AtlasState = {
  dataset: 'mli',
  round: '72',
  indicator: 'returnees_ind',
  level: 'adm2',
  area: 'ML05',
  lang: 'en',
  view: { zoom: 6, lat: 14.5, lng: -4.2 },
  table: false,
};
const CHOICES: BuilderChoices = {
  size: '4:3',
  fixed: { width: 640, height: 480 },
  lang: 'fr',
  lockRound: true,
  lockIndicator: false,
  view: 'shown',
  legend: 'collapsed',
  controls: true,
};

describe('embed options in the embed URL', () => {
  it('reads back every option it writes, in a readable query', () => {
    const options: EmbedOptions[] = [
      DEFAULT_EMBED_OPTIONS,
      {
        lock: ['round', 'indicator'],
        legend: 'collapsed',
        controls: false,
        fit: 'area',
        ratio: { width: 4, height: 3 },
      },
      { lock: ['indicator'], legend: 'open', controls: true, fit: 'country' },
    ];
    for (const option of options)
      expect(parseEmbedOptions(new URLSearchParams(embedSearch(option)))).toEqual(option);
    expect(embedSearch(DEFAULT_EMBED_OPTIONS)).toBe('');
    expect(embedSearch(options[1] as EmbedOptions)).toBe(
      '?lock=round,indicator&legend=collapsed&controls=0&fit=area&ratio=4:3',
    );
  });

  it('takes the defaults for values it does not know (a pasted link never fails)', () => {
    const query = new URLSearchParams('lock=everything,round&legend=maybe&controls=no&fit=world&ratio=0:3');
    expect(parseEmbedOptions(query)).toEqual({ ...DEFAULT_EMBED_OPTIONS, lock: ['round'] });
  });

  it('builds an embed URL whose hash and query give back the builder’s choice', () => {
    const url = new URL(builderEmbedUrl(ORIGIN, STATE, CHOICES));
    expect(url.pathname).toBe('/embed/');
    const state = parseState(url.hash, url.search, 'en');
    expect(state).toEqual({ ...STATE, lang: 'fr' });
    expect(parseEmbedOptions(url.searchParams)).toEqual({
      lock: ['round'],
      legend: 'collapsed',
      controls: true,
      ratio: { width: 4, height: 3 },
    });
  });

  it('leaves out the view when the embed is fitted, and the default embed’s address has no query', () => {
    const fitted = new URL(builderEmbedUrl(ORIGIN, STATE, { ...CHOICES, view: 'country' }));
    expect(fitted.hash).not.toContain('map=');
    expect(fitted.searchParams.get('fit')).toBe('country');
    const plain: BuilderChoices = { ...CHOICES, size: '16:10', lockRound: false, legend: 'open' };
    expect(builderEmbedUrl(ORIGIN, STATE, plain)).toMatch(/^https:\/\/atlas\.example\/embed\/#round=72&/);
  });

  it('writes responsive code in the chosen shape, fixed code at the fixed size, and the oEmbed URL', () => {
    const src = builderEmbedUrl(ORIGIN, STATE, CHOICES);
    const responsive = builderCode(src, 'Carte', CHOICES);
    expect(responsive).toContain('max-width:800px;aspect-ratio:800/600');
    expect(responsive).toContain(`src="${src.replaceAll('&', '&#38;')}"`);
    const fixed = builderCode(src, 'Carte', { ...CHOICES, size: 'fixed' });
    expect(fixed).toMatch(/^<iframe [^>]*width="640" height="480"/);
    const oembed = new URL(builderOembedUrl(ORIGIN, src, { ...CHOICES, size: 'fixed' }));
    expect(oembed.searchParams.get('url')).toBe(src);
    expect([oembed.searchParams.get('maxwidth'), oembed.searchParams.get('maxheight')]).toEqual([
      '640',
      '480',
    ]);
  });
});

describe('oEmbed sizes', () => {
  it('gives the largest box of the shape within maxwidth and maxheight', () => {
    const r169 = { width: 16, height: 9 };
    const r43 = { width: 4, height: 3 };
    expect(embedSize(undefined, undefined, r169)).toEqual({ width: 800, height: 450 });
    expect(embedSize(400, undefined, r169)).toEqual({ width: 400, height: 225 });
    expect(embedSize(undefined, 225, r169)).toEqual({ width: 400, height: 225 });
    expect(embedSize(undefined, undefined, r43)).toEqual({ width: 800, height: 600 });
    expect(embedSize(400, 200, r43)).toEqual({ width: 266, height: 200 });
    expect(embedSize(300, 1000, r43)).toEqual({ width: 300, height: 225 });
    expect(embedSize(400)).toEqual({ width: 400, height: 250 });
    expect(embedSize(undefined, 200)).toEqual({ width: 320, height: 200 });
    for (const ratio of [r169, r43, { width: 16, height: 10 }])
      for (const [w, h] of [
        [333, 201],
        [97, 1000],
        [1000, 61],
      ] as const) {
        const size = embedSize(w, h, ratio);
        expect(size.width).toBeLessThanOrEqual(w);
        expect(size.height).toBeLessThanOrEqual(h);
      }
  });
});

describe('oEmbed answer and its thumbnail (made-up Testland, memory stores)', () => {
  let app: Awaited<ReturnType<typeof tinyService>>['app'];
  beforeAll(async () => {
    ({ app } = await tinyService({ thumbnails: loadThumbnailAssets }));
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://atlas.test${path}`, { headers });

  it('answers in the ratio the URL names, with the options carried into the iframe and a thumbnail', async () => {
    const page = 'http://atlas.test/embed/?lock=round&legend=collapsed&ratio=4:3#dataset=xx&round=1&lang=fr';
    const response = await get(`/oembed?format=json&maxwidth=400&url=${encodeURIComponent(page)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect([body.width, body.height]).toEqual([400, 300]);
    expect(body.html).toContain('aspect-ratio:400/300');
    expect(body.html).toContain(
      '/embed/?lock=round&#38;legend=collapsed&#38;ratio=4:3#dataset=xx&#38;round=1',
    );
    expect([body.thumbnail_width, body.thumbnail_height]).toEqual([400, 300]);
    const thumb = new URL(body.thumbnail_url);
    expect(thumb.pathname).toBe('/thumbnails/xx/1/adm1.png');
    expect(thumb.searchParams.get('lang')).toBe('fr');
    const png = await get(`${thumb.pathname}${thumb.search}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toContain('immutable');
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect([image.width, image.height]).toEqual([400, 300]);
    const again = await get(`${thumb.pathname}${thumb.search}`, {
      'if-none-match': png.headers.get('etag') ?? '',
    });
    expect(again.status).toBe(304);
  });

  it('checks a thumbnail URL before drawing anything', async () => {
    expect((await get('/thumbnails/xx/1/adm1.png?w=5')).status).toBe(400);
    expect((await get('/thumbnails/xx/1/adm1.png?ratio=9:1')).status).toBe(400);
    expect((await get('/thumbnails/xx/1/adm9.png')).status).toBe(400);
    expect((await get('/thumbnails/xx/1/adm1.png?indicator=nope')).status).toBe(400);
    expect((await get('/thumbnails/xx/99/adm1.png')).status).toBe(404);
    expect((await get('/thumbnails/xx/1/adm3.png')).status).toBe(404);
    const moving = await get('/thumbnails/xx/1/adm2.png?w=200');
    expect(moving.status).toBe(200);
    expect(moving.headers.get('cache-control')).toBe('public, max-age=60');
  });
});
