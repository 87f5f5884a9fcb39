/**
 * The operator's path on the memory stores (functions/ingest/dataset-admin.ts with geodata's checks): a
 * country added from made-up COD-AB files (test/fixtures/codab), and every kind of bad boundary file refused
 * with file, feature and field named and nothing stored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledManifests, datasetAdmin } from '../../functions/entry/dataset-deps.ts';
import { addDataset, listDatasets, removeDataset } from '../../functions/ingest/dataset-admin.ts';
import type { AddDatasetRequest } from '../../functions/ingest/dataset-request.ts';
import { ingestFile } from '../../functions/ingest/ingest.ts';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { MemoryRegistry } from '../../functions/store/memory-registry.ts';

const CODAB = path.join(REPO_ROOT, 'test/fixtures/codab');
const adm1 = (): FeatureCollection => JSON.parse(readFileSync(path.join(CODAB, 'xx_adm1.geojson'), 'utf8'));
const adm2 = (): FeatureCollection => JSON.parse(readFileSync(path.join(CODAB, 'xx_adm2.geojson'), 'utf8'));
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

let stores: { registry: MemoryRegistry; catalog: MemoryCatalog; boundaries: MemoryBoundaries };
let files: Map<string, Uint8Array>;
const read = async (file: string) => {
  const found = files.get(file);
  if (!found) throw new Error(`no test file ${file}`);
  return found;
};
const deps = async () => datasetAdmin(stores, await bundledManifests(undefined));
const request = (boundaries: string[], extra: Partial<AddDatasetRequest> = {}): AddDatasetRequest => ({
  id: 'xxt',
  country: 'XXX',
  name: 'Testland',
  operation: 'Test operation',
  boundaries: boundaries.map((file) => ({ file })),
  ...extra,
});

/** Nothing stored by the operator's path: no manifest, no dataset, no boundary set. */
async function expectNothingStored() {
  expect(await stores.registry.listManifests()).toEqual([]);
  expect(await stores.catalog.listDatasets()).toEqual([]);
  expect(await stores.boundaries.getManifest('xxt-boundaries')).toBeUndefined();
}

beforeEach(() => {
  stores = {
    registry: new MemoryRegistry(),
    catalog: new MemoryCatalog(),
    boundaries: new MemoryBoundaries(),
  };
  files = new Map();
});

describe('adding a country', () => {
  it('adds a dataset from a TopoJSON adm1 and a GeoJSON adm2, levels detected, defaults marked', async () => {
    files.set('in/xx_adm1.topojson.json', bytes(topology({ adm1: adm1() })));
    files.set('xx_adm2.geojson', bytes(adm2()));
    const { manifest } = await addDataset(
      request(['xx_adm2.geojson', 'in/xx_adm1.topojson.json'], { levelNames: { adm1: 'Province' } }),
      read,
      await deps(),
    );
    expect(await stores.catalog.getDataset('xxt')).toMatchObject({
      name: 'Testland',
      country: 'XXX',
      defaultBoundarySet: 'xxt-boundaries',
      levelNames: { adm1: 'Province', adm2: 'Admin 2' },
    });
    expect(await stores.registry.getManifest('xxt')).toEqual(manifest);
    const [set] = manifest.boundarySets;
    expect(set?.levels.map((l) => [l.level, l.file])).toEqual([
      [2, 'xx_adm2.geojson'],
      [1, 'in/xx_adm1.topojson.json'],
    ]);
    expect(set).toMatchObject({ codePattern: '^XX[0-9A-Z]+$', licence: 'not stated' });
    expect(set?.attribution).toContain('not stated');
    expect(set?.title).toContain('not stated');
    expect(manifest.figuresLicence.credit).toContain('Displacement Tracking Matrix');
    const stored = await stores.boundaries.getManifest('xxt-boundaries');
    expect(stored?.levels.map((l) => [l.level, l.count])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(await listDatasets(await deps())).toContainEqual(
      expect.objectContaining({ id: 'xxt', origin: 'added', published: true, rounds: [] }),
    );
  });

  it('imports a DTM API file into the added dataset, and removes it only with --force once published', async () => {
    files.set('xx_adm1.geojson', bytes(adm1()));
    const { manifest } = await addDataset(request(['xx_adm1.geojson']), read, await deps());
    const api = readFileSync(path.join(REPO_ROOT, 'test/fixtures/ingest/api-json/api.json'));
    const boundarySet = async (id: string) => {
      const stored = await stores.boundaries.getManifest(id);
      if (!stored) throw new Error(`no set ${id}`);
      return { manifest: stored, topology: await stores.boundaries.getTopology(stored) };
    };
    await ingestFile(manifest, 'api.json', api, { catalog: stores.catalog, boundarySet });
    expect((await stores.catalog.listRounds('xxt')).map((r) => r.key)).toEqual(['9']);
    await expect(removeDataset('xxt', { force: false }, await deps())).rejects.toThrow(
      'dataset xxt has 1 published round(s) (9); remove --force removes them too',
    );
    expect(await stores.catalog.getDataset('xxt')).toBeDefined();
    expect(await removeDataset('xxt', { force: true }, await deps())).toEqual({ rounds: 1 });
    expect(await stores.catalog.getDataset('xxt')).toBeUndefined();
    expect(await stores.catalog.listRounds('xxt')).toEqual([]);
    expect(await stores.registry.getManifest('xxt')).toBeUndefined();
  });

  it('refuses a bundled id, a published id, and a boundary set id another dataset uses', async () => {
    files.set('xx_adm1.geojson', bytes(adm1()));
    await expect(
      addDataset({ ...request(['xx_adm1.geojson']), id: 'mli' }, read, await deps()),
    ).rejects.toThrow('dataset mli is bundled with DTM Atlas');
    await expect(
      addDataset(request(['xx_adm1.geojson'], { boundarySet: 'hti-codab-2018' }), read, await deps()),
    ).rejects.toThrow('boundary set hti-codab-2018 belongs to dataset hti');
    await expectNothingStored();
    await addDataset(request(['xx_adm1.geojson']), read, await deps());
    await expect(addDataset(request(['xx_adm1.geojson']), read, await deps())).rejects.toThrow(
      'dataset xxt exists; remove it first',
    );
    await expect(removeDataset('mli', { force: true }, await deps())).rejects.toThrow('cannot be removed');
  });
});

/** One bad adm1 file (made from the good one by `spoil`) and the error it must give. */
const faults: Array<[string, (fc: FeatureCollection) => unknown, RegExp]> = [
  [
    'not GeoJSON or TopoJSON',
    (fc) => fc.features[0],
    /^bad\.json: not a GeoJSON FeatureCollection nor a TopoJSON Topology/,
  ],
  [
    'no P-code field',
    (fc) => ({ ...fc, features: fc.features.map((f) => ({ ...f, properties: { NAME: 'x' } })) }),
    /^bad\.json, column "ADM1_PCODE": no P-code field found/,
  ],
  [
    'a duplicate P-code',
    (fc) => withProperty(fc, 1, 'ADM1_PCODE', 'XX01'),
    /^bad\.json, row 2, column "ADM1_PCODE": duplicate P-code XX01 \(also row 1\)/,
  ],
  [
    'an empty P-code',
    (fc) => withProperty(fc, 0, 'ADM1_PCODE', ' '),
    /^bad\.json, row 1, column "ADM1_PCODE": empty P-code/,
  ],
  [
    'a self-intersecting ring',
    (fc) =>
      withGeometry(fc, 1, [
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ]),
    /^bad\.json, row 2, column "geometry": ring crosses itself/,
  ],
  [
    'a ring that is not closed',
    (fc) =>
      withGeometry(fc, 0, [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [0, 1],
          [0, 0.5],
        ],
      ]),
    /^bad\.json, row 1, column "geometry": polygon 1, ring 1 is not closed/,
  ],
  [
    'coordinates that are not lon/lat',
    (fc) =>
      withGeometry(fc, 0, [
        [
          [500000, 2000000],
          [510000, 2000000],
          [510000, 2010000],
          [500000, 2000000],
        ],
      ]),
    /^bad\.json, row 1, column "geometry": .*outside longitude\/latitude range.*looks projected/,
  ],
];

describe('bad boundary files: the error names file, feature and field, and nothing is stored', () => {
  it.each(faults)('%s', async (_fault, spoil, message) => {
    files.set('bad.json', bytes(spoil(adm1())));
    await expect(addDataset(request(['bad.json']), read, await deps())).rejects.toThrow(message);
    await expectNothingStored();
  });

  it('a parent code that is not in the level above', async () => {
    files.set('xx_adm1.geojson', bytes(adm1()));
    files.set('bad.json', bytes(withProperty(adm2(), 2, 'adm1_pcode', 'XX09')));
    await expect(addDataset(request(['xx_adm1.geojson', 'bad.json']), read, await deps())).rejects.toThrow(
      /^bad\.json, row 3, column "adm1_pcode": parent XX09 is not in the level above/,
    );
    await expectNothingStored();
  });

  it('two files of one level', async () => {
    files.set('a.json', bytes(adm1()));
    files.set('b.json', bytes(adm1()));
    await expect(addDataset(request(['a.json', 'b.json']), read, await deps())).rejects.toThrow(
      'b.json: is adm1, as a.json is: give one file per level',
    );
    await expectNothingStored();
  });
});

function withProperty(fc: FeatureCollection, index: number, field: string, value: string): FeatureCollection {
  const features = fc.features.map((f, i) =>
    i === index ? { ...f, properties: { ...f.properties, [field]: value } } : f,
  );
  return { ...fc, features };
}

function withGeometry(fc: FeatureCollection, index: number, coordinates: number[][][]): FeatureCollection {
  const features = fc.features.map((f, i) =>
    i === index ? { ...f, geometry: { type: 'Polygon' as const, coordinates } } : f,
  );
  return { ...fc, features };
}
