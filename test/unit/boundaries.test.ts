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
      /row 2, column "P": duplicate P-code XX0101/,
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
