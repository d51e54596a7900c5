// The forecast's arithmetic on small hand-made pipelines: what was known at a moment, the chances,
// the range, thin stages, count forecasts and expected close dates.
import { describe, expect, it } from 'vitest';
import {
  chanceOf,
  dealPaths,
  forecastData,
  forecastRevenue,
  learnWinChances,
  MIN_DECIDED_FOR_FORECAST,
  snapshotOf,
  stateAt,
  UNCHECKED_ERROR,
  type DealPath,
  type PathColumns,
} from '../../src/metrics/forecast';
import type { Status } from '../../src/tracker/statuses';

const DAY = 86_400_000;
const day = (n: number) => Date.UTC(2026, 0, 1) + n * DAY;

function path(p: Partial<DealPath>): DealPath {
  return { created: day(0), dated: [], furthest: 0, lostAt: -1, status: 'open', closed: NaN, amount: 100, expectedClose: NaN, ...p };
}

/**
 * A steady business over `days`: a deal created every day, at two stages; every second deal is won
 * `cycle` days after it was created, the others lost then. Deals too young to be decided are open.
 */
function steady(days: number, cycle: number, end: number): PathColumns & { status: Status[] } {
  const rows: { created: number; status: Status; closed: number }[] = [];
  for (let i = 0; i < days; i++) {
    const closedDay = i + cycle;
    const decided = closedDay < end;
    rows.push({ created: day(i), status: decided ? (i % 2 === 0 ? 'won' : 'lost') : 'open', closed: decided ? day(closedDay) : NaN });
  }
  return {
    length: rows.length,
    furthest: rows.map((r) => (r.status === 'won' ? 2 : 1)),
    lostAt: rows.map((r) => (r.status === 'lost' ? 1 : -1)),
    status: rows.map((r) => r.status),
    created: rows.map((r) => r.created),
    closed: rows.map((r) => r.closed),
    amount: rows.map(() => 100),
  };
}

describe('what was known at a moment', () => {
  it('a deal won later was open then, at the stage it had entered by then — never at the last stage', () => {
    const won = path({
      dated: [
        { stage: 1, at: day(2) },
        { stage: 2, at: day(9) },
      ],
      furthest: 2,
      status: 'won',
      closed: day(9),
    });
    expect(stateAt(won, 3, day(5), day(99), false)).toEqual({ stage: 1, age: 5, stageAge: 3 });
    expect(stateAt(won, 3, day(1), day(99), false)).toEqual({ stage: 0, age: 1, stageAge: 1 });
    expect(stateAt(won, 3, day(10), day(99), false)).toBeNull();
  });

  it('a deal created on the day, or later, did not exist yet; an undated one only when no deal has dates', () => {
    expect(stateAt(path({ created: day(5) }), 3, day(5), day(99), false)).toBeNull();
    expect(stateAt(path({ created: NaN }), 3, day(5), day(99), false)).toBeNull();
    expect(stateAt(path({ created: NaN, furthest: 1 }), 3, day(5), day(4), true)).toMatchObject({ stage: 1 });
  });

  it('an undated stage counts only from the export’s moment (the latest date in the data) on', () => {
    const open = path({ furthest: 1 });
    expect(stateAt(open, 3, day(5), day(20), false)?.stage).toBe(0);
    expect(stateAt(open, 3, day(20), day(20), false)?.stage).toBe(1);
    expect(snapshotOf([open, path({ status: 'won', closed: day(20) })])).toBe(day(20));
    // A deal created at 10:00 today: a forecast as of today (from the day's start) still reads today's stage column.
    const today = forecastData(
      { length: 1, furthest: [1], lostAt: [-1], status: ['open'], created: [day(20) + 10 * 3_600_000], closed: [NaN], amount: [1] },
      3,
    );
    expect(today.snapshot).toBe(day(20));
  });

  it('an open deal’s planned close is its expected close date, else its closed date (HubSpot)', () => {
    const [hubspot, planned, won] = dealPaths({
      length: 3,
      furthest: [1, 1, 2],
      lostAt: [-1, -1, -1],
      status: ['open', 'open', 'won'],
      created: [0, 0, 0],
      closed: [9, NaN, 7],
      amount: [5, 5, 5],
      expectedClose: [NaN, 4, NaN],
    });
    expect([hubspot.expectedClose, hubspot.closed]).toEqual([9, NaN]);
    expect(planned.expectedClose).toBe(4);
    expect([won.expectedClose, won.closed]).toEqual([NaN, 7]);
  });
});

describe('the chances', () => {
  it('a stage’s win rate from its decided deals; a lost deal with no stage counts as lost at every stage', () => {
    const data = forecastData(
      {
        length: 4,
        furthest: [2, 1, 0, 1],
        lostAt: [-1, 1, -1, -1],
        status: ['won', 'lost', 'lost', 'open'],
        created: [day(0), day(0), day(0), day(0)],
        closed: [day(3), day(3), day(3), NaN],
        amount: [1, 1, 1, 1],
      },
      3,
    );
    const chances = learnWinChances(data, day(10), 30 * DAY, () => 1);
    expect(chances.stages.map((s) => [s.won, s.lost])).toEqual([
      [1, 2],
      [1, 2],
      [1, 1],
    ]);
    expect(chances.stages[0].thin).toBe(true);
    expect(chances.overall).toBeCloseTo(1 / 3, 12);
  });

  it('what became of the deals of an age in past periods: a steady business gives each age its true chance', () => {
    // Won or lost 20 days after creation, half won: a deal aged 5 is won within 30 days half the time,
    // a deal aged 25 (past the cycle, still open) never.
    const data = forecastData(steady(300, 20, 300), 3);
    const chances = learnWinChances(data, day(300), 30 * DAY, () => 100);
    expect(chances.windows).toBe(3);
    expect(chanceOf(chances, { stage: 1, age: 5, stageAge: 5 }, NaN, day(300), day(330), 30 * DAY).chance).toBeCloseTo(0.5, 1);
    // The mean of the last periods' new deals: created and won within 30 days, every second one.
    expect(chances.newRevenue.every((r) => Math.abs(r - 500) <= 100)).toBe(true);
  });

  it('a deal planned to close inside the period gets its stage’s win rate; one planned after it, nothing', () => {
    const data = forecastData(steady(300, 20, 300), 3);
    const chances = learnWinChances(data, day(300), 30 * DAY, () => 100);
    expect(chanceOf(chances, { stage: 1, age: 80, stageAge: 80 }, day(310), day(300), day(330), 30 * DAY)).toEqual({
      chance: chances.stages[1].rate,
      source: { kind: 'planned' },
    });
    expect(chanceOf(chances, { stage: 1, age: 5, stageAge: 5 }, day(340), day(300), day(330), 30 * DAY).chance).toBe(0);
  });

  it('with less than one past period, a deal is timed by the won deals’ cycle from its stage, by its time there', () => {
    // Five won deals (too few to learn from past periods): created on day 0, at stage 1 on day 30, won on day 40.
    const won = Array.from({ length: 5 }, () => path({ dated: [{ stage: 1, at: day(30) }], furthest: 2, status: 'won', closed: day(40) }));
    const data = { paths: won, stageCount: 3, snapshot: day(40), undatedExist: false };
    const chances = learnWinChances(data, day(45), 5 * DAY, () => 100);
    // At stage 1 for 6 days, 5 days left: within the 10-day cycle from stage 1 — though 36 days old.
    expect(chanceOf(chances, { stage: 1, age: 36, stageAge: 6 }, NaN, day(45), day(50), 5 * DAY)).toEqual({
      chance: 1,
      source: { kind: 'cycle' },
    });
    expect(chanceOf(chances, { stage: 1, age: 36, stageAge: 1 }, NaN, day(45), day(50), 5 * DAY).chance).toBe(0);
  });

  it('with less than one past period, open deals are timed by the won deals’ cycle', () => {
    const data = forecastData(steady(40, 20, 40), 3);
    const f = forecastRevenue(data, { from: day(40), to: day(100), asOf: day(40) });
    expect(f.timing).toBe('cycle');
    expect(f.checked).toBe(0);
    expect(f.error).toBe(UNCHECKED_ERROR);
  });
});

describe('the forecast', () => {
  it('is won so far + open deals × their chance + the new deals’ usual revenue, within its range', () => {
    const data = forecastData(steady(300, 20, 300), 3);
    const f = forecastRevenue(data, { from: day(290), to: day(320), asOf: day(300) });
    expect(f.point).toBeCloseTo(f.wonSoFar + f.fromOpen + f.fromNew, 6);
    expect(f.wonSoFar).toBe(500); // days 290–299: won deals created on even days 270–278
    expect(f.low).toBeLessThanOrEqual(f.point);
    expect(f.high).toBeGreaterThanOrEqual(f.point);
    expect(f.low).toBeGreaterThanOrEqual(f.wonSoFar);
    // The steady business is forecast well, and that past accuracy narrows the range.
    // What the period brings: 500 won so far, and half of the 20 open deals (all decided by day 320);
    // deals created from day 300 on close after the period.
    const actual = 500 + 100 * 10;
    expect(Math.abs(f.point - actual) / actual).toBeLessThan(0.1);
    expect(f.checked).toBe(3);
    expect(f.error).toBeLessThan(0.1);
  });

  it('is deterministic: the same data and day give the same figures', () => {
    const data = forecastData(steady(300, 20, 300), 3);
    const a = forecastRevenue(data, { from: day(290), to: day(320), asOf: day(300) });
    const b = forecastRevenue(data, { from: day(290), to: day(320), asOf: day(300) + 5 * 3_600_000 });
    expect(b).toEqual(a);
  });

  it('a stage with fewer than 20 decided deals widens the range and is named', () => {
    const few = steady(300, 20, 300);
    const many = forecastRevenue(forecastData(few, 3), { from: day(300), to: day(330), asOf: day(300) });
    // The same open deals, but stage 1 learned from 10 decided deals only.
    const thin = {
      ...few,
      status: few.status.map((s, i) => (s !== 'open' && i < 280 - MIN_DECIDED_FOR_FORECAST / 2 ? 'open' : s)) as Status[],
    };
    const f = forecastRevenue(forecastData(thin, 3), { from: day(300), to: day(330), asOf: day(300) });
    expect(f.thin).toContain(1);
    expect(many.thin).toEqual([]);
    const relative = (x: typeof f) => (x.high - x.low) / x.fromOpen;
    expect(relative(f)).toBeGreaterThan(relative(many));
  });

  it('without amounts, counts won deals', () => {
    const data = forecastData(steady(300, 20, 300), 3);
    const f = forecastRevenue(data, { from: day(300), to: day(330), asOf: day(300) }, { count: true });
    const revenue = forecastRevenue(data, { from: day(300), to: day(330), asOf: day(300) });
    expect(f.count).toBe(true);
    expect(f.point).toBeCloseTo(revenue.point / 100, 6);
  });

  it('per group: each manager’s own deals and new deals', () => {
    const columns = steady(300, 20, 300);
    const f = forecastRevenue(
      forecastData(columns, 3),
      { from: day(300), to: day(330), asOf: day(300) },
      { groupOf: (i) => (i % 4 < 2 ? 'anna' : 'boris') },
    );
    const anna = f.groups.get('anna')!;
    const boris = f.groups.get('boris')!;
    expect(anna.point + boris.point).toBeCloseTo(f.point, 6);
    expect(anna.openDeals + boris.openDeals).toBe(f.openDeals);
  });
});
