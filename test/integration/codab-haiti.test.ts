import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedBoundarySet } from '../../functions/core/boundary-set.ts';
import type { BoundarySetSource } from '../../functions/core/dataset-manifest.ts';
import type { AreaProperties } from '../../functions/core/types.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { DATA_DIR } from '../helpers/service.ts';

// The real OCHA COD-AB Haiti files (SOURCES.md section 6): names in EN, FR and Haitian Creole.
const ADM1 = 'haiti/boundaries/hti_admbnda_adm1_cnigs_20181129.geojson';
const ADM2 = 'haiti/boundaries/hti_admbnda_adm2_cnigs_20181129.geojson';

/** A manifest entry with no field names: everything is detected from the COD-AB property names. */
const haiti = (levels: BoundarySetSource['levels']): BoundarySetSource => ({
  id: 'hti-codab-2018',
  title: 'Haiti, COD-AB 2018',
  attribution: 'CNIGS / OCHA',
  licence: 'As published on HDX (cod-ab-hti)',
  codeRules: [],
  codePattern: '^HT([0-9]{2}){1,2}$',
  levels,
});
const areas = (set: PreparedBoundarySet, level: 1 | 2) =>
  (set.topology.objects[`adm${level}`]?.geometries ?? []).map((g) => g.properties as AreaProperties);

let set: PreparedBoundarySet;

beforeAll(async () => {
  set = await prepareBoundarySet(
    haiti([
      { level: 1, file: ADM1 },
      { level: 2, file: ADM2 },
    ]),
    DATA_DIR,
  );
});

describe('Haiti COD-AB, fields detected', () => {
  it('has 10 départements and 140 communes, named in French with every language kept', () => {
    expect(set.manifest.levels.map((l) => [l.object, l.count])).toEqual([
      ['adm1', 10],
      ['adm2', 140],
    ]);
    const ouest = areas(set, 1).find((a) => a.pcode === 'HT01');
    expect(ouest).toMatchObject({ name: 'Ouest', names: { en: 'West', fr: 'Ouest', ht: 'Lwès' } });
    expect(areas(set, 1).every((a) => a.names?.en && a.names.fr && a.names.ht && !('parent' in a))).toBe(
      true,
    );
    expect(areas(set, 1).map((a) => a.name)).toContain('Nord-Ouest');
  });

  it('gives every commune a parent among the départements, and its names', () => {
    const departements = new Set(areas(set, 1).map((a) => a.pcode));
    const communes = areas(set, 2);
    expect(communes.every((a) => a.parent && departements.has(a.parent))).toBe(true);
    expect(communes.find((a) => a.pcode === 'HT0111')).toMatchObject({
      name: 'Port-au-Prince',
      parent: 'HT01',
      names: { en: 'Port-au-Prince', fr: 'Port-au-Prince' },
    });
    expect(communes.every((a) => a.names?.fr === a.name && a.names.en)).toBe(true);
  });

  it('prepares the départements from a TopoJSON made from the GeoJSON, the same areas', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'codab-haiti-'));
    const geojson = JSON.parse(readFileSync(path.join(DATA_DIR, ADM1), 'utf8')) as FeatureCollection;
    writeFileSync(
      path.join(dir, 'hti_adm1.topojson.json'),
      JSON.stringify(topology({ hti_adm1: geojson }, 1e6)),
    );
    const fromTopo = await prepareBoundarySet(haiti([{ level: 1, file: 'hti_adm1.topojson.json' }]), dir);
    expect(fromTopo.manifest.levels).toEqual([{ level: 1, object: 'adm1', count: 10 }]);
    const strip = (a: AreaProperties) => ({ ...a, anchor: undefined });
    expect(areas(fromTopo, 1).map(strip)).toEqual(areas(set, 1).map(strip));
    for (const [i, area] of areas(fromTopo, 1).entries()) {
      const [lon = 0, lat = 0] = area.anchor ?? [];
      const [lon0 = 0, lat0 = 0] = areas(set, 1)[i]?.anchor ?? [];
      expect(Math.abs(lon - lon0) + Math.abs(lat - lat0)).toBeLessThan(0.01);
    }
  });
});
