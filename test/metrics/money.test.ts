// Revenue by won date, the pipeline at a moment, plans prorated to a period (docs/summary.md).
import { describe, expect, it } from 'vitest';
import { changeOf, isOpenAt, proratedPlan, wonAt } from '../../src/metrics/money';

const day = (d: number, m = 11) => Date.UTC(2026, m - 1, d);

describe('revenue and pipeline', () => {
  const deals = {
    status: ['won', 'won', 'lost', 'open', 'won'] as const,
    amount: [100, 50, 70, 30, 20],
    created: [day(1, 10), day(2), day(3), day(4), day(5)],
    closed: [day(3), day(20, 12), day(10), NaN, NaN],
  };
  const rows = [0, 1, 2, 3, 4];

  it('a won deal is won on its closed date, else its created date', () => {
    // Deal 0 created in October, won 3 Nov; deal 1 won in December; deal 4 has no closed date: created 5 Nov.
    expect(rows.filter((r) => deals.status[r] === 'won').map((r) => wonAt(deals, r))).toEqual([day(3), day(20, 12), day(5)]);
  });

  it('the pipeline at a moment holds deals created by then and not yet closed then', () => {
    // 15 Nov: deal 1 (won in December) and deal 3 (open) — deal 2 closed on the 10th, deal 4 has no closed date.
    expect(rows.filter((r) => isOpenAt(deals, r, day(15)))).toEqual([1, 3]);
    // Just before 3 Nov: deal 0 (won on the 3rd) and deal 1 were open; deal 2 did not exist yet.
    expect(rows.filter((r) => isOpenAt(deals, r, day(3) - 1))).toEqual([0, 1]);
  });
});

describe('plans prorated to a period', () => {
  it('counts each month by the share of its days in the period', () => {
    expect(proratedPlan(30, { from: day(1), to: day(16) })).toBeCloseTo(15, 12);
    // 16 Oct – 15 Nov: 16/31 of October and 15/30 of November.
    expect(proratedPlan(31, { from: day(16, 10), to: day(16) })).toBeCloseTo(16 + 31 * 0.5, 12);
    expect(proratedPlan(0, { from: day(1), to: day(16) })).toBe(0);
    expect(proratedPlan(10, { from: -Infinity, to: day(16) })).toBe(0);
  });

  it('judges a change by which way is better', () => {
    expect(changeOf(10, 8, true)).toEqual({ delta: 2, better: true });
    expect(changeOf(10, 8, false)).toEqual({ delta: 2, better: false });
    expect(changeOf(10, null, true)).toBeNull();
  });
});
