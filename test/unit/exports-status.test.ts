import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAreaProperties } from '../../functions/core/area-properties.ts';
import type { DatasetManifest, DatasetManifestFile } from '../../functions/core/dataset-manifest.ts';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { createApp } from '../../functions/http/app.ts';
import { seed } from '../../functions/ingest/seed.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { TINY_DIR } from '../helpers/tiny.ts';

/**
 * Downloads keep the status per area and never turn a missing figure into 0: Testland with Cedar's household
 * cell left blank (a `reported` area without `idps_hh`) and Dune without a row (`no_data`).
 */
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dtm-status-'));
  await cp(TINY_DIR, dir, { recursive: true });
  const csv = path.join(dir, 'figures/round-1.csv');
  const text = await readFile(csv, 'utf8');
  // Cedar (XXX0201): households blank, individuals kept (the stated total of 250 IDPs still holds).
  const blanked = text.replace('Cedar,XXX0201,10,50', 'Cedar,XXX0201,,50');
  expect(blanked).not.toBe(text);
  await writeFile(csv, blanked);
  const file = JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8')) as DatasetManifestFile;
  const manifest: DatasetManifest = { ...file, correctionList: [] };
  const catalog = new MemoryCatalog();
  const boundaries = new MemoryBoundaries();
  await seed([manifest], dataFolder(dir), catalog, boundaries, () => {});
  app = createApp({ catalog, boundaries });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = async (url: string) => {
  const response = await app.request(`http://atlas.test/api/v1/datasets/xx/rounds/1/${url}`);
  expect(response.status, url).toBe(200);
  return response;
};

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function cellsOf(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, cell = '']) =>
    cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell,
  );
}

/** The CSV's area rows by P-code, each as header → cell (whatever metadata lines come before the header). */
async function csvRows(): Promise<Map<string, Record<string, string>>> {
  const lines = (await (await get('figures.csv?level=adm2')).text()).split('\r\n');
  const headerAt = lines.findIndex((line) => line.startsWith('pcode,'));
  const header = cellsOf(lines[headerAt] ?? '');
  const rows = lines.slice(headerAt + 1).filter((line) => line.startsWith('XX'));
  return new Map(
    rows.map((line) => {
      const cells = cellsOf(line);
      return [cells[0] ?? '', Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))];
    }),
  );
}

describe('status and missing figures in downloads', () => {
  it('CSV: the status stays per area; a missing figure is an empty cell, a zero stays 0', async () => {
    const rows = await csvRows();
    expect(rows.get('XX0201')).toMatchObject({ status: 'reported', idps_ind: '50', idps_hh: '' });
    expect(rows.get('XX0202')).toMatchObject({
      status: 'no_data',
      idps_ind: '',
      idps_hh: '',
      returnees_ind: '',
      returnees_hh: '',
    });
    // Amber reports no returnees: a zero, not a gap.
    expect(rows.get('XX0101')).toMatchObject({ status: 'reported', idps_hh: '30', returnees_ind: '0' });
  });

  it('GeoJSON: the missing figure is absent (not 0, not null); the area stays reported', async () => {
    const collection = (await (await get('figures.geojson?level=adm2')).json()) as {
      features: Array<{ properties: Record<string, unknown> }>;
    };
    const byCode = new Map(collection.features.map((f) => [f.properties.pcode, f.properties]));
    const cedar = byCode.get('XX0201');
    expect(cedar).toMatchObject({ status: 'reported', idps_ind: 50 });
    expect(cedar).not.toHaveProperty('idps_hh');
    const dune = byCode.get('XX0202');
    expect(dune).toMatchObject({ status: 'no_data' });
    for (const key of ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'])
      expect(dune).not.toHaveProperty(key);
  });

  it('the households style lists no data where an area lacks the figure (Cedar, Dune, Southmere)', async () => {
    const response = await app.request('http://atlas.test/styles/xx/1/style.json?indicator=idps_hh');
    expect(response.status).toBe(200);
    const style = (await response.json()) as { metadata: Record<string, any> };
    const legend = style.metadata['dtm-atlas:legend'];
    expect(legend.shown.adm2).toEqual({ zero: false, noData: true });
    expect(legend.classes.adm2.length).toBeGreaterThan(0);
    // Southmere's only row is Cedar's: the région lacks the household figure too.
    expect(legend.shown.adm1).toEqual({ zero: false, noData: true });
    const { features } = (await (await get('figures.geojson?level=adm1')).json()) as {
      features: Array<{ properties: Record<string, unknown> }>;
    };
    const southmere = features.find((f) => f.properties.pcode === 'XX02')?.properties;
    expect(southmere).toMatchObject({ status: 'reported', idps_ind: 50 });
    expect(southmere).not.toHaveProperty('idps_hh');
  });
});

describe('an area whose figures are all absent', () => {
  it('is no_data, not reported, and carries no figure', () => {
    const areas = [
      { pcode: 'XX01', name: 'Northvale', level: 1 as const },
      { pcode: 'XX02', name: 'Southmere', level: 1 as const },
    ];
    // XX01's row gave no figure at all (DTM's null "not assessed"); XX02's gave households only.
    const figures = new Map([
      ['XX01', { pcode: 'XX01', level: 1 as const, sourceRows: [2] }],
      ['XX02', { pcode: 'XX02', level: 1 as const, sourceRows: [3], idps_hh: 0 }],
    ]);
    const props = joinAreaProperties(areas, figures, { key: '1', date: '2024-01-31' });
    expect(props.get('XX01')).toMatchObject({ status: 'no_data' });
    expect(props.get('XX02')).toMatchObject({ status: 'reported', idps_hh: 0 });
    expect(props.get('XX02')).not.toHaveProperty('idps_ind');
    for (const key of ['idps_ind', 'idps_hh', 'returnees_ind', 'returnees_hh'])
      expect(props.get('XX01')).not.toHaveProperty(key);
  });
});
