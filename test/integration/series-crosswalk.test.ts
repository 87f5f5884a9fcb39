import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresResponse, SeriesPoint, SeriesResponse } from '../../functions/core/api-types.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';

// Real Mali data (read from the data folder at run time): the 2012–2014 months on the 9 régions of the time,
// Round 72 on the 10 régions of 2021, and the crosswalk of geodata/datasets/mli.json between them.
let service: TestService;
const json = async <T>(path: string) =>
  (await service.app.request(`http://atlas.test${path}`)).json() as Promise<T>;
const series = (pcode: string) => json<SeriesResponse>(`/api/v1/datasets/mli/areas/${pcode}/series`);
const adm1 = (round: string) =>
  json<FiguresResponse>(`/api/v1/datasets/mli/rounds/${round}/figures?level=adm1`);
const figureOf = (figures: FiguresResponse, pcode: string) =>
  figures.areas.find((area) => area.pcode === pcode)?.idps_ind;

beforeAll(async () => {
  service = await startSeededService();
});
afterAll(() => service.close());

describe('Mali across the 2016 boundary change', () => {
  it("runs Mopti's series from 2012 to 2021, each point naming the layout it comes from", async () => {
    const mopti = await series('ML05');
    const old = mopti.series.filter((p) => p.boundarySet === 'mli-legacy-2012');
    const recent = mopti.series.filter((p) => p.boundarySet === 'mli-codab-2021');
    expect(old).toHaveLength(23);
    expect(old.every((p) => p.crosswalk === 'matched' && p.areas?.[0] === 'MLI005')).toBe(true);
    expect(recent.map((p) => [p.round, p.crosswalk])).toEqual([['72', undefined]]);
    expect(mopti.series.map((p) => p.date)).toEqual([...mopti.series.map((p) => p.date)].sort());
    // The figures are each layout's own, untouched.
    const june = mopti.series.find((p) => p.round === '2014-06') as SeriesPoint;
    expect(june.idps_ind).toBe(figureOf(await adm1('2014-06'), 'MLI005'));
    expect(recent[0]?.idps_ind).toBe(figureOf(await adm1('72'), 'ML05'));
    expect(mopti.crosswalks?.[0]?.caveat.en).toContain('Gao');
  });

  it('marks Gao and Ménaka, never joined silently to the old Gao, which held both', async () => {
    for (const pcode of ['ML07', 'ML10']) {
      const area = await series(pcode);
      const old = area.series.filter((p) => p.boundarySet === 'mli-legacy-2012');
      expect(old, pcode).toHaveLength(23);
      expect(
        old.every((p) => p.crosswalk === 'partial' && p.areas?.join() === 'MLI007'),
        pcode,
      ).toBe(true);
      expect(old[0]?.note?.en, pcode).toContain('Ménaka');
    }
    // From the old side, the 2021 point is Gao and Ménaka summed, marked partial.
    const oldGao = await series('MLI007');
    const r72 = oldGao.series.find((p) => p.round === '72') as SeriesPoint;
    expect(r72).toMatchObject({ crosswalk: 'partial', areas: ['ML07', 'ML10'] });
    const figures = await adm1('72');
    expect(r72.idps_ind).toBe((figureOf(figures, 'ML07') ?? 0) + (figureOf(figures, 'ML10') ?? 0));
  });

  it('serves the crosswalk with the dataset', async () => {
    const { datasets } = await json<{ datasets: Array<{ id: string; crosswalks?: unknown[] }> }>(
      '/api/v1/datasets',
    );
    expect(datasets.find((d) => d.id === 'mli')?.crosswalks).toEqual([
      expect.objectContaining({ from: 'mli-legacy-2012', to: 'mli-codab-2021', level: 'adm1' }),
    ]);
  });
});
