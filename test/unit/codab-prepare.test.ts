import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import type { BoundarySetSource } from '../../functions/core/dataset-manifest.ts';
import type { AreaProperties } from '../../functions/core/types.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';

/** Made-up COD-AB-shaped files (test/fixtures/codab/README.md). */
const CODAB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/codab');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(CODAB_DIR, name), 'utf8')) as FeatureCollection;

const set = (levels: BoundarySetSource['levels']): BoundarySetSource => ({
  id: 'xx-codab',
  title: 'Testland COD-AB (invented)',
  attribution: 'Invented for tests',
  licence: 'Invented for tests: no terms',
  codeRules: [],
  codePattern: '^XX([0-9]{2}){1,2}$',
  levels,
});
const areas = (prepared: Awaited<ReturnType<typeof prepareBoundarySet>>, object: string) =>
  (prepared.topology.objects[object]?.geometries ?? []).map((g) => g.properties as AreaProperties);

/** A data folder in the temporary directory holding the given files. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'codab-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('boundary sets from COD-AB files, fields detected', () => {
  it('prepares two GeoJSON levels with no field names in the manifest', async () => {
    const prepared = await prepareBoundarySet(
      set([
        { level: 2, file: 'xx_adm2.geojson' },
        { level: 1, file: 'xx_adm1.geojson' },
      ]),
      CODAB_DIR,
    );
    expect(prepared.manifest.levels.map((l) => [l.object, l.count])).toEqual([
      ['adm1', 2],
      ['adm2', 3],
    ]);
    expect(areas(prepared, 'adm1')[0]).toMatchObject({
      pcode: 'XX01',
      name: 'Testland du Nord',
      names: { en: 'North Testland', fr: 'Testland du Nord', xy: 'Nò Testland' },
    });
    expect(areas(prepared, 'adm2').map((a) => [a.pcode, a.parent, a.name])).toEqual([
      ['XX0101', 'XX01', 'Alpha-la-Ville'],
      ['XX0102', 'XX01', 'Bêta'],
      ['XX0201', 'XX02', 'Gamma'],
    ]);
  });

  it('prepares the same set from TopoJSON: the only object, or the object the manifest names', async () => {
    const adm1 = fixture('xx_adm1.geojson');
    const adm2 = fixture('xx_adm2.geojson');
    const dir = folder({
      'adm1.topojson': topology({ boundaries: adm1 }),
      'both.topojson': topology({ regions: adm1, districts: adm2 }),
    });
    const prepared = await prepareBoundarySet(
      set([
        { level: 1, file: 'adm1.topojson' },
        { level: 2, file: 'both.topojson', object: 'districts' },
      ]),
      dir,
    );
    const fromGeoJson = await prepareBoundarySet(
      set([
        { level: 1, file: 'xx_adm1.geojson' },
        { level: 2, file: 'xx_adm2.geojson' },
      ]),
      CODAB_DIR,
    );
    expect(areas(prepared, 'adm1')).toEqual(areas(fromGeoJson, 'adm1'));
    expect(areas(prepared, 'adm2')).toEqual(areas(fromGeoJson, 'adm2'));
  });

  it.each([
    [
      'a parent code not in the level above',
      { level: 2 as const, file: 'xx_adm2_unknown_parent.geojson' },
      undefined,
      'xx_adm2_unknown_parent.geojson, row 3, column "adm1_pcode": parent XX09 is not in the level above',
    ],
    [
      'a file that is not JSON',
      { level: 2 as const, file: 'bad.json' },
      'not json {',
      /^bad.json: not valid JSON/,
    ],
    [
      'a topology with several objects and none named',
      { level: 2 as const, file: 'bad.json' },
      'several',
      'bad.json, column "object": the topology has several objects; name one in the manifest (objects in the file: regions, districts)',
    ],
    [
      'a topology without the named object',
      { level: 2 as const, file: 'bad.json', object: 'communes' },
      'several',
      'bad.json, column "objects.communes": no such object (objects in the file: regions, districts)',
    ],
    [
      'a topology without arcs',
      { level: 2 as const, file: 'bad.json' },
      { type: 'Topology', objects: { a: { type: 'GeometryCollection', geometries: [] } } },
      'bad.json: not a valid TopoJSON Topology (no "objects" or no "arcs")',
    ],
  ])('refuses %s, naming file, feature and field', async (_name, level, content, message) => {
    const several = topology({ regions: fixture('xx_adm1.geojson'), districts: fixture('xx_adm2.geojson') });
    const dir = folder({
      'xx_adm1.geojson': fixture('xx_adm1.geojson'),
      'xx_adm2_unknown_parent.geojson': fixture('xx_adm2_unknown_parent.geojson'),
      'bad.json': content === 'several' ? several : (content ?? ''),
    });
    await expect(
      prepareBoundarySet(set([{ level: 1, file: 'xx_adm1.geojson' }, level]), dir),
    ).rejects.toThrow(message);
  });
});
