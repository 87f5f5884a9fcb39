import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { TileJson } from '../../web/src/api.ts';
import { withTileJson } from '../../web/src/style-source.ts';

const TILEJSON_URL = 'https://atlas.example/tiles/xyz/3/tiles.json';

const tileJson = {
  tilejson: '3.0.0',
  name: 'Made-up country, round 3',
  description: '',
  version: '1.0.0',
  attribution: 'TileJSON credit',
  scheme: 'xyz',
  tiles: ['https://atlas.example/tiles/xyz/3/{z}/{x}/{y}.mvt?v=abc'],
  minzoom: 0,
  maxzoom: 10,
  bounds: [1, 2, 3, 4],
  center: [2, 3, 5],
  vector_layers: [],
} satisfies TileJson;

const style = (): StyleSpecification => ({
  version: 8,
  sources: {
    dtm: { type: 'vector', url: TILEJSON_URL, attribution: 'Style credit' },
    other: { type: 'vector', url: 'https://atlas.example/tiles/xyz/2/tiles.json' },
    dots: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  },
  layers: [],
});

describe('the TileJSON written into the page’s style', () => {
  it('gives the source naming it its tiles, zooms, bounds and scheme instead of the address', () => {
    const source = withTileJson(style(), TILEJSON_URL, tileJson).sources.dtm;
    expect(source).toEqual({
      type: 'vector',
      tiles: tileJson.tiles,
      minzoom: 0,
      maxzoom: 10,
      bounds: [1, 2, 3, 4],
      scheme: 'xyz',
      attribution: 'Style credit',
    });
  });

  it('leaves other sources, and the style it was given, as they were', () => {
    const given = style();
    const written = withTileJson(given, TILEJSON_URL, tileJson);
    expect(written.sources.other).toEqual(given.sources.other);
    expect(written.sources.dots).toEqual(given.sources.dots);
    expect(given.sources.dtm).toEqual(style().sources.dtm);
  });

  it('takes the TileJSON’s credit where the style names none', () => {
    const given = style();
    delete (given.sources.dtm as { attribution?: string }).attribution;
    expect(withTileJson(given, TILEJSON_URL, tileJson).sources.dtm).toMatchObject({
      attribution: 'TileJSON credit',
    });
  });
});
