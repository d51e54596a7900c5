// Plan vs fact and discipline: reward the manager who meets the plan most weeks, not one lucky week.
import { describe, expect, it } from 'vitest';
import { addPeriod, discipline, emptyPlanTotals, planFactRatio, weeklyPlanTotals } from '../../src/metrics/plan';

describe('plan vs fact', () => {
  it('two weeks with a plan of 10: 12 then 7 is 95 % of plan, on plan one week in two', () => {
    const totals = weeklyPlanTotals(10, [1, 2], (w) => (w === 1 ? 12 : 7));
    expect(totals).toEqual({ plan: 20, fact: 19, plannedPeriods: 2, periodsOnPlan: 1 });
    expect(planFactRatio(totals)).toBe(0.95);
    expect(discipline(totals)).toBe(0.5);
  });

  it('one lucky week does not make discipline: 40 in one week and 0 in three is 100 % of plan but 25 % discipline', () => {
    const totals = weeklyPlanTotals(10, [1, 2, 3, 4], (w) => (w === 1 ? 40 : 0));
    expect(planFactRatio(totals)).toBe(1);
    expect(discipline(totals)).toBe(0.25);
  });

  it('a period without a plan counts toward neither; no plan at all measures nothing', () => {
    const totals = emptyPlanTotals();
    addPeriod(totals, 0, 5);
    expect(totals).toEqual({ plan: 0, fact: 5, plannedPeriods: 0, periodsOnPlan: 0 });
    expect(planFactRatio(totals)).toBeNaN();
    expect(discipline(totals)).toBeNaN();
  });
});
