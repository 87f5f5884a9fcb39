import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedBoundarySet } from '../../functions/core/boundary-set.ts';
import { handleIncomingObject } from '../../functions/ingest/incoming.ts';
import { ingestFile } from '../../functions/ingest/ingest.ts';
import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { MemoryObjects } from '../../functions/store/memory-objects.ts';
import { prepareBoundarySet } from '../../geodata/prepare.ts';
import { TINY_DIR, tinyManifest } from '../helpers/tiny.ts';

// Ingest into the in-memory ports with Testland (test/fixtures/tiny): the same code as the CLI and Lambda.
const manifest = tinyManifest();
let set: PreparedBoundarySet;
let csv: Buffer;

beforeAll(async () => {
  set = await prepareBoundarySet(manifest.boundarySets[0] as never, TINY_DIR);
  csv = await readFile(path.join(TINY_DIR, 'figures/round-1.csv'));
});

const deps = (catalog: MemoryCatalog) => ({ catalog, boundarySet: async () => set });
const source = () => manifest.sources[0];

describe('ingestFile on memory ports', () => {
  it('prepares the made-up set with geodata/prepare.ts: 2 regions and 4 districts', () => {
    expect(set.manifest.levels.map((l) => [l.object, l.count])).toEqual([
      ['adm1', 2],
      ['adm2', 4],
    ]);
  });

  it('publishes a round whose codes went through the set rules, and reports the district without data', async () => {
    const catalog = new MemoryCatalog();
    const result = await ingestFile(manifest, 'figures/round-1.csv', csv, deps(catalog), {}, source());
    expect(result.rounds.map((r) => [r.round.key, r.outcome])).toEqual([['1', 'published']]);
    const [round] = await catalog.listRounds('xx');
    expect(round).toMatchObject({ key: '1', status: 'published', totals: { idps_ind: 250 } });
    const figures = await catalog.getFigures('xx', '1', round?.version as string);
    expect(figures.filter((f) => f.level === 2).map((f) => [f.pcode, f.idps_ind])).toEqual([
      ['XX0101', 120],
      ['XX0102', 80],
      ['XX0201', 50],
    ]);
    const report = await catalog.getReport('xx', '1', round?.version as string);
    expect(report?.levels.find((l) => l.level === 2)?.withoutData).toEqual(['XX0202']);
  });

  it('imports the same file again as unchanged, a changed figure only with replace, as a new version', async () => {
    const catalog = new MemoryCatalog();
    await ingestFile(manifest, 'figures/round-1.csv', csv, deps(catalog), {}, source());
    const again = await ingestFile(manifest, 'figures/round-1.csv', csv, deps(catalog), {}, source());
    expect(again.rounds[0]?.outcome).toBe('unchanged');
    // A correction of one figure: the stated total no longer holds, so the dataset is read without it.
    const { rounds: _stated, ...unstatedManifest } = manifest;
    const unstated = source();
    const changed = Buffer.from(csv.toString('utf8').replace(',30,120,', ',31,121,'));
    const before = (await catalog.getRound('xx', '1'))?.version;
    await expect(
      ingestFile(
        unstatedManifest,
        'figures/round-1.csv',
        changed,
        deps(catalog),
        { replace: false },
        unstated,
      ),
    ).rejects.toThrow(/already published with other content/);
    await ingestFile(
      unstatedManifest,
      'figures/round-1.csv',
      changed,
      deps(catalog),
      { replace: true },
      unstated,
    );
    expect((await catalog.getRound('xx', '1'))?.version).not.toBe(before);
    expect((await catalog.getRound('xx', '1'))?.totals.idps_ind).toBe(251);
  });

  it('refuses a bad row naming file, row and column, with nothing stored', async () => {
    const catalog = new MemoryCatalog();
    const bad = Buffer.from(csv.toString('utf8').replace(',30,120,', ',30,-5,'));
    await expect(ingestFile(manifest, 'bad.csv', bad, deps(catalog), {}, source())).rejects.toThrow(
      /bad\.csv, row 2, column "idp_individuals"/,
    );
    expect(await catalog.listRounds('xx')).toEqual([]);
  });
});

describe('an upload under incoming/ on memory ports', () => {
  const incoming = async () => {
    const objects = new MemoryObjects();
    const boundaries = new MemoryBoundaries();
    await boundaries.putBoundarySet(set.manifest, set.topology);
    const findDataset = (id: string) => (id === 'xx' ? manifest : undefined);
    return { objects, catalog: new MemoryCatalog(), boundaries, findDataset };
  };

  it('is imported and answered with a report next to it', async () => {
    const deps = await incoming();
    await deps.objects.put('incoming/xx/up1/upload.csv', csv.toString('utf8'));
    expect(await handleIncomingObject(deps, 'incoming/xx/up1/upload.csv')).toEqual({
      key: 'incoming/xx/up1/upload.csv',
      reportKey: 'incoming/xx/up1/upload.csv.report.json',
      status: 'imported',
    });
    const report = JSON.parse(deps.objects.text('incoming/xx/up1/upload.csv.report.json') as string);
    expect(report.rounds[0]).toMatchObject({ key: 'up1', outcome: 'published', totals: { idps_ind: 250 } });
    expect((await deps.catalog.getRound('xx', 'up1'))?.status).toBe('published');
  });

  it('is rejected in its report when the dataset is unknown, and its own report is ignored', async () => {
    const deps = await incoming();
    await deps.objects.put('incoming/zz/upload.csv', csv.toString('utf8'));
    expect((await handleIncomingObject(deps, 'incoming/zz/upload.csv')).status).toBe('rejected');
    const report = JSON.parse(deps.objects.text('incoming/zz/upload.csv.report.json') as string);
    expect(report).toMatchObject({ status: 'rejected', changed: 'nothing' });
    expect((await handleIncomingObject(deps, 'incoming/zz/upload.csv.report.json')).status).toBe('ignored');
  });
});
