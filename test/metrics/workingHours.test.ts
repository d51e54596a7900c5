// Working hours: minutes that count toward response times and SLA deadlines.
import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, minutesBetween } from '../../src/metrics/workingHours';
import { wall } from '../helpers/env';

const weekdays9to7 = { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 19 * 60 };

describe('working hours', () => {
  it('a lead at Friday 18:55 with a 10-minute SLA is due Monday 09:05', () => {
    // 2026-11-27 is a Friday.
    expect(addWorkingMinutes(wall(2026, 11, 27, 18, 55), 10, weekdays9to7)).toBe(wall(2026, 11, 30, 9, 5));
  });
  it('answered Monday 09:03 after Friday 18:55 took 8 working minutes', () => {
    expect(minutesBetween(wall(2026, 11, 27, 18, 55), wall(2026, 11, 30, 9, 3), weekdays9to7)).toBe(8);
  });
  it('without working hours every minute counts', () => {
    expect(minutesBetween(wall(2026, 11, 27, 18, 55), wall(2026, 11, 30, 9, 3), null)).toBe(3728);
  });
  it('a weekend lead waits for Monday morning', () => {
    expect(addWorkingMinutes(wall(2026, 11, 28, 12, 0), 10, weekdays9to7)).toBe(wall(2026, 11, 30, 9, 10));
  });
  it('adding and measuring agree over long spans (whole weeks skipped)', () => {
    const start = wall(2026, 1, 7, 15, 20);
    for (const minutes of [1, 600, 3000, 6000, 100_000]) {
      expect(minutesBetween(start, addWorkingMinutes(start, minutes, weekdays9to7), weekdays9to7)).toBeCloseTo(minutes, 6);
    }
  });
});
