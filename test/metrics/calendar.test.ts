// The calendar KPIs are counted in: periods, Monday weeks, the weeks a plan is kept in.
import { describe, expect, it } from 'vitest';
import { completedWeeks, inPeriod, weekStart } from '../../src/metrics/calendar';

const d = (m: number, day: number, h = 0) => Date.UTC(2026, m - 1, day, h);

describe('the calendar', () => {
  it('a period holds its first instant and not its end', () => {
    const november = { from: d(11, 1), to: d(12, 1) };
    expect(inPeriod(d(11, 30, 23), november)).toBe(true);
    expect(inPeriod(d(11, 1), november)).toBe(true);
    expect(inPeriod(d(12, 1), november)).toBe(false);
  });

  it('a week starts on Monday: Friday 27 November 2026 is in the week of Monday the 23rd', () => {
    expect(weekStart(d(11, 27, 15))).toBe(d(11, 23));
    expect(weekStart(d(11, 23))).toBe(d(11, 23));
  });

  it('plans are kept in the whole weeks of the period that have ended', () => {
    expect(completedWeeks({ from: d(11, 1), to: Infinity }, d(11, 18), NaN)).toEqual([d(11, 2), d(11, 9)]);
    // All time starts at the first activity.
    expect(completedWeeks({ from: -Infinity, to: Infinity }, d(11, 18), d(11, 4))).toEqual([d(11, 9)]);
    expect(completedWeeks({ from: -Infinity, to: Infinity }, d(11, 18), NaN)).toEqual([]);
  });
});
