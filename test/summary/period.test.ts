// The summary's periods, the previous period of the same length, and the sparkline's buckets.
import { describe, expect, it } from 'vitest';
import { firstDayOfWeek } from '../../src/metrics/calendar';
import { periodRange, previousRange, sparkBuckets } from '../../src/summary/period';

const at = (d: number, m = 11, h = 0, y = 2026) => Date.UTC(y, m - 1, d, h);
const NOW = at(28, 11, 12); // Saturday 28 November 2026, noon

describe('periods', () => {
  it("weeks start on the locale's first day", () => {
    expect(firstDayOfWeek('en_US')).toBe(0);
    expect(firstDayOfWeek('ru_RU')).toBe(1);
    expect(firstDayOfWeek('en_GB')).toBe(1);
    expect(firstDayOfWeek('ar_SA')).toBe(6);
    expect(periodRange('this_week', NOW, 1).from).toBe(at(23));
    expect(periodRange('this_week', NOW, 0).from).toBe(at(22));
    expect(periodRange('last_week', NOW, 1)).toMatchObject({ from: at(16), to: at(23) });
  });

  it('each period as [from, to) in wall time', () => {
    expect(periodRange('this_month', NOW)).toMatchObject({ from: at(1), to: NOW + 1 });
    expect(periodRange('last_month', NOW)).toMatchObject({ from: at(1, 10), to: at(1, 11) });
    expect(periodRange('last_30_days', NOW)).toMatchObject({ from: at(30, 10), to: NOW + 1 });
    expect(periodRange('this_quarter', NOW)).toMatchObject({ from: at(1, 10), to: NOW + 1 });
    expect(periodRange('last_quarter', NOW)).toMatchObject({ from: at(1, 7), to: at(1, 10) });
    expect(periodRange('this_year', NOW)).toMatchObject({ from: at(1, 1), to: NOW + 1 });
    expect(periodRange('all', NOW)).toMatchObject({ from: -Infinity, to: Infinity });
  });

  it('the previous period has the same length: so far this month against the same days of the last', () => {
    expect(previousRange(periodRange('this_month', NOW))).toEqual({ from: at(1, 10), to: at(28, 10, 12) + 1 });
    expect(previousRange(periodRange('last_month', NOW))).toEqual({ from: at(1, 9), to: at(1, 10) });
    expect(previousRange(periodRange('last_quarter', NOW))).toEqual({ from: at(1, 4), to: at(1, 7) });
    expect(previousRange(periodRange('last_30_days', NOW))).toEqual({ from: at(30, 9), to: at(30, 10) });
    expect(previousRange(periodRange('this_week', NOW, 0), 0)).toEqual({ from: at(15), to: at(21, 11, 12) + 1 });
    expect(previousRange(periodRange('this_year', NOW))).toEqual({ from: at(1, 1, 0, 2025), to: at(28, 11, 12, 2025) + 1 });
    expect(previousRange(periodRange('all', NOW))).toBeNull();
    // 31 March: the previous month is cut at its own end.
    expect(previousRange(periodRange('this_month', at(31, 3, 12)))).toEqual({ from: at(1, 2), to: at(1, 3) });
  });

  it('a whole calendar unit compares with the whole unit before it, whatever its length', () => {
    const dec15 = at(15, 12, 12);
    // November (30 days) against all of October (31 days), not 1–30 October.
    expect(previousRange(periodRange('last_month', dec15))).toEqual({ from: at(1, 10), to: at(1, 11) });
    // March (31 days) against all of February (28 days); Q1 2027 (90 days) against Q4 2026 (92 days).
    expect(previousRange(periodRange('last_month', at(15, 4, 12, 2027)))).toEqual({ from: at(1, 2, 0, 2027), to: at(1, 3, 0, 2027) });
    expect(previousRange(periodRange('last_quarter', at(15, 4, 12, 2027)))).toEqual({ from: at(1, 10), to: at(1, 1, 0, 2027) });
  });

  it('a period that just began: this month on 1 December 00:30 compares with 1 November 00:00–00:30', () => {
    const now = at(1, 12) + 30 * 60_000;
    expect(previousRange(periodRange('this_month', now))).toEqual({ from: at(1, 11), to: at(1, 11) + 30 * 60_000 + 1 });
  });

  it('sparklines: eight weeks for periods up to a month, eight months beyond, the last ending now', () => {
    const weeks = sparkBuckets(periodRange('this_month', NOW), NOW, 1);
    expect(weeks.unit).toBe('week');
    expect(weeks.spans.map((s) => s.from)).toEqual([5, 12, 19, 26].map((d) => at(d, 10)).concat([2, 9, 16, 23].map((d) => at(d))));
    expect(weeks.spans[7].to).toBe(NOW + 1);
    const months = sparkBuckets(periodRange('last_quarter', NOW), NOW);
    expect(months.unit).toBe('month');
    expect(months.spans.map((s) => new Date(s.from).toISOString().slice(0, 7))).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
  });
});
