/**
 * IDPs by reason and IDMC's context on the real data (read at run time from the data folder, never
 * committed): Haiti's Round 10 tiles carry IDPs per reason, its style names the reason; Mali's context
 * answers IDMC's figures exactly as the data folder's CSV gives them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolder } from '../../functions/entry/data-folder.ts';
import { createApp } from '../../functions/http/app.ts';
import { seedContext } from '../../functions/ingest/seed-context.ts';
import { createS3Client } from '../../functions/store/clients.ts';
import { S3Context } from '../../functions/store/s3-context.ts';
import { loadDatasetManifests } from '../../geodata/datasets/index.ts';
import { DATA_DIR, startSeededService, type TestService } from '../helpers/service.ts';

let service: TestService;
let app: ReturnType<typeof createApp>;
const get = (url: string) => app.request(`http://atlas.test${url}`);
const json = async (url: string) => (await get(url)).json() as Promise<Record<string, any>>;
const IDMC_FILE = 'mali/idmc/idmc_gidd_mali_conflict_annual_2012-2024.csv';

beforeAll(async () => {
  service = await startSeededService();
  const context = new S3Context(createS3Client(service.standIns.aws), service.standIns.bucketName);
  await seedContext(await loadDatasetManifests(), dataFolder(DATA_DIR).readRoundFile, context, () => {});
  app = createApp({ catalog: service.catalog, boundaries: service.boundaries, context });
}, 240_000);
afterAll(() => service.close());

describe('IDPs by reason, Haiti Round 10', () => {
  it('lists the reasons, colours one from the tiles and names it in the style', async () => {
    const round = await json('/api/v1/datasets/hti/rounds/10');
    const reasons = round.reasons as Array<{
      key: string;
      label: string;
      indicator: string;
      idps_ind?: number;
    }>;
    expect(reasons.map((r) => r.indicator)).toEqual(
      expect.arrayContaining(['idps_ind_reason.conflict', 'idps_ind_reason.natural disaster']),
    );
    // The parts add up to the round's IDPs.
    expect(reasons.reduce((n, r) => n + (r.idps_ind ?? 0), 0)).toBe(round.totals.idps_ind);
    const tile = await get('/tiles/hti/10/8/76/114.mvt');
    const decoded = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer())));
    const adm2 = decoded.layers.adm2;
    const features = Array.from({ length: adm2?.length ?? 0 }, (_, i) => adm2?.feature(i).properties ?? {});
    const pap = features.find((p) => p.pcode === 'HT0111') ?? {};
    const parts = Object.entries(pap).filter(([k]) => k.startsWith('idps_ind_reason.'));
    expect(parts.length).toBe(reasons.length);
    expect(parts.reduce((n, [, v]) => n + Number(v), 0)).toBe(pap.idps_ind);
    const style = await json('/styles/hti/10/style.json?indicator=idps_ind_reason.conflict&lang=fr');
    expect(validateStyleMin(style as never)).toEqual([]);
    expect(style.metadata['dtm-atlas:legend'].title).toBe('PDI par motif\u202f: Conflict');
    const qgis = await get('/styles/hti/10/style.json?indicator=idps_ind_reason.conflict&flavor=qgis');
    expect(qgis.status).toBe(200);
    expect((await get('/styles/hti/10/style.json?indicator=idps_ind_reason.%3Cb%3E')).status).toBe(400);
    // Mali's rounds have no split by reason: not offered, and a style for one draws no values.
    expect((await json('/api/v1/datasets/mli/rounds/72')).reasons).toBeUndefined();
    const mali = await json('/styles/mli/72/style.json?indicator=idps_ind_reason.conflict');
    expect(mali.metadata['dtm-atlas:legend'].notReported).toBe('Not reported in this round');
  });
});

describe('IDMC context', () => {
  it("serves Mali's IDMC figures as the data folder's file gives them, and an empty context for Haiti", async () => {
    const rows = readFileSync(path.join(DATA_DIR, IDMC_FILE), 'utf8').trim().split('\n').slice(1);
    const context = await json('/api/v1/datasets/mli/context');
    const [source] = context.sources;
    expect(source).toMatchObject({ publisher: 'IDMC', file: IDMC_FILE });
    expect(source.years).toHaveLength(rows.length);
    const y2021 = rows.find((row) => row.split(',')[2] === '2021')?.split(',') ?? [];
    expect(source.years.find((y: { year: number }) => y.year === 2021)).toMatchObject({
      totalDisplacement: Number(y2021[5]),
    });
    expect(await json('/api/v1/datasets/hti/context')).toEqual({ dataset: 'hti', sources: [] });
    expect((await get('/api/v1/datasets/nope/context')).status).toBe(404);
  });
});
