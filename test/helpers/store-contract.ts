import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BoundaryManifest } from '../../functions/core/boundary-set.ts';
import type { DatasetManifest } from '../../functions/core/dataset-manifest.ts';
import type { JoinReport } from '../../functions/core/join.ts';
import type { BoundaryTopology } from '../../functions/core/simplify.ts';
import type { AreaFigures, DatasetMeta, RoundMeta, Site } from '../../functions/core/types.ts';
import type { BoundaryWriter, CatalogWriter, DatasetRegistry } from '../../functions/store/ports.ts';

/**
 * The guarantees of the storage ports (functions/store/ports.ts), as one set of assertions run against every
 * implementation: in memory (unit tests) and DynamoDB/S3 on the stand-ins (integration tests). Each test
 * works in a dataset or set of its own, so implementations may share one store across tests.
 */

export const report: JoinReport = {
  rows: 1,
  totals: { idps_ind: 5, idps_hh: 1, returnees_ind: 0, returnees_hh: 0 },
  levels: [],
  corrections: [],
  unmatchedCodes: [],
  nameDisagreements: [],
  parentDisagreements: [],
};

/** A draft round of `dataset`, key `1` unless given, whose version is `version`. */
export function draftRound(dataset: string, version: string, idps: number, extra: Partial<RoundMeta> = {}) {
  const round: RoundMeta = {
    dataset,
    key: '1',
    number: 1,
    date: '2024-01-31',
    source: { title: 'Round 1', organisation: 'IOM DTM', file: 'r1.csv', sha256: version },
    boundarySet: 'xyz-2020',
    totals: { idps_ind: idps, idps_hh: 1, returnees_ind: 0, returnees_hh: 0 },
    status: 'draft',
    version,
    ...extra,
  };
  return round;
}

/** `n` commune figures of `idps` each. */
export function someFigures(n: number, idps: number): AreaFigures[] {
  return Array.from({ length: n }, (_, i) => ({
    pcode: `XY${String(i).padStart(4, '0')}`,
    level: 2 as const,
    idps_ind: idps,
    idps_hh: 1,
    returnees_ind: 0,
    returnees_hh: 0,
    sourceRows: [i + 2],
  }));
}

const freshDataset = () => `contract-${randomUUID().slice(0, 8)}`;

/** The CatalogWriter contract; `catalog` is called inside each test (after the suite's setup ran). */
export function catalogContract(name: string, catalog: () => CatalogWriter): void {
  describe(`${name}: the catalog port's guarantees`, () => {
    it('keeps a draft invisible until it is published, then serves all its figures', async () => {
      const ds = freshDataset();
      await catalog().writeDraft(draftRound(ds, 'v1', 5), someFigures(60, 5), report);
      expect(await catalog().listRounds(ds)).toEqual([]);
      expect(await catalog().getRound(ds, '1')).toBeUndefined();
      expect(await catalog().publish(draftRound(ds, 'v1', 5), undefined)).toBe('published');
      const [published] = await catalog().listRounds(ds);
      expect(published).toMatchObject({ key: '1', version: 'v1', status: 'published' });
      const stored = await catalog().getFigures(ds, '1', 'v1');
      expect(stored).toHaveLength(60);
      expect(stored[0]).toMatchObject({ idps_ind: 5, sourceRows: [2] });
      expect(await catalog().getReport(ds, '1', 'v1')).toEqual(report);
    });

    it('publishes a new version with one conditional write; a stale writer gets a conflict and changes nothing', async () => {
      const ds = freshDataset();
      await catalog().writeDraft(draftRound(ds, 'v1', 5), someFigures(60, 5), report);
      await catalog().publish(draftRound(ds, 'v1', 5), undefined);
      await catalog().writeDraft(draftRound(ds, 'v2', 7), someFigures(60, 7), report);
      await catalog().writeDraft(draftRound(ds, 'v3', 9), someFigures(60, 9), report);
      expect(await catalog().publish(draftRound(ds, 'v2', 7), 'v1')).toBe('published');
      await expect(catalog().publish(draftRound(ds, 'v3', 9), 'v1')).rejects.toMatchObject({
        kind: 'conflict',
        message: `round ${ds}/1 was changed by another import; nothing was published`,
      });
      await expect(catalog().publish(draftRound(ds, 'v3', 9), undefined)).rejects.toMatchObject({
        kind: 'conflict',
      });
      expect((await catalog().getRound(ds, '1'))?.version).toBe('v2');
      expect(await catalog().publish(draftRound(ds, 'v2', 7), 'v2')).toBe('unchanged');
      expect((await catalog().getFigures(ds, '1', 'v2')).every((f) => f.idps_ind === 7)).toBe(true);
    });

    it('lists published rounds oldest first: by date, then number, then key', async () => {
      const ds = freshDataset();
      const rounds = [
        draftRound(ds, 'a', 1, { key: 'b', number: 2, date: '2024-03-31' }),
        draftRound(ds, 'b', 1, { key: 'a', number: 2, date: '2024-03-31' }),
        draftRound(ds, 'c', 1, { key: 'z', number: 1, date: '2024-03-31' }),
        draftRound(ds, 'd', 1, { key: 'early', number: 9, date: '2023-12-31' }),
      ];
      for (const round of rounds) {
        await catalog().writeDraft(round, someFigures(1, 1), report);
        await catalog().publish(round, undefined);
      }
      await catalog().writeDraft(draftRound(ds, 'e', 1, { key: 'draft-only' }), someFigures(1, 1), report);
      expect((await catalog().listRounds(ds)).map((r) => r.key)).toEqual(['early', 'z', 'a', 'b']);
    });

    it('answers figures by level then P-code, sites and datasets as stored, and copies every time', async () => {
      const ds = freshDataset();
      const figures = [...someFigures(3, 4).reverse(), { ...someFigures(1, 2)[0], level: 1 } as AreaFigures];
      const site: Site = { id: 's1', name: 'Camp', lon: 1, lat: 2, precision: 'gps', sourceRows: [3] };
      await catalog().writeDraft(draftRound(ds, 'v1', 4), figures, report, [site]);
      const stored = await catalog().getFigures(ds, '1', 'v1');
      expect(stored.map((f) => `${f.level}:${f.pcode}`)).toEqual([
        '1:XY0000',
        '2:XY0000',
        '2:XY0001',
        '2:XY0002',
      ]);
      expect(await catalog().getSites(ds, '1', 'v1')).toEqual([site]);
      (stored[0] as AreaFigures).idps_ind = 999;
      expect((await catalog().getFigures(ds, '1', 'v1'))[0]?.idps_ind).toBe(2);
      expect(await catalog().getFigures(ds, '1', 'nope')).toEqual([]);
      expect(await catalog().getReport(ds, '1', 'nope')).toBeUndefined();

      const meta: DatasetMeta = {
        id: ds,
        name: 'Testland',
        country: 'XXX',
        defaultBoundarySet: 'xyz-2020',
        attribution: 'IOM DTM',
        levelNames: { adm1: 'Region', adm2: 'District', adm3: 'Commune' },
      };
      expect(await catalog().getDataset(ds)).toBeUndefined();
      await catalog().putDataset(meta);
      expect(await catalog().getDataset(ds)).toEqual(meta);
      const ids = (await catalog().listDatasets()).map((d) => d.id);
      expect(ids).toContain(ds);
      expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    });

    it('removes a dataset with its rounds and their figures, leaving other datasets alone', async () => {
      const [gone, kept] = [freshDataset(), freshDataset()];
      // `kept` starts with `gone`'s id: removal must not match ids by prefix.
      const similar = `${gone}x`;
      for (const ds of [gone, kept, similar]) {
        await catalog().putDataset(testMeta(ds));
        await catalog().writeDraft(draftRound(ds, 'v1', 5), someFigures(30, 5), report);
        await catalog().publish(draftRound(ds, 'v1', 5), undefined);
        await catalog().writeDraft(draftRound(ds, 'v2', 6), someFigures(3, 6), report);
      }
      await catalog().removeDataset(gone);
      expect(await catalog().getDataset(gone)).toBeUndefined();
      expect((await catalog().listDatasets()).map((d) => d.id)).not.toContain(gone);
      expect(await catalog().listRounds(gone)).toEqual([]);
      expect(await catalog().getRound(gone, '1')).toBeUndefined();
      expect(await catalog().getFigures(gone, '1', 'v1')).toEqual([]);
      expect(await catalog().getFigures(gone, '1', 'v2')).toEqual([]);
      expect(await catalog().getReport(gone, '1', 'v1')).toBeUndefined();
      for (const ds of [kept, similar]) {
        expect(await catalog().getDataset(ds)).toEqual(testMeta(ds));
        expect(await catalog().listRounds(ds)).toHaveLength(1);
        expect(await catalog().getFigures(ds, '1', 'v1')).toHaveLength(30);
      }
      // Again, and for a dataset that never was: nothing to do, no error.
      await catalog().removeDataset(gone);
      await catalog().removeDataset(freshDataset());
    });
  });
}

const testMeta = (id: string): DatasetMeta => ({
  id,
  name: 'Testland',
  country: 'XXX',
  defaultBoundarySet: 'xyz-2020',
  attribution: 'IOM DTM',
  levelNames: { adm1: 'Region' },
});

const datasetManifest = (id: string, name: string): DatasetManifest => ({
  ...testMeta(id),
  name,
  operation: 'Countrywide monitoring',
  ignoreNameWords: [],
  boundarySets: [],
  sources: [],
  figuresLicence: { credit: 'IOM DTM', text: 'terms' },
  correctionList: [],
});

/** The DatasetRegistry contract; `registry` is called inside each test. */
export function registryContract(name: string, registry: () => DatasetRegistry): void {
  describe(`${name}: the dataset registry's guarantees`, () => {
    it('stores, replaces, lists by id and removes manifests, giving copies', async () => {
      const [b, a] = [`reg-b-${randomUUID().slice(0, 8)}`, `reg-a-${randomUUID().slice(0, 8)}`];
      expect(await registry().getManifest(a)).toBeUndefined();
      await registry().putManifest(datasetManifest(b, 'Bland'));
      await registry().putManifest(datasetManifest(a, 'Aland'));
      await registry().putManifest(datasetManifest(a, 'Aland again'));
      const stored = await registry().getManifest(a);
      expect(stored).toEqual(datasetManifest(a, 'Aland again'));
      (stored as DatasetManifest).name = 'changed by the reader';
      expect((await registry().getManifest(a))?.name).toBe('Aland again');
      const ids = (await registry().listManifests()).map((m) => m.id).filter((id) => id === a || id === b);
      expect(ids).toEqual([a, b]);
      await registry().removeManifest(a);
      expect(await registry().getManifest(a)).toBeUndefined();
      expect((await registry().listManifests()).map((m) => m.id)).not.toContain(a);
      expect(await registry().getManifest(b)).toEqual(datasetManifest(b, 'Bland'));
      await registry().removeManifest(a);
    });
  });
}

const topology = (x: number) =>
  ({
    type: 'Topology',
    objects: {},
    arcs: [
      [
        [x, 0, 1],
        [1, 1, 1],
      ],
    ],
  }) as unknown as BoundaryTopology;

const manifest = (id: string, version: string): BoundaryManifest => ({
  id,
  title: 'Testland',
  version,
  bbox: [0, 0, 1, 1],
  levels: [],
  sources: [],
  attribution: 'OCHA',
});

/** The BoundaryWriter contract; `boundaries` is called inside each test. */
export function boundaryContract(name: string, boundaries: () => BoundaryWriter): void {
  describe(`${name}: the boundary port's guarantees`, () => {
    it('stores a set and reads back the same manifest and topology', async () => {
      const id = `set-${randomUUID().slice(0, 8)}`;
      expect(await boundaries().getManifest(id)).toBeUndefined();
      await boundaries().putBoundarySet(manifest(id, 'abc'), topology(0));
      expect(await boundaries().getManifest(id)).toEqual(manifest(id, 'abc'));
      expect(await boundaries().getTopology(manifest(id, 'abc'))).toEqual(topology(0));
    });

    it('replaces a set by a new version while the old version stays readable; a missing topology fails', async () => {
      const id = `set-${randomUUID().slice(0, 8)}`;
      await boundaries().putBoundarySet(manifest(id, 'v1'), topology(0));
      await boundaries().putBoundarySet(manifest(id, 'v2'), topology(5));
      expect((await boundaries().getManifest(id))?.version).toBe('v2');
      expect(await boundaries().getTopology(manifest(id, 'v2'))).toEqual(topology(5));
      expect(await boundaries().getTopology(manifest(id, 'v1'))).toEqual(topology(0));
      await expect(boundaries().getTopology(manifest(id, 'v9'))).rejects.toThrow(/boundary topology missing/);
    });
  });
}
