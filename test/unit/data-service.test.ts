import { beforeAll, describe, expect, it } from 'vitest';
import { DataService } from '../../functions/service/data-service.ts';
import { tinyService } from '../helpers/tiny.ts';

// DataService straight on the in-memory ports, seeded with Testland (test/fixtures/tiny).
let data: DataService;

beforeAll(async () => {
  const { catalog, boundaries } = await tinyService();
  data = new DataService(catalog, boundaries);
});

describe('DataService on memory ports', () => {
  it('resolves the latest round and 404s an unknown one', async () => {
    expect((await data.round('xx', 'latest')).key).toBe('1');
    await expect(data.round('xx', '9')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(data.dataset('nope')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('joins figures to every area of a level, with no_data where the file had no row', async () => {
    const round = await data.round('xx', '1');
    const properties = await data.areaProperties(round, 2);
    expect([...properties.keys()].sort()).toEqual(['XX0101', 'XX0102', 'XX0201', 'XX0202']);
    expect(properties.get('XX0201')).toMatchObject({ status: 'reported', idps_ind: 50 });
    expect(properties.get('XX0202')).toMatchObject({ status: 'no_data' });
    expect(properties.get('XX0202')).not.toHaveProperty('idps_ind');
  });

  it('finds areas by P-code and keeps a stable data version per round', async () => {
    expect(await data.findArea('xx-2024', 'XX0102')).toMatchObject({
      name: 'Birch',
      level: 2,
      parent: 'XX01',
    });
    expect(await data.findArea('xx-2024', 'XX9999')).toBeUndefined();
    const round = await data.round('xx', '1');
    const version = await data.dataVersion(round);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(await data.dataVersion(round)).toBe(version);
    expect(await data.previousRound(round)).toBeUndefined();
    expect((await data.report(round)).rows).toBe(3);
  });
});
