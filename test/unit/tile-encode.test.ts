import GeoJSONVT from 'geojson-vt';
import { describe, expect, it } from 'vitest';
import { cutTileRaw } from '../../bench/raw-mvt-encoder.ts';
import { buildPointIndex, cutTile, type LayerSource } from '../../functions/core/tile-cut.ts';
import { TILE_BUFFER, TILE_EXTENT } from '../../functions/core/tileset.ts';
import { decodeTile } from '../helpers/decode-tile.ts';

/** A made-up tile: one square with a hole and a spike of repeated points, one point, one area without data. */
function layers(): LayerSource[] {
  const square = [
    [-60, -45],
    [60, -45],
    [60, 45],
    [60, 45],
    [-60, 45],
    [-60, -45],
  ];
  const hole = [
    [-10, -10],
    [-10, 10],
    [10, 10],
    [10, -10],
    [-10, -10],
  ];
  const areas = new GeoJSONVT(
    {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 7,
          geometry: { type: 'Polygon', coordinates: [square, hole] },
          properties: { pcode: 'AA01' },
        },
        {
          type: 'Feature',
          id: 8,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [100, 0],
                [120, 0],
                [120, 20],
                [100, 0],
              ],
            ],
          },
          properties: { pcode: 'AA02' },
        },
      ],
    },
    { maxZoom: 2, tolerance: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER },
  );
  const points = buildPointIndex([{ lon: 0, lat: 0, id: 42, tags: { id: 'S1' } }], 2);
  return [
    {
      name: 'areas',
      index: areas,
      // AA02 has no entry: left out of the tile.
      properties: new Map([
        ['AA01', { pcode: 'AA01', name: 'Alpha', idps_ind: 1200, change: -35, share: 0.25 }],
      ]),
    },
    {
      name: 'sites',
      index: points,
      properties: new Map([['S1', { name: 'Camp', households: 3 }]]),
      key: 'id',
    },
  ];
}

describe('encodeTile', () => {
  it('decodes to the same tile as the hand-written encoder measured against it (bench/)', () => {
    const coord = { z: 0, x: 0, y: 0 };
    const own = cutTile(layers(), coord);
    expect(own).toBeInstanceOf(Uint8Array);
    expect(decodeTile(own)).toEqual(decodeTile(cutTileRaw(layers(), coord)));
  });

  it('writes ids, typed values, merged points and ring closure', () => {
    const decoded = decodeTile(cutTile(layers(), { z: 0, x: 0, y: 0 }));
    expect(Object.keys(decoded ?? {})).toEqual(['areas', 'sites']);
    const [area, ...others] = decoded?.areas?.features ?? [];
    expect(others).toEqual([]);
    expect(decoded?.areas).toMatchObject({ version: 2, extent: 4096 });
    expect(area).toMatchObject({
      id: 7,
      type: 3,
      properties: { pcode: 'AA01', name: 'Alpha', idps_ind: 1200, change: -35, share: 0.25 },
    });
    // Outer ring and hole; the repeated corner is written once and the ring closed by ClosePath
    // (decoding repeats the first point).
    expect(area?.geometry.map((ring) => ring.length)).toEqual([5, 5]);
    expect(area?.geometry[0]?.[0]).toEqual(area?.geometry[0]?.[4]);
    expect(decoded?.sites?.features).toEqual([
      { id: 42, type: 1, properties: { name: 'Camp', households: 3 }, geometry: [[[2048, 2048]]] },
    ]);
  });

  it('leaves out a tile with no feature that has properties', () => {
    const coord = { z: 2, x: 3, y: 1 };
    // Only AA02 lies there, and it has no properties.
    expect(
      layers()[0]
        ?.index.getTile(2, 3, 1)
        ?.features.map((f) => f.tags?.pcode),
    ).toEqual(['AA02']);
    expect(cutTile(layers(), coord)).toBeUndefined();
    expect(cutTileRaw(layers(), coord)).toBeUndefined();
  });
});
