import { describe, expect, it } from 'vitest';
import { figuresCsv } from '../../functions/core/exports.ts';
import { areaRows, parentNames } from '../../functions/core/parent-names.ts';
import { fieldForHashtag } from '../../functions/ingest/columns.ts';
import { readSource } from '../../functions/ingest/read-source.ts';

const enc = (text: string) => new TextEncoder().encode(text);

describe('HXL hashtags name a field only with exactly its attributes', () => {
  it.each([
    ['#affected+idps+ind', 'idps_ind'],
    ['#affected +ind +idps', 'idps_ind'],
    ['#affected+hh+idps', 'idps_hh'],
    ['#affected+hh+returnees', 'returnees_hh'],
    ['#date+reported', 'date'],
    ['#date', 'date'],
    ['#adm2+code', 'adm2_code'],
  ])('%s is %s', (hashtag, field) => expect(fieldForHashtag(hashtag)).toBe(field));

  it.each([
    '#affected+idps+ind+f',
    '#affected+idps+ind+m',
    '#affected+idps+ind+children',
    '#affected+idps+ind+change',
    '#affected+idps',
    '#adm2+code+v_pcode',
  ])('%s is not read as a figure or code', (hashtag) => expect(fieldForHashtag(hashtag)).toBeUndefined());
});

describe("the app's own CSV download imports again", () => {
  it('reads the totals by hashtag, not the change column, and an area without data gives no figure', async () => {
    const csv = figuresCsv(
      2,
      areaRows(
        [
          {
            pcode: 'XX0101',
            name: 'Amber',
            parent: 'XX01',
            status: 'reported',
            idps_ind: 120,
            idps_hh: 30,
            idps_ind_change: 20,
            round: '1',
            date: '2024-01-31',
          },
          {
            pcode: 'XX0102',
            name: 'Birch',
            parent: 'XX01',
            status: 'no_data',
            round: '1',
            date: '2024-01-31',
          },
        ],
        new Map(),
        parentNames([{ pcode: 'XX01', name: 'Northvale', level: 1 }]),
      ),
      { attribution: 'Made-up figures' },
      {
        key: '1',
        date: '2024-01-31',
        version: 'v1',
        source: {
          title: 'Made-up round',
          organisation: 'Nobody',
          file: 'round.csv',
          sha256: 'ab'.repeat(32),
        },
      },
    );
    const parsed = await readSource(enc(csv), 'download.csv');
    expect(parsed.format).toBe('hxl-csv');
    // The parents' names travel with the rows, under their own level's hashtag.
    expect(csv.split('\r\n')[1]).toMatch(/^#adm2\+code,#adm2\+name,#adm1\+code,#adm1\+name,#status,/);
    expect(csv).toContain('XX0102,Birch,XX01,Northvale,no_data,');
    const rows = parsed.rounds[0]?.rows ?? [];
    expect(rows.map((row) => [row.codes[2], row.idps_ind, row.idps_hh])).toEqual([
      ['XX0101', 120, 30],
      ['XX0102', undefined, undefined],
    ]);
  });
});
