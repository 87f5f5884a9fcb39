import { describe, expect, it } from 'vitest';
import type { BoundaryManifest } from '../../functions/core/boundary-set.ts';
import { urls } from '../../functions/core/routes.ts';
import { buildTileJson } from '../../functions/core/tilejson.ts';
import { TILESET_MAXZOOM, TILESET_MINZOOM } from '../../functions/core/tileset.ts';
import type { DatasetMeta, RoundMeta } from '../../functions/core/types.ts';

const dataset: DatasetMeta = {
  id: 'xyz',
  name: 'Testland',
  country: 'XYZ',
  defaultBoundarySet: 'xyz-2020',
  attribution: 'IOM DTM · OCHA COD-AB',
  levelNames: { adm1: 'Province', adm2: 'District', adm3: 'Ward' },
};
const round: RoundMeta = {
  dataset: 'xyz',
  key: '3',
  number: 3,
  date: '2020-01-31',
  source: { title: 'Round 3', organisation: 'IOM DTM', file: 'r3.csv', sha256: 'x' },
  boundarySet: 'xyz-2020',
  totals: { idps_ind: 10 },
  status: 'published',
  version: 'v1',
};
const manifest = (levels: Array<1 | 2 | 3>): BoundaryManifest => ({
  id: 'xyz-2020',
  title: 'Testland boundaries 2020',
  version: 'b1',
  bbox: [-12, 10, 4, 25],
  levels: levels.map((level) => ({ level, object: `adm${level}` as const, count: 1 })),
  sources: [],
  attribution: 'OCHA',
});

describe('TileJSON', () => {
  const base = 'https://atlas.example';

  it('hands out the tile template of the route table for the round reference asked', () => {
    expect(buildTileJson(base, dataset, round, '3', manifest([1])).tiles).toEqual([
      urls.tileTemplate(base, 'xyz', '3'),
    ]);
    expect(buildTileJson(base, dataset, round, 'latest', manifest([1])).tiles).toEqual([
      'https://atlas.example/tiles/xyz/latest/{z}/{x}/{y}.mvt',
    ]);
  });

  it('describes the tileset: 3.0.0, zooms, bounds, centre, attribution', () => {
    const tilejson = buildTileJson(base, dataset, round, '3', manifest([1, 2, 3]));
    expect(tilejson).toMatchObject({
      tilejson: '3.0.0',
      scheme: 'xyz',
      minzoom: TILESET_MINZOOM,
      maxzoom: TILESET_MAXZOOM,
      bounds: [-12, 10, 4, 25],
      center: [-4, 17.5, 5],
      attribution: dataset.attribution,
    });
    expect(tilejson.name).toBe('Testland displacement, Round 3');
  });

  it('lists the area layers the boundary set has, labels always, sites only when the round has them', () => {
    const ids = (levels: Array<1 | 2 | 3>, sites: boolean) =>
      buildTileJson(base, dataset, round, '3', manifest(levels), sites).vector_layers.map((l) => l.id);
    expect(ids([1, 2, 3], false)).toEqual(['adm1', 'adm2', 'adm3', 'labels']);
    expect(ids([1], true)).toEqual(['adm1', 'labels', 'sites']);
  });

  it('gives régions no parent field and lower levels one', () => {
    const layers = buildTileJson(base, dataset, round, '3', manifest([1, 2])).vector_layers;
    expect(layers[0]?.fields).not.toHaveProperty('parent');
    expect(layers[1]?.fields).toHaveProperty('parent', 'String');
    expect(layers[0]?.description).toBe('Province (admin level 1) with figures');
  });
});
