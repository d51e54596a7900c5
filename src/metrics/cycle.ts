// Deal cycle and any other start→end duration: pairs of dates, in one pass.
import { UserError } from '../errors';
import { formatWallTime, MS_PER_DAY } from '../tracker/dates';

export interface Durations {
  /** end − start in ms for every row with both dates. */
  values: Float64Array;
  reversedSkipped: number;
}

/**
 * end − start for every row where both are present. End before start is an error, or with
 * skipInvalid a row left out. With `inPlace` the durations are written over `start` (row i's
 * duration goes to an index ≤ i, after start[i] is read): for a caller that reads start only for this.
 * @example pairedDurations(start, end, { skipInvalid: true, endArg: 'end_dates' }).values // ms per deal
 */
export function pairedDurations(
  start: Float64Array,
  end: Float64Array,
  options: { skipInvalid: boolean; endArg: string; inPlace?: boolean },
  measure: number | ((start: number, end: number) => number) = 1,
): Durations {
  // A number divides end − start (1: ms, 60 000: minutes) in the loop itself: no call per row.
  const divisor = typeof measure === 'number' ? measure : 0;
  const measureOf = typeof measure === 'number' ? null : measure;
  const out = options.inPlace ? start : new Float64Array(start.length);
  let count = 0;
  let reversedSkipped = 0;
  for (let row = 0; row < start.length; row++) {
    const a = start[row];
    const b = end[row];
    // One comparison for the usual row: false when a date is missing (NaN) or the end comes first.
    if (!(b >= a)) {
      if (a !== a || b !== b) continue;
      if (!options.skipInvalid) throw reversedDates(row, a, b, options.endArg);
      reversedSkipped++;
      continue;
    }
    out[count++] = measureOf === null ? (b - a) / divisor : measureOf(a, b);
  }
  return { values: out.subarray(0, count), reversedSkipped };
}

/**
 * One deal's cycle in days: end − start, or NaN when a date is missing or the end comes first (the
 * rule cycleDays applies to every pair).
 * @example cycleOf(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31)) // 30
 */
export function cycleOf(start: number, end: number): number {
  return start === start && end >= start ? (end - start) / MS_PER_DAY : NaN;
}

/**
 * Days from start to end for every pair with both dates; pairs with the end first are left out and counted.
 * @example cycleDays(Float64Array.of(Date.UTC(2026, 0, 1)), Float64Array.of(Date.UTC(2026, 0, 31))) // { days: [30], reversed: 0 }
 */
export function cycleDays(start: Float64Array, end: Float64Array): { days: Float64Array; reversed: number } {
  const { values, reversedSkipped } = pairedDurations(start, end, { skipInvalid: true, endArg: '' });
  return { days: values.map((ms) => ms / MS_PER_DAY), reversed: reversedSkipped };
}

/**
 * The error for an end before its start, naming the row and both dates.
 * @example reversedDates(6, jan31, jan1, 'end_dates') // UserError 'reversedDates' { arg: 'end_dates', row: 7, … }
 */
export function reversedDates(row: number, start: number, end: number, endArg: string): UserError {
  return new UserError('reversedDates', { arg: endArg, row: row + 1, end: formatWallTime(end), start: formatWallTime(start) });
}
