import { Hono } from 'hono';
import { embedLang, embedSize, embedTitle, frameHtml } from '../core/embed-frame.ts';
import { DEFAULT_RATIO, embedSearch, parseEmbedOptions, parseRatio } from '../core/embed-options.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { CACHE_CONTROL, EMBED_PATH, ROUTES, urls } from '../core/routes.ts';
import type { DataService } from '../service/data-service.ts';
import type { ThumbnailService } from '../service/thumbnail-service.ts';
import type { BaseUrlResolver } from './base-url.ts';
import type { AppEnv } from './env.ts';
import { oembedThumbnail } from './oembed-thumbnail.ts';

/** The pages' server side: the `/embed` address and oEmbed for partners. */
export function pageRoutes(data: DataService, baseUrl: BaseUrlResolver, thumbnails: ThumbnailService) {
  const app = new Hono<AppEnv>();

  // The embed page is a static file at /embed/ (index.html); the short address partners type redirects.
  app.get(ROUTES.embed, (c) => {
    const query = new URL(c.req.url).search;
    return c.redirect(`${EMBED_PATH}${query}`, 301);
  });

  /**
   * oEmbed 1.0 (https://oembed.com): `url` is a page of this service (`/` or `/embed/`, absolute or relative,
   * with its hash state); the answer is a `rich` type with a responsive iframe of the embed page showing the
   * dataset the hash names (`dataset=hti`; without one, the embed opens the catalog's first dataset).
   */
  app.get(ROUTES.oembed, async (c) => {
    const base = baseUrl(c);
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json')
      return c.json({ error: { status: 501, code: 'not_implemented', message: 'only format=json' } }, 501);
    const target = pageUrl(c.req.query('url'), base);
    // The embed's presentation (lock, legend, controls, fit, ratio: core/embed-options.ts) from the URL's query.
    const options = parseEmbedOptions(target.searchParams);
    // The shape asked (`ratio=4:3`, on the oEmbed request or in the URL), 16:10 by default, within both limits
    // (never larger than asked: oEmbed 1.0, 2.2.1).
    const ratio = parseRatio(c.req.query('ratio')) ?? options.ratio ?? DEFAULT_RATIO;
    const size = embedSize(limit(c.req.query('maxwidth')), limit(c.req.query('maxheight')), ratio);
    const datasets = await data.listDatasets();
    const hash = new URLSearchParams(target.hash.replace(/^#/, ''));
    const named = hash.get('dataset');
    const dataset = named ? datasets.find((candidate) => candidate.id === named) : undefined;
    if (named && !dataset)
      throw notFound('url names no dataset of this service', { dataset: named.slice(0, 64) });
    // A title names the country when the map shows one for sure: the dataset named, or the only one.
    const shown = dataset ?? (datasets.length === 1 ? datasets[0] : undefined);
    // In the language the embedded map shows (`lang=fr` in the URL), like the map's own words.
    const title = embedTitle(shown?.name, embedLang(target));
    const src = `${urls.embed(base)}${embedSearch(ratio === DEFAULT_RATIO ? options : { ...options, ratio })}${target.hash}`;
    const shownDataset = dataset ?? datasets[0];
    const thumbnail = shownDataset
      ? await oembedThumbnail(data, thumbnails, base, shownDataset, hash, { ...size, ratio })
      : undefined;
    c.header('Cache-Control', CACHE_CONTROL.oembed);
    return c.json({
      version: '1.0',
      type: 'rich',
      title,
      provider_name: 'DTM Atlas',
      provider_url: `${base}/`,
      ...size,
      html: frameHtml({ src, title, ...size, responsive: true }),
      ...thumbnail,
    });
  });
  return app;
}

/** oEmbed's `url`: a page of this service (`/` or the embed), absolute or relative to `base`. */
function pageUrl(raw: string | undefined, base: string): URL {
  if (!raw) throw badRequest('url is required');
  let target: URL;
  try {
    target = new URL(raw, base);
  } catch {
    throw badRequest('url is not a URL');
  }
  if (target.origin !== base || !['/', ROUTES.embed, EMBED_PATH, '/index.html'].includes(target.pathname)) {
    throw notFound('url is not a page of this service');
  }
  return target;
}

/** A positive whole `maxwidth`/`maxheight`, else no limit. */
function limit(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}
