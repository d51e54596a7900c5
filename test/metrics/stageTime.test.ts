// When a manager's median days in a stage differs from the team's enough to be pointed at.
import { describe, expect, it } from 'vitest';
import { daysByStage, stageTimeFlag } from '../../src/metrics/stageTime';

describe('stageTimeFlag', () => {
  it('slower or faster by a quarter and a day, on 5 deals or more', () => {
    expect(stageTimeFlag(12, 6, 8)).toBe('slower');
    expect(stageTimeFlag(3, 6, 5)).toBe('faster');
  });

  it('not judged on fewer than 5 deals, nor for half a day, nor a quarter of a short stage', () => {
    expect(stageTimeFlag(20, 6, 4)).toBeNull();
    expect(stageTimeFlag(6.5, 6, 8)).toBeNull();
    expect(stageTimeFlag(2.6, 2, 50)).toBeNull();
    expect(stageTimeFlag(null, 6, 8)).toBeNull();
  });
});

describe('daysByStage', () => {
  const day = (n: number) => Date.UTC(2026, 10, n);
  it("per deal in time order, whatever the rows' order; a deal's current stage has no time yet; visits add up", () => {
    const { days, paths } = daysByStage(
      ['b', 'a', 'a', 'b', 'a', 'a', ''],
      ['paid', 'lead', 'meeting', 'lead', 'lead', 'meeting', 'lead'],
      [day(9), day(1), day(3), day(2), day(6), day(10), day(1)],
    );
    expect(days.get('lead')).toEqual([7, 2 + 4]);
    expect(days.get('meeting')).toEqual([3]);
    expect(days.get('paid')).toBeUndefined();
    expect(paths).toEqual([
      ['lead', 'paid'],
      ['lead', 'meeting', 'lead', 'meeting'],
    ]);
  });
});
