/**
 * The AWS path of the operator's commands, on the memory stores: boundary files and a `manifest.json`
 * uploaded under `incoming/datasets/<id>/` add the dataset (the ingest Lambda's handler), then a round file
 * under `incoming/<id>/` is imported into it, the dataset found through the registry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { topology } from 'topojson-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { bundledManifests, datasetAdmin } from '../../functions/entry/dataset-deps.ts';
import { resolveDatasetManifest } from '../../functions/ingest/dataset-manifests.ts';
import { handleIncomingObject, type IncomingDependencies } from '../../functions/ingest/incoming.ts';
import { REPO_ROOT } from '../../functions/local/paths.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { MemoryObjects } from '../../functions/store/memory-objects.ts';
import { MemoryRegistry } from '../../functions/store/memory-registry.ts';

const fixture = (file: string) => readFileSync(path.join(REPO_ROOT, 'test/fixtures', file), 'utf8');
const MANIFEST_KEY = 'incoming/datasets/xxt/manifest.json';

let objects: MemoryObjects;
let catalog: MemoryCatalog;
let registry: MemoryRegistry;
let deps: IncomingDependencies;

beforeEach(async () => {
  objects = new MemoryObjects();
  catalog = new MemoryCatalog();
  registry = new MemoryRegistry();
  const boundaries = new MemoryBoundaries();
  const bundled = await bundledManifests(undefined);
  deps = {
    objects,
    catalog,
    boundaries,
    findDataset: (id) => resolveDatasetManifest(id, { registry, bundled }),
    datasets: datasetAdmin({ registry, catalog, boundaries }, bundled),
  };
});

const report = (key: string) => JSON.parse(objects.text(`${key}.report.json`) ?? 'null');

describe('a dataset added through the ingest bucket', () => {
  it('adds the dataset from the manifest and its boundary file, then imports a round into it', async () => {
    const adm1 = JSON.parse(fixture('codab/xx_adm1.geojson'));
    await objects.put(
      'incoming/datasets/xxt/boundaries/adm1.topojson.json',
      JSON.stringify(topology({ adm1 })),
    );
    // The boundary file's own upload event changes nothing: the manifest is what adds the dataset.
    expect(await handleIncomingObject(deps, 'incoming/datasets/xxt/boundaries/adm1.topojson.json')).toEqual({
      key: 'incoming/datasets/xxt/boundaries/adm1.topojson.json',
      status: 'ignored',
    });
    const manifest = {
      country: 'XXX',
      name: 'Testland',
      operation: 'Test operation',
      boundaries: ['boundaries/adm1.topojson.json'],
      levelNames: { adm1: 'Province' },
      licence: 'CC BY-IGO',
    };
    await objects.put(MANIFEST_KEY, JSON.stringify(manifest));
    expect(await handleIncomingObject(deps, MANIFEST_KEY)).toMatchObject({ status: 'imported' });
    expect(report(MANIFEST_KEY)).toMatchObject({ status: 'added', dataset: 'xxt' });
    expect(await catalog.getDataset('xxt')).toMatchObject({
      name: 'Testland',
      levelNames: { adm1: 'Province' },
    });
    expect((await registry.getManifest('xxt'))?.boundarySets[0]?.licence).toBe('CC BY-IGO');

    const roundKey = 'incoming/xxt/api.json';
    await objects.put(roundKey, fixture('ingest/api-json/api.json'));
    expect(await handleIncomingObject(deps, roundKey)).toMatchObject({ status: 'imported' });
    expect((await catalog.listRounds('xxt')).map((round) => [round.key, round.totals.idps_ind])).toEqual([
      ['9', 40],
    ]);
  });

  it('answers a bad boundary file in the report, naming file, feature and field, and stores nothing', async () => {
    const adm1 = JSON.parse(fixture('codab/xx_adm1.geojson'));
    adm1.features[1].properties.ADM1_PCODE = 'XX01';
    await objects.put('incoming/datasets/xxt/adm1.geojson', JSON.stringify(adm1));
    await objects.put(
      MANIFEST_KEY,
      JSON.stringify({ country: 'XXX', name: 'Testland', boundaries: [{ file: 'adm1.geojson', level: 1 }] }),
    );
    expect(await handleIncomingObject(deps, MANIFEST_KEY)).toMatchObject({ status: 'rejected' });
    expect(report(MANIFEST_KEY)).toMatchObject({
      status: 'rejected',
      error: 'adm1.geojson, row 2, column "ADM1_PCODE": duplicate P-code XX01 (also row 1)',
      details: { file: 'adm1.geojson', row: 2, field: 'ADM1_PCODE' },
      changed: 'nothing',
    });
    expect(await registry.listManifests()).toEqual([]);
    expect(await catalog.listDatasets()).toEqual([]);
  });

  it('refuses a manifest naming a file outside its folder, or missing members, in the report', async () => {
    for (const [body, error] of [
      [{ country: 'XXX', name: 'T', boundaries: ['../other/adm1.json'] }, 'column "boundaries[0]"'],
      [{ name: 'T', boundaries: ['adm1.json'] }, 'column "country": missing'],
      [{ id: 'other', country: 'XXX', name: 'T', boundaries: ['a.json'] }, 'but the folder is xxt'],
      [{ country: 'XXX', name: 'T', boundaries: ['missing.json'] }, 'missing.json: cannot read'],
    ] as const) {
      await objects.put(MANIFEST_KEY, JSON.stringify(body));
      expect(await handleIncomingObject(deps, MANIFEST_KEY)).toMatchObject({ status: 'rejected' });
      expect(report(MANIFEST_KEY).error).toContain(error);
    }
    expect(await catalog.listDatasets()).toEqual([]);
  });

  it('a round uploaded for a dataset nobody added is refused', async () => {
    await objects.put('incoming/xxt/api.json', fixture('ingest/api-json/api.json'));
    expect(await handleIncomingObject(deps, 'incoming/xxt/api.json')).toMatchObject({ status: 'rejected' });
    expect(await catalog.listRounds('xxt')).toEqual([]);
  });
});
