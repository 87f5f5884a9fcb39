import { describe, expect, it } from 'vitest';
import {
  CACHE_CONTROL,
  CDN_BEHAVIOURS,
  CORS_EXPOSED_HEADERS,
  DATA_VERSION,
  KEY,
  matchPlainTileUrl,
  QGIS_FILE,
  ROUTES,
  TILE_FILE,
  urls,
} from '../../functions/core/routes.ts';

describe('route patterns', () => {
  it('accepts dataset ids and round keys of lowercase letters, digits, dot, dash and underscore', () => {
    for (const key of ['mali', '72', 'latest', '2014-06', 'a', 'x.y_z-1', 'a'.repeat(64)]) {
      expect(KEY.test(key), key).toBe(true);
    }
    for (const key of ['', 'Mali', '-72', '.hidden', 'a/b', 'a b', 'é', 'a'.repeat(65)]) {
      expect(KEY.test(key), key).toBe(false);
    }
  });

  it('accepts tile files .mvt and .pbf without leading zeros, and hex data versions', () => {
    expect(TILE_FILE.exec('14.mvt')?.slice(1)).toEqual(['14', 'mvt']);
    expect(TILE_FILE.exec('0.pbf')?.slice(1)).toEqual(['0', 'pbf']);
    for (const file of ['014.mvt', '1.png', '1', '-1.mvt', '1.5.mvt'])
      expect(TILE_FILE.test(file), file).toBe(false);
    expect(DATA_VERSION.test('0123abcdef')).toBe(true);
    expect(DATA_VERSION.test('ABC')).toBe(false);
    expect(DATA_VERSION.test('a'.repeat(65))).toBe(false);
    expect(QGIS_FILE.exec('mali.xml')?.[1]).toBe('mali');
    expect(QGIS_FILE.test('mali.json')).toBe(false);
  });

  it('splits plain tile URLs for the fast path and refuses every other form', () => {
    expect(matchPlainTileUrl('/tiles/mali/72/5/15/14.mvt')).toEqual({
      dataset: 'mali',
      round: '72',
      z: '5',
      x: '15',
      yFile: '14.mvt',
      version: undefined,
    });
    expect(matchPlainTileUrl('/tiles/mali/latest/0/0/0.pbf?v=abc123')?.version).toBe('abc123');
    for (const url of [
      '/tiles/mali/72/5/15/14.png',
      '/tiles/mali/72/5/15/14.mvt?v=ABC',
      '/tiles/mali/72/5/15/14.mvt?x=1',
      '/tiles/mali/72/5/15/14.mvt?v=abc&x=1',
      '/tiles/m%61li/72/5/15/14.mvt',
      '/tiles/mali/72/05/15/14.mvt',
      '/tiles/mali/72/tiles.json',
      '/styles/mali/72/style.json',
    ]) {
      expect(matchPlainTileUrl(url), url).toBeUndefined();
    }
  });

  it('has a route for every URL the builders write', () => {
    expect(ROUTES.tile).toBe('/tiles/:dataset/:round/:z/:x/:y');
    expect(ROUTES.tileJson).toBe('/tiles/:dataset/:round/tiles.json');
    expect(ROUTES.style).toBe('/styles/:dataset/:round/style.json');
    expect(ROUTES.api.series).toBe('/datasets/:dataset/areas/:pcode/series');
  });
});

describe('URL builders', () => {
  const base = 'https://atlas.example';

  it('write the tile template, TileJSON, style, QGIS and glyph URLs', () => {
    expect(urls.tileTemplate(base, 'mali', '72')).toBe('https://atlas.example/tiles/mali/72/{z}/{x}/{y}.mvt');
    expect(urls.tileJson(base, 'mali', 'latest')).toBe('https://atlas.example/tiles/mali/latest/tiles.json');
    expect(urls.style(base, 'mali', '72')).toBe('https://atlas.example/styles/mali/72/style.json');
    expect(urls.style(base, 'mali', '72', { flavor: 'qgis' })).toBe(
      'https://atlas.example/styles/mali/72/style.json?flavor=qgis',
    );
    expect(urls.style('', 'mali', '72', { indicator: 'idps_hh', lang: 'fr' })).toBe(
      '/styles/mali/72/style.json?indicator=idps_hh&lang=fr',
    );
    expect(urls.qgis(base, 'mali')).toBe('https://atlas.example/qgis/mali.xml');
    expect(urls.glyphs(base)).toBe('https://atlas.example/fonts/{fontstack}/{range}.pbf');
    expect(urls.embed(base)).toBe('https://atlas.example/embed/');
  });

  it('write the API URLs, absolute or relative to the page', () => {
    expect(urls.datasets('')).toBe('/api/v1/datasets');
    expect(urls.rounds(base, 'mali')).toBe('https://atlas.example/api/v1/datasets/mali/rounds');
    expect(urls.round('', 'mali', '2014-06')).toBe('/api/v1/datasets/mali/rounds/2014-06');
    expect(urls.figures(base, 'mali', '72', 'adm1')).toBe(
      'https://atlas.example/api/v1/datasets/mali/rounds/72/figures?level=adm1',
    );
    expect(urls.figuresCsv('', 'mali', '72', 'adm2')).toBe(
      '/api/v1/datasets/mali/rounds/72/figures.csv?level=adm2',
    );
    expect(urls.figuresGeoJson('', 'mali', '72', 'adm3')).toBe(
      '/api/v1/datasets/mali/rounds/72/figures.geojson?level=adm3',
    );
    expect(urls.report(base, 'mali', '72')).toBe(
      'https://atlas.example/api/v1/datasets/mali/rounds/72/report',
    );
    expect(urls.series('', 'mali', 'ML01')).toBe('/api/v1/datasets/mali/areas/ML01/series');
  });

  it('escape what is not a key, and leave keys as they are', () => {
    expect(urls.series('', 'mali', 'a/b c')).toBe('/api/v1/datasets/mali/areas/a%2Fb%20c/series');
    expect(urls.tileJson('', 'x.y_z-1', '2014-06')).toBe('/tiles/x.y_z-1/2014-06/tiles.json');
  });
});

describe('cache rules and the CDN table', () => {
  it('keeps versioned tiles a year and everything that moves a minute', () => {
    expect(CACHE_CONTROL.versioned).toBe('public, max-age=31536000, immutable');
    expect(CACHE_CONTROL.moving).toBe('public, max-age=60');
    expect(CACHE_CONTROL.metadata).toBe('public, max-age=60');
    expect(CACHE_CONTROL.none).toBe('no-store');
  });

  it('exposes the validators and encodings to scripts', () => {
    expect([...CORS_EXPOSED_HEADERS]).toEqual([
      'ETag',
      'Content-Encoding',
      'Content-Length',
      'Content-Range',
    ]);
  });

  it('routes TileJSON before the tiles catch-all, and every app route has a CDN behaviour', () => {
    const patterns = CDN_BEHAVIOURS.map((b) => b.pattern);
    expect(patterns.indexOf('/tiles/*/tiles.json')).toBeLessThan(patterns.indexOf('/tiles/*'));
    expect(new Set(patterns).size).toBe(patterns.length);
    const covered = (path: string) =>
      patterns.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
    for (const path of [
      ROUTES.catalog,
      urls.tileJson('', 'mali', '72'),
      urls.tileTemplate('', 'mali', '72'),
      urls.style('', 'mali', '72'),
      urls.qgis('', 'mali'),
      urls.datasets(''),
      ROUTES.health,
      ROUTES.embed,
      urls.embed(''),
    ]) {
      expect(covered(path), path).toBe(true);
    }
    const byPattern = Object.fromEntries(CDN_BEHAVIOURS.map((b) => [b.pattern, b]));
    expect(byPattern['/tiles/*']?.cache).toBe('tiles');
    expect(byPattern['/tiles/*/tiles.json']?.cache).toBe('metadata');
    expect(byPattern['/healthz']).toMatchObject({ origin: 'api', cache: 'none' });
  });
});
