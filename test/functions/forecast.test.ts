// FORECAST_REVENUE as a head of sales calls it: text dates and Date cells, omitted arguments, the
// period's checks, a count without amounts, and one line naming what to fix.
import { describe, expect, it } from 'vitest';
import { callCustomFunction } from '../../src/functions/registry';
import { forecastData, forecastRevenue } from '../../src/metrics/forecast';
import { testEnv } from '../helpers/env';

const call = (args: unknown[], env = testEnv()) => callCustomFunction('FORECAST_REVENUE', args, env) as number[][];
const col = (values: unknown[]) => values.map((v) => [v]);
const FUNNEL = [['Lead', 'Meeting', 'Paid']];
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** 200 days of a small business: a deal a day, every second won at "Paid" after 10 days, the rest lost at "Meeting"; the last ten open. */
function tracker() {
  const start = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: 200 }, (_, i) => {
    const created = start + i * DAY;
    const open = i >= 190;
    const won = !open && i % 2 === 0;
    return {
      stage: open ? 'Meeting' : won ? 'Paid' : 'Meeting',
      status: open ? '' : won ? 'Won' : 'Lost',
      amount: 1000,
      created: iso(created),
      closed: open ? '' : iso(created + 10 * DAY),
    };
  });
  return rows;
}

describe('FORECAST_REVENUE', () => {
  const rows = tracker();
  const args = (over: Partial<Record<number, unknown>> = {}) => {
    const a: unknown[] = [
      col(rows.map((r) => r.stage)),
      col(rows.map((r) => r.status)),
      col(rows.map((r) => r.amount)),
      col(rows.map((r) => r.created)),
      col(rows.map((r) => r.closed)),
      '2026-07-01',
      '2026-07-31',
      '2026-07-20',
      FUNNEL,
    ];
    for (const [i, v] of Object.entries(over)) a[Number(i)] = v;
    return a;
  };

  it('gives one row, the forecast and its 80% range — the metric’s figures for the same deals', () => {
    const [[point, low, high]] = call(args());
    const paths = forecastData(
      {
        length: rows.length,
        furthest: rows.map((r) => (r.stage === 'Paid' ? 2 : 1)),
        lostAt: rows.map((r) => (r.status === 'Lost' ? 1 : -1)),
        status: rows.map((r) => (r.status === 'Won' ? 'won' : r.status === 'Lost' ? 'lost' : 'open')),
        created: rows.map((r) => Date.parse(r.created)),
        closed: rows.map((r) => (r.closed ? Date.parse(r.closed) : NaN)),
        amount: rows.map((r) => r.amount),
      },
      3,
    );
    const f = forecastRevenue(paths, { from: Date.UTC(2026, 6, 1), to: Date.UTC(2026, 7, 1), asOf: Date.UTC(2026, 6, 20) });
    expect([point, low, high]).toEqual([f.point, f.low, f.high]);
    expect(low).toBeLessThanOrEqual(point);
    expect(point).toBeLessThanOrEqual(high);
    // Won so far (1–19 July): the deals created 21 June – 9 July on even days, nine of them.
    expect(f.wonSoFar).toBe(9 * 1000);
  });

  it('without amounts, counts won deals', () => {
    const revenue = call(args())[0][0];
    const count = call(args({ 2: '' }))[0][0];
    expect(count).toBeCloseTo(revenue / 1000, 6);
  });

  it('as_of omitted is today, and must fall in the period', () => {
    const env = testEnv({ now: Date.UTC(2026, 6, 20, 9, 0) });
    expect(call(args({ 7: '' }), env)).toEqual(call(args()));
    expect(() => call(args({ 7: '2026-08-02' }))).toThrow(
      'FORECAST_REVENUE: as_of 2026-08-02 is outside the period: a forecast is made on a day from period_start to period_end',
    );
    expect(() => call(args({ 5: '2026-08-01' }))).toThrow(/^FORECAST_REVENUE: period_end "2026-07-31" is before period_start "2026-08-01"/);
  });

  it('a date that is not one names its row, or is left out with skip_invalid', () => {
    const bad = rows.map((r, i) => (i === 4 ? 'soon' : r.created));
    expect(() => call(args({ 3: col(bad) }))).toThrow(/^FORECAST_REVENUE: created row 5 is "soon", which is not a date/);
    const [[point]] = call([...args({ 3: col(bad) }), '', true]);
    expect(point).toBeGreaterThan(0);
  });

  it('a Russian spreadsheet gets the message in Russian', () => {
    expect(() => call(args({ 7: '2026-08-02' }), testEnv({ locale: 'ru_RU' }))).toThrow(/^FORECAST_REVENUE: as_of 2026-08-02 вне периода/);
  });
});
