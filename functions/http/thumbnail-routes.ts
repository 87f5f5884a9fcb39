import { type Context, Hono } from 'hono';
import { DEFAULT_RATIO, parseRatio } from '../core/embed-options.ts';
import { badRequest, notFound } from '../core/errors.ts';
import { parseIndicator, parseLanguage } from '../core/indicators.ts';
import { CACHE_CONTROL, DATA_VERSION, ROUTES } from '../core/routes.ts';
import type { AdminLevel } from '../core/types.ts';
import type { DataService } from '../service/data-service.ts';
import { type ThumbnailService, thumbnailHeight } from '../service/thumbnail-service.ts';
import { parsePcode } from './api/params.ts';
import type { AppEnv } from './env.ts';
import { errorBody } from './errors.ts';
import { resolveRound } from './resolve.ts';

/** The width a thumbnail takes when the URL names none, and the bounds of what it may name. */
export const THUMBNAIL_WIDTH = { default: 640, min: 64, max: 1600 } as const;

/**
 * `GET /thumbnails/{dataset}/{round}/{level}.png?indicator=&lang=&area=&w=&ratio=&v=`: a PNG of a view
 * (oEmbed's `thumbnail_url`). Everything in the URL is checked before any lookup (400); an unknown dataset,
 * round or level is a 404; where the PNG encoder is not available (the AWS Lambda bundles) a 501. With the
 * round's current data version in `v` the answer is immutable, like a tile's.
 */
export function thumbnailRoutes(data: DataService, thumbnails: ThumbnailService) {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.thumbnail, resolveRound(data, thumbnailQuery), async (c) => {
    const query = c.get('query');
    const round = c.get('round');
    const { manifest } = await data.boundarySet(round.boundarySet);
    if (!manifest.levels.some((entry) => entry.level === query.level))
      throw notFound(`round ${round.key} has no level adm${query.level}`);
    const { width, ratio, askedVersion, ...view } = query;
    const thumbnail = await thumbnails.render({
      round,
      ...view,
      width,
      height: thumbnailHeight(width, ratio),
    });
    // 501 where the PNG encoder is absent (the Lambda bundles); oEmbed then gives no thumbnail_url.
    if (!thumbnail) {
      const message = 'thumbnails are not drawn on this server';
      return c.json(errorBody(501, 'not_implemented', message, c.get('requestId')), 501);
    }
    const etag = `"${thumbnail.version}-${c.req.url.length.toString(36)}-${hashOf(new URL(c.req.url).search)}"`;
    c.header('ETag', etag);
    c.header(
      'Cache-Control',
      askedVersion === thumbnail.version ? CACHE_CONTROL.versioned : CACHE_CONTROL.moving,
    );
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', 'image/png');
    return c.body(thumbnail.png as Uint8Array<ArrayBuffer>);
  });
  return app;
}

/** The thumbnail's path file (`adm1.png`) and query, all checked. */
function thumbnailQuery(c: Context) {
  const file = /^adm([1-3])\.png$/.exec(c.req.param('file') ?? '');
  if (!file) throw badRequest('a thumbnail is adm1.png, adm2.png or adm3.png');
  const area = c.req.query('area');
  const widthText = c.req.query('w');
  const width = widthText === undefined ? THUMBNAIL_WIDTH.default : Number(widthText);
  if (!Number.isInteger(width) || width < THUMBNAIL_WIDTH.min || width > THUMBNAIL_WIDTH.max)
    throw badRequest(`w must be a whole number from ${THUMBNAIL_WIDTH.min} to ${THUMBNAIL_WIDTH.max}`);
  const ratioText = c.req.query('ratio');
  const ratio = ratioText === undefined ? DEFAULT_RATIO : parseRatio(ratioText);
  if (!ratio || ratio.width > 4 * ratio.height || ratio.height > 4 * ratio.width)
    throw badRequest('ratio must be W:H, at most 4 times wider than high or higher than wide');
  const askedVersion = c.req.query('v');
  if (askedVersion !== undefined && !DATA_VERSION.test(askedVersion))
    throw badRequest('v must be a data version');
  return {
    level: Number(file[1]) as AdminLevel,
    indicator: parseIndicator(c.req.query('indicator')),
    lang: parseLanguage(c.req.query('lang')),
    ...(area ? { area: parsePcode(area) } : {}),
    width,
    ratio,
    askedVersion,
  };
}

/** A short non-cryptographic hash (FNV-1a) of the query, so each view has its own ETag. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
