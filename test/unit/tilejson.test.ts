import { describe, expect, it } from 'vitest';
import type { BoundaryManifest } from '../../functions/core/boundary-set.ts';
import { urls } from '../../functions/core/routes.ts';
import { buildTileJson } from '../../functions/core/tilejson.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from '../../functions/core/tileset.ts';
import type { DatasetMeta, RoundMeta } from '../../functions/core/types.ts';

// A monthly series: no round number, one boundary set per dataset.
const levelNames = { adm1: 'Region', adm2: 'County', adm3: 'Parish' };
const dataset: DatasetMeta = {
  ...{ id: 'abc', name: 'Otherland', country: 'ABC', defaultBoundarySet: 'abc-2019' },
  ...{ attribution: 'IOM DTM', levelNames },
};
const round: RoundMeta = {
  ...{ dataset: 'abc', key: '2019-05', date: '2019-05-31', boundarySet: 'abc-2019', version: 'v9' },
  source: { title: 'Monthly update, May 2019', organisation: 'IOM DTM', file: 'm.csv', sha256: 'y' },
  totals: { idps_ind: 10 },
  status: 'published',
};
const manifest = (levels: Array<1 | 2 | 3>): BoundaryManifest => ({
  id: 'abc-2019',
  title: 'Otherland boundaries 2019',
  version: 'b1',
  bbox: [-12, 10, 4, 25],
  levels: levels.map((level) => ({ level, object: `adm${level}` as const, count: 1 })),
  sources: [],
  attribution: 'OCHA',
});

describe('TileJSON', () => {
  const base = 'https://atlas.example';

  it('hands out the tile template of the route table for the round reference asked', () => {
    expect(buildTileJson(base, dataset, round, '2019-05', manifest([1])).tiles).toEqual([
      urls.tileTemplate(base, 'abc', '2019-05'),
    ]);
    expect(buildTileJson(base, dataset, round, 'latest', manifest([1])).tiles).toEqual([
      'https://atlas.example/tiles/abc/latest/{z}/{x}/{y}.mvt',
    ]);
  });

  it('describes the tileset: 3.0.0, zooms, bounds, centre, attribution', () => {
    const tilejson = buildTileJson(base, dataset, round, '2019-05', manifest([1, 2, 3]));
    expect(tilejson).toMatchObject({
      tilejson: '3.0.0',
      scheme: 'xyz',
      minzoom: TILESET_MINZOOM,
      maxzoom: TILESET_MAXZOOM,
      bounds: [-12, 10, 4, 25],
      center: [-4, 17.5, 5],
      attribution: dataset.attribution,
    });
    expect(tilejson.name).toBe('Otherland displacement, Monthly update, May 2019');
  });

  it('credits the round’s own figures and boundaries, escaped as HTML; the dataset only without provenance', () => {
    const provenance = {
      credit: 'Source: IOM DTM',
      organisations: 'IOM DTM & the <b>CMP</b>',
      licence: 'non-commercial',
      boundaries: { title: 'Old regions', attribution: 'Old survey office', licence: 'none stated' },
    };
    const credited = buildTileJson(base, dataset, { ...round, provenance }, '2019-05', manifest([1]));
    expect(credited.attribution).toBe(
      'Source: IOM DTM; IOM DTM &amp; the &lt;b&gt;CMP&lt;/b&gt; · Boundaries: Old survey office',
    );
    expect(buildTileJson(base, dataset, round, '2019-05', manifest([1])).attribution).toBe('IOM DTM');
  });

  it('lists the area layers the boundary set has, labels always, sites only when the round has them', () => {
    const ids = (levels: Array<1 | 2 | 3>, sites: boolean) =>
      buildTileJson(base, dataset, round, '2019-05', manifest(levels), sites).vector_layers.map((l) => l.id);
    expect(ids([1, 2, 3], false)).toEqual(['adm1', 'adm2', 'adm3', 'labels']);
    expect(ids([1], true)).toEqual(['adm1', 'labels', 'sites']);
  });

  it('gives régions no parent field and lower levels one', () => {
    const layers = buildTileJson(base, dataset, round, '2019-05', manifest([1, 2])).vector_layers;
    expect(layers[0]?.fields).not.toHaveProperty('parent');
    expect(layers[1]?.fields).toHaveProperty('parent', 'String');
    expect(layers[0]?.description).toBe('Region (admin level 1) with figures');
  });
});
