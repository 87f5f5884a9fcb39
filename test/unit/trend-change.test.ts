import { describe, expect, it } from 'vitest';
import { changeSince, changeText, formatPercent, type TrendPoint } from '../../web/src/trend-change.ts';

// A made-up series: two old-layout months (one of an area that then held more ground), then two new rounds.
const points: TrendPoint[] = [
  { date: '2013-01-31', label: 'Jan 2013', value: 900, partial: true },
  { date: '2013-02-28', label: 'Feb 2013', value: 800 },
  { date: '2013-03-31', label: 'Mar 2013', value: undefined },
  { date: '2021-06-30', label: 'Round 1', value: 1000 },
  { date: '2021-09-30', label: 'Round 2', value: 600 },
];

describe('the change since figure', () => {
  it('compares the round shown with the first figure on the same ground, skipping partial points', () => {
    const change = changeSince(points, '2021-06-30');
    expect(change).toMatchObject({ from: { date: '2013-02-28' }, to: { date: '2021-06-30' }, percent: 25 });
    expect(changeSince(points, '2021-09-30')?.percent).toBe(-25);
    // Shown a month without a figure: the last figure before it.
    expect(changeSince(points, '2021-08-31')?.to.date).toBe('2021-06-30');
  });

  it('says there is nothing to compare with rather than inventing a change', () => {
    expect(changeSince(points, '2013-02-28')).toBeUndefined();
    expect(changeSince(points.slice(0, 1).concat(points.slice(3, 4)), '2021-06-30')).toBeUndefined();
    expect(changeText(undefined)).toEqual(['No earlier figure on the same ground to compare with.']);
  });

  it('writes the sign with a true minus and says what it compares', () => {
    expect(formatPercent(-25)).toBe('−25%');
    expect(formatPercent(212.4)).toBe('+212%');
    const [figure, detail] = changeText(changeSince(points, '2021-09-30'));
    expect(figure).toMatch(/^−25% since Feb 2013$/);
    expect(detail).toBe('600 in Sept 2021 against 800 in Feb 2013');
  });
});
