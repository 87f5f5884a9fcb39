import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, toolAvailable } from '../helpers/browser.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

/** GDAL's ogrinfo, found on PATH as `.ci/run` finds it (`command -v ogrinfo`). */
const FOUND = findOnPath('ogrinfo');
const OGRINFO = FOUND ?? 'ogrinfo';
let service: TestService;
let dir: string;

const rawTile = async (z: number, x: number, y: number) =>
  new Uint8Array(
    await (await service.app.request(`http://atlas.test/tiles/mli/72/${z}/${x}/${y}.mvt`)).arrayBuffer(),
  );

beforeAll(async () => {
  service = await startSeededService();
  dir = await mkdtemp(path.join(tmpdir(), 'dtm-atlas-gis-'));
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

/** In CI a missing ogrinfo fails the run; elsewhere the GDAL test is skipped with a note. */
const ogrAvailable = () => toolAvailable(FOUND, 'ogrinfo (GDAL)', 'apt-get install -y gdal-bin');

describe('GIS clients', () => {
  it.runIf(ogrAvailable())(
    'GDAL reads a tile with typed fields: counts as integers, codes as strings',
    async () => {
      const file = path.join(dir, 'tile.mvt');
      await writeFile(file, await rawTile(5, 15, 14));
      const args = ['-ro', '-oo', 'Z=5', '-oo', 'X=15', '-oo', 'Y=14', file];
      const summary = execFileSync(OGRINFO, [...args, '-so', 'adm2'], { encoding: 'utf8' });
      expect(summary).toMatch(/idps_ind: Integer/);
      expect(summary).toMatch(/returnees_hh: Integer/);
      expect(summary).toMatch(/pcode: String/);
      expect(summary).toMatch(/Geometry: Multi Polygon/);
      const feature = execFileSync(OGRINFO, [...args, '-q', 'adm2', '-where', "pcode='ML0602'"], {
        encoding: 'utf8',
      });
      expect(feature).toMatch(/name \(String\) = Goundam/);
      const api = await (
        await service.app.request('http://atlas.test/api/v1/datasets/mli/rounds/72/figures?level=adm2')
      ).json();
      const goundam = api.areas.find((a: { pcode: string }) => a.pcode === 'ML0602');
      expect(feature).toContain(`idps_ind (Integer) = ${goundam.idps_ind}`);
      const layers = execFileSync(OGRINFO, args, { encoding: 'utf8' });
      expect(layers).toMatch(/adm1 \(Multi Polygon\)/);
      expect(layers).toMatch(/labels \(Point\)/);
    },
  );

  it('keeps borders shared on the tile grid: commune edges used once are on the country outline or the tile edge', async () => {
    for (const [z, x, y] of [
      [6, 30, 29],
      [8, 124, 118],
      [10, 497, 475],
    ] as const) {
      const tile = new VectorTile(new PbfReader(await rawTile(z, x, y)));
      const onceEdges = (layerName: string) => {
        const layer = tile.layers[layerName];
        const counts = new Map<string, number>();
        for (let i = 0; i < (layer?.length ?? 0); i++) {
          for (const ring of layer?.feature(i).loadGeometry() ?? []) {
            const closed = [...ring, ring[0]];
            for (let j = 1; j < closed.length; j++) {
              const a = `${closed[j - 1]?.x},${closed[j - 1]?.y}`;
              const b = `${closed[j]?.x},${closed[j]?.y}`;
              if (a === b) continue;
              const key = a < b ? `${a}|${b}` : `${b}|${a}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
            }
          }
        }
        expect(
          [...counts.values()].every((n) => n <= 2),
          `${layerName} ${z}/${x}/${y}: an edge used 3 times`,
        ).toBe(true);
        return new Set([...counts].filter(([, n]) => n === 1).map(([edge]) => edge));
      };
      const onTileEdge = (edge: string) => {
        const [[x1, y1], [x2, y2]] = edge.split('|').map((p) => p.split(',').map(Number)) as [
          [number, number],
          [number, number],
        ];
        const border = (v: number) => v <= 0 || v >= 4096;
        return (x1 === x2 && border(x1)) || (y1 === y2 && border(y1));
      };
      const communes = onceEdges('adm3');
      const regions = onceEdges('adm1');
      expect(communes.size, `${z}/${x}/${y} has communes`).toBeGreaterThan(0);
      const gaps = [...communes].filter((edge) => !onTileEdge(edge) && !regions.has(edge));
      expect(gaps, `${z}/${x}/${y}: commune edges with no neighbour inside the country`).toEqual([]);
    }
  });
});
