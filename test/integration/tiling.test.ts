import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAreaProperties } from '../../functions/core/area-properties.ts';
import type { PreparedBoundarySet } from '../../functions/core/boundary-set.ts';
import { featureIdForPcode } from '../../functions/core/feature-id.ts';
import { areasAtZoom } from '../../functions/core/simplify.ts';
import { buildGeometryIndex, cutTile, type LayerSource } from '../../functions/core/tile-cut.ts';
import { layersAtZoom } from '../../functions/core/tileset.ts';
import type { AreaFigures, AreaProperties } from '../../functions/core/types.ts';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { DATA_DIR } from '../helpers/service.ts';

let set: PreparedBoundarySet;

beforeAll(async () => {
  const [mali] = await loadDatasetManifests();
  set = await prepareBoundarySet(mali?.boundarySets[0] as never, DATA_DIR);
});

function areasOf(level: 1 | 2 | 3): AreaProperties[] {
  return (set.topology.objects[`adm${level}`]?.geometries ?? []).map((g) => g.properties as AreaProperties);
}

/** Layers for a tile at zoom z, with Gao (ML07) and its cercles reported and everything else without data. */
function layers(z: number): LayerSource[] {
  return layersAtZoom(z).map((layer) => {
    const figures = new Map<string, AreaFigures>();
    for (const area of areasOf(layer.level)) {
      if (area.pcode.startsWith('ML07')) {
        figures.set(area.pcode, {
          pcode: area.pcode,
          level: layer.level,
          idps_ind: 120,
          idps_hh: 30,
          returnees_ind: 0,
          returnees_hh: 0,
          sourceRows: [2],
        });
      }
    }
    return {
      name: layer.name,
      index: buildGeometryIndex(set.topology, layer.name, z),
      properties: joinAreaProperties(areasOf(layer.level), figures, { key: '72', date: '2021-09-30' }),
    };
  });
}

function decode(bytes: Uint8Array): VectorTile {
  return new VectorTile(new PbfReader(bytes));
}

describe('boundary preparation', () => {
  it('normalises properties and keeps every area of the source', () => {
    expect(set.manifest.levels.map((l) => l.count)).toEqual([10, 53, 701]);
    const segou = areasOf(1).find((a) => a.pcode === 'ML04');
    expect(segou).toMatchObject({ pcode: 'ML04', name: 'Ségou', level: 1 });
    // Issue 13: the name in every language the file carries (Mali's COD-AB: French only) is kept too.
    expect(Object.keys(segou ?? {}).sort()).toEqual(['anchor', 'level', 'name', 'names', 'pcode']);
    expect(segou?.names).toEqual({ fr: 'Ségou' });
    expect(areasOf(3).every((a) => a.parent && a.parent.length === 6)).toBe(true);
  });

  it('keeps shared borders shared at every zoom: the communes outline exactly the régions', () => {
    for (const z of [2, 5, 8, 10]) {
      const boundaryEdges = (level: 1 | 3) => {
        const counts = new Map<string, number>();
        for (const area of areasAtZoom(set.topology, `adm${level}`, z)) {
          const polygons =
            area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
          for (const ring of polygons.flat()) {
            for (let i = 1; i < ring.length; i++) {
              const a = ring[i - 1]?.join(',');
              const b = ring[i]?.join(',');
              const key = (a as string) < (b as string) ? `${a}|${b}` : `${b}|${a}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
            }
          }
        }
        const outline = new Set([...counts].filter(([, n]) => n === 1).map(([edge]) => edge));
        return { outline, overlaps: [...counts.values()].filter((n) => n > 2).length };
      };
      const communes = boundaryEdges(3);
      const regions = boundaryEdges(1);
      // A gap or sliver between neighbouring communes would leave an internal edge used once.
      expect(communes.overlaps).toBe(0);
      const strayCommuneEdges = [...communes.outline].filter((edge) => !regions.outline.has(edge));
      expect(strayCommuneEdges.length / communes.outline.size).toBeLessThan(0.01);
    }
  });

  it('simplifies more at low zooms', () => {
    const vertices = (z: number) =>
      areasAtZoom(set.topology, 'adm3', z).reduce(
        (n, a) => n + JSON.stringify(a.geometry.coordinates).split('],[').length,
        0,
      );
    expect(vertices(4)).toBeLessThan(vertices(10) / 3);
  });
});

describe('vector tiles', () => {
  it('encodes MVT 2.1 with the joined figures as numbers and no data as absent', () => {
    // z5 tile over central Mali (Tombouctou, Gao, Mopti).
    const bytes = cutTile(layers(5), { z: 5, x: 15, y: 14 });
    expect(bytes).toBeDefined();
    const tile = decode(bytes as Uint8Array);
    expect(Object.keys(tile.layers).sort()).toEqual(['adm1', 'adm2']);
    const adm1 = tile.layers.adm1;
    expect(adm1?.version).toBe(2);
    expect(adm1?.extent).toBe(4096);
    const features = Array.from({ length: adm1?.length ?? 0 }, (_, i) => adm1?.feature(i));
    const gao = features.find((f) => f?.properties.pcode === 'ML07');
    expect(gao?.properties).toMatchObject({
      name: 'Gao',
      status: 'reported',
      idps_ind: 120,
      idps_hh: 30,
      round: '72',
    });
    expect(typeof gao?.properties.idps_ind).toBe('number');
    expect(gao?.id).toBe(featureIdForPcode('ML07'));
    const mopti = features.find((f) => f?.properties.pcode === 'ML05');
    expect(mopti?.properties.status).toBe('no_data');
    expect(mopti?.properties).not.toHaveProperty('idps_ind');
    for (const feature of features) {
      expect(Object.values(feature?.properties ?? {})).not.toContain('null');
      expect(feature?.type).toBe(3);
    }
  });

  it('carries communes only from zoom 6, and nothing outside the boundary set', () => {
    const z6 = decode(cutTile(layers(6), { z: 6, x: 31, y: 28 }) as Uint8Array);
    expect(Object.keys(z6.layers).sort()).toEqual(['adm1', 'adm2', 'adm3']);
    expect(z6.layers.adm3?.length).toBeGreaterThan(10);
    expect(cutTile(layers(6), { z: 6, x: 0, y: 0 })).toBeUndefined();
  });
});
