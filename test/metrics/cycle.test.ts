// Deal cycle: days from start to end, for deals with both dates.
import { describe, expect, it } from 'vitest';
import { cycleDays, cycleOf, pairedDurations, reversedDates } from '../../src/metrics/cycle';
import { WallColumns } from '../../src/tracker/dates';
import { inEnglish } from '../helpers/env';

const jan = (day: number) => Date.UTC(2026, 0, day);

describe('deal cycle', () => {
  it('a deal created on 1 January and paid on the 31st took 30 days', () => {
    expect(cycleDays(Float64Array.of(jan(1)), Float64Array.of(jan(31)))).toEqual({ days: Float64Array.of(30), reversed: 0 });
  });

  it('deals without both dates are left out; one paid before it was created is left out and counted', () => {
    const { days, reversed } = cycleDays(Float64Array.of(jan(1), NaN, jan(10), jan(5)), Float64Array.of(jan(11), jan(3), NaN, jan(2)));
    expect([...days]).toEqual([10]);
    expect(reversed).toBe(1);
  });

  it('without skip_invalid an end before its start is an error naming the row and both dates', () => {
    expect(
      inEnglish(() =>
        pairedDurations(new WallColumns(Float64Array.of(jan(1), jan(31)), Float64Array.of(jan(2), jan(1))), {
          skipInvalid: false,
          endArg: 'end_dates',
        }),
      ),
    ).toThrow('end_dates row 2: 2026-01-01 is before 2026-01-31');
    expect(reversedDates(6, jan(31), jan(1), 'end_dates')).toMatchObject({ key: 'reversedDates', values: { arg: 'end_dates', row: 7 } });
  });
});

describe('durations written over the start column', () => {
  it("are written in the start column's own memory, skipping rows without both dates or reversed", () => {
    const start = Float64Array.of(jan(1), NaN, jan(10), jan(5), jan(2));
    const end = Float64Array.of(jan(11), jan(3), NaN, jan(2), jan(4));
    const durations = pairedDurations(new WallColumns(start, end), { skipInvalid: true, endArg: 'e' }, 86_400_000)!;
    expect([...durations.values]).toEqual([10, 2]);
    expect(durations.reversedSkipped).toBe(1);
    expect(durations.values.buffer).toBe(start.buffer);
  });

  it('report the first reversed row, not a later one', () => {
    const start = Float64Array.of(jan(1), jan(9), jan(1), jan(8));
    const end = Float64Array.of(jan(2), jan(3), jan(5), jan(4));
    expect(inEnglish(() => pairedDurations(new WallColumns(start, end), { skipInvalid: false, endArg: 'e' }))).toThrow(
      'e row 2: 2026-01-03 is before 2026-01-09',
    );
  });
});

describe("one deal's cycle", () => {
  it('is end − start in days, NaN when a date is missing or the end comes first', () => {
    expect(cycleOf(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31))).toBe(30);
    expect(cycleOf(Date.UTC(2026, 0, 1), NaN)).toBeNaN();
    expect(cycleOf(NaN, Date.UTC(2026, 0, 1))).toBeNaN();
    expect(cycleOf(Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 1))).toBeNaN();
  });
});
