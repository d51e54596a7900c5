// Effective touches, plan discipline and repeat sales, as product examples.
import { describe, expect, it } from 'vitest';
import { statusList } from '../../src/tracker/statuses';
import { DEFAULT_EFFECTIVE_TOUCHES, effectiveMatcher } from '../../src/metrics/touches';
import { addPeriod, discipline, emptyPlanTotals, planFactRatio } from '../../src/metrics/plan';
import { countRepeatClients, tallyPurchases } from '../../src/metrics/repeat';
import { listColumn } from '../../src/tracker/cells';

const matches = effectiveMatcher(DEFAULT_EFFECTIVE_TOUCHES);

describe('effective touches', () => {
  it('a meeting held, a proposal sent and an invoice count; a call does not', () => {
    expect(['Встреча', 'КП', 'Счёт', 'Meeting scheduled', 'Demo'].every(matches)).toBe(true);
    expect(['Звонок', 'Call', 'Email', ''].some(matches)).toBe(false);
  });
  it('a phrase that starts with a listed one counts, unless it was cancelled', () => {
    expect(matches('Встреча проведена')).toBe(true);
    expect(matches('Встреча отменена')).toBe(false);
    expect(matches('Meeting cancelled')).toBe(false);
  });
});

describe('plan and discipline', () => {
  it('rewards the manager on plan most weeks, not the one with one lucky week', () => {
    const steady = emptyPlanTotals();
    const lucky = emptyPlanTotals();
    for (const fact of [10, 10, 10, 9]) addPeriod(steady, 10, fact);
    for (const fact of [2, 2, 2, 40]) addPeriod(lucky, 10, fact);
    expect(planFactRatio(lucky)).toBeGreaterThan(planFactRatio(steady));
    expect(discipline(steady)).toBe(0.75);
    expect(discipline(lucky)).toBe(0.25);
  });
});

describe('repeat sales', () => {
  it('among clients with a purchase, the share with two or more', () => {
    const tally = tallyPurchases(listColumn(['a', 'b', 'A ', 'c', 'c', 'd']), statusList(['won', 'won', 'won', 'won', 'won', 'lost']), (c) => String(c).trim().toLowerCase());
    expect(countRepeatClients(tally)).toEqual({ wonClients: 3, repeatClients: 2 });
  });
});
