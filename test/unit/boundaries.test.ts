import { describe, expect, it } from 'vitest';
import { normaliseLevel } from '../../geodata/normalize.ts';

const source = {
  level: 2 as const,
  file: 'adm2.geojson',
  pcodeField: 'P',
  nameField: 'N',
  parentField: 'UP',
};
const square = (x: number, y: number, clockwise = false) => {
  const ring = [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ];
  return clockwise ? ring.reverse() : ring;
};
const feature = (p: string, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties: { P: p, N: `Area ${p}`, UP: 'XX01' },
  geometry: { type, coordinates },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const parents = new Set(['XX01']);
const read = (...features: unknown[]) => normaliseLevel(collection(...features), source, parents);

describe('boundary files: bad geometry is named by file, feature and field', () => {
  it.each([
    [
      'self-intersecting ring',
      [
        feature('XX0101', [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ]),
      ],
      /adm2.geojson, row 1, column "geometry": ring crosses itself/,
    ],
    [
      'unclosed ring',
      [
        feature('XX0101', [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ]),
      ],
      /row 1, column "geometry": polygon 1, ring 1 is not closed/,
    ],
    [
      'coordinates out of range',
      [
        feature('XX0101', [square(10, 0)]),
        feature('XX0102', [
          [
            [200, 0],
            [201, 0],
            [201, 1],
            [200, 0],
          ],
        ]),
      ],
      /row 2, column "geometry".*outside longitude\/latitude range/,
    ],
    [
      'duplicate P-codes',
      [feature('XX0101', [square(0, 0)]), feature('XX0101', [square(2, 0)])],
      /row 2, column "P": duplicate P-code XX0101 \(also row 1\)/,
    ],
    [
      'empty P-code',
      [{ ...feature('XX0101', [square(0, 0)]), properties: { P: '  ', N: 'A', UP: 'XX01' } }],
      /adm2.geojson, row 1, column "P": empty P-code/,
    ],
    [
      'empty parent P-code',
      [{ ...feature('XX0101', [square(0, 0)]), properties: { P: 'XX0101', N: 'A', UP: '' } }],
      /adm2.geojson, row 1, column "UP": empty parent P-code/,
    ],
    [
      'ring with fewer than 4 positions',
      [
        feature('XX0101', [square(0, 0)]),
        feature('XX0102', [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ]),
      ],
      /row 2, column "geometry": polygon 1, ring 1 has 3 positions; a ring needs at least 4/,
    ],
    [
      'projected coordinates (metres)',
      [
        feature('XX0101', [
          [
            [780000, 2050000],
            [790000, 2050000],
            [790000, 2060000],
            [780000, 2050000],
          ],
        ]),
      ],
      /row 1, column "geometry": polygon 1, ring 1 has a position outside longitude\/latitude range: \[780000,2050000\]; the file looks projected/,
    ],
    [
      'mixed geometry types',
      [feature('XX0101', [square(0, 0)]), feature('XX0102', [0, 0], 'Point')],
      /row 2, column "geometry": expected Polygon or MultiPolygon, found Point/,
    ],
    [
      'unknown parent',
      [{ ...feature('XX0101', [square(0, 0)]), properties: { P: 'XX0101', N: 'A', UP: 'ZZ01' } }],
      /row 1, column "UP": parent ZZ01 is not in the level above/,
    ],
    [
      'missing name',
      [{ ...feature('XX0101', [square(0, 0)]), properties: { P: 'XX0101', UP: 'XX01' } }],
      /row 1, column "N": missing value/,
    ],
  ])('%s', (_name, features, message) => {
    expect(() => read(...features)).toThrow(message);
  });

  it.each([
    ['a single Feature', { type: 'Feature', properties: {}, geometry: null }, /\(type "Feature"\)/],
    ['an array', [], /\(an array\)/],
    ['a JSON number', 3, /\(no "type"\)/],
  ])('refuses a file that is neither GeoJSON nor TopoJSON: %s', (_name, input, detail) => {
    expect(() => normaliseLevel(input, source, parents)).toThrow(
      /^adm2.geojson: not a GeoJSON FeatureCollection nor a TopoJSON Topology/,
    );
    expect(() => normaliseLevel(input, source, parents)).toThrow(detail);
  });

  it('refuses a GeoJSON whose crs is projected, naming it', () => {
    const projected = {
      ...collection(feature('XX0101', [square(0, 0)])),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32618' } },
    };
    expect(() => normaliseLevel(projected, source, parents)).toThrow(
      'adm2.geojson, column "crs": coordinates are in urn:ogc:def:crs:EPSG::32618, not longitude/latitude',
    );
    const lonLat = {
      ...projected,
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    };
    expect(normaliseLevel(lonLat, source, parents)).toHaveLength(1);
  });

  it('accepts wrong winding and rewinds it to RFC 7946 (outer rings counter-clockwise)', () => {
    const [area] = read(feature('XX0101', [square(0, 0, true)]));
    const ring = (area?.geometry.coordinates[0] ?? []) as number[][];
    let sum = 0;
    for (let i = 1; i < ring.length; i++)
      sum +=
        ((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)) * ((ring[i]?.[1] ?? 0) + (ring[i - 1]?.[1] ?? 0));
    expect(sum).toBeLessThan(0);
    expect(area?.properties).toMatchObject({
      pcode: 'XX0101',
      name: 'Area XX0101',
      parent: 'XX01',
      level: 2,
    });
  });
});
