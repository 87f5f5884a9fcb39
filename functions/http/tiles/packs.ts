import { Hono } from 'hono';
import { notFound } from '../../core/errors.ts';
import { type PackFormat, packFileName } from '../../core/pack-metadata.ts';
import { CACHE_CONTROL, ROUTES } from '../../core/routes.ts';
import { parseKey } from '../../core/tile-path.ts';
import { PACK_CONTENT_TYPES, type PackService } from '../../service/pack-service.ts';
import { parseRange } from '../byte-range.ts';
import type { AppEnv } from '../env.ts';

/**
 * Offline packs of a round (`pack.pmtiles`, `pack.mbtiles`): the whole file, or one byte range of it (206),
 * as MapLibre's pmtiles protocol and GDAL's /vsicurl/ read it. The ETag is the data version, so a client
 * re-checking a pack it holds gets 304 until new figures are published. Without a pack service (an app built
 * without a store for packs) the routes answer 404.
 */
export function packRoutes(packs: PackService | undefined) {
  const app = new Hono<AppEnv>();
  for (const [route, format] of [
    [ROUTES.packPmtiles, 'pmtiles'],
    [ROUTES.packMbtiles, 'mbtiles'],
  ] as const) {
    app.get(route, async (c) => {
      if (!packs) throw notFound('offline packs are not served here');
      const pack = await packs.pack(
        parseKey(c.req.param('dataset'), 'dataset'),
        parseKey(c.req.param('round'), 'round'),
        format as PackFormat,
      );
      const etag = `"pack-${pack.version}"`;
      const size = pack.bytes.byteLength;
      c.header('ETag', etag);
      c.header('Cache-Control', CACHE_CONTROL.metadata);
      c.header('Accept-Ranges', 'bytes');
      c.header('X-Pack-Build', pack.buildId);
      if (
        c.req
          .header('If-None-Match')
          ?.split(',')
          .some((tag) => tag.trim() === etag)
      )
        return c.body(null, 304);
      c.header('Content-Type', PACK_CONTENT_TYPES[pack.format]);
      c.header(
        'Content-Disposition',
        `attachment; filename="${packFileName(pack.round.dataset, pack.round.key, pack.format)}"`,
      );
      const ifRange = c.req.header('If-Range');
      const range = ifRange && ifRange !== etag ? undefined : parseRange(c.req.header('Range'), size);
      if (range === 'unsatisfiable') {
        c.header('Content-Range', `bytes */${size}`);
        return c.body(null, 416);
      }
      const body = range ? pack.bytes.slice(range.start, range.end + 1) : pack.bytes;
      if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      c.header('Content-Length', String(body.byteLength));
      return c.body(body as Uint8Array<ArrayBuffer>, range ? 206 : 200);
    });
  }
  return app;
}
