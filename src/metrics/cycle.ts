// Deal cycle and any other start→end duration: pairs of dates, in one pass.
import { UserError } from '../errors';
import { formatWallTime, MS_PER_DAY, WallColumns, type WallPairs } from '../tracker/dates';
import { keepShape } from '../tracker/shapes';

export interface Durations {
  /** end − start in ms for every row with both dates. */
  values: Float64Array;
  reversedSkipped: number;
}

/**
 * end − start for every row where both are present. End before start is an error, or with
 * skipInvalid a row left out. The durations are written over the pairs' scratch column (row i's
 * duration goes to an index ≤ i, after row i is read). Null when a row cannot be read as the pairs
 * go (PlainDatePair): the caller reads the columns in full and asks again.
 * @example pairedDurations(new WallColumns(start, end), { skipInvalid: true, endArg: 'end_dates' })!.values // ms per deal
 */
export function pairedDurations(
  pairs: WallPairs,
  options: { skipInvalid: boolean; endArg: string },
  measure: number | ((start: number, end: number) => number) = 1,
): Durations | null {
  const out = pairs.scratch();
  const reversed = new FirstReversed(options);
  const count = durationsInto(out, pairs, reversed, measure);
  if (count < 0) return null;
  reversed.check();
  return { values: out.subarray(0, count), reversedSkipped: reversed.skipped };
}

/**
 * pairedDurations' loop, a function of its own: V8 optimises a long loop in the middle of its call
 * (on-stack replacement), before the code after the loop has ever run, and the optimised code was
 * thrown away on reaching it — at every call. The count of durations, or -1 when a row cannot be read.
 */
function durationsInto(
  out: Float64Array,
  pairs: WallPairs,
  reversed: FirstReversed,
  measure: number | ((start: number, end: number) => number),
): number {
  // A number divides end − start (1: ms, 60 000: minutes) in the loop itself: no call per row.
  const divisor = typeof measure === 'number' ? measure : 0;
  const measureOf = typeof measure === 'number' ? null : measure;
  let count = 0;
  for (let row = 0; row < pairs.length; row++) {
    if (!pairs.read(row)) return -1;
    const a = pairs.a;
    const b = pairs.b;
    // One comparison for the usual row: false when a date is missing (NaN) or the end comes first.
    if (!(b >= a)) {
      if (a === a && b === b) reversed.add(row, a, b);
      continue;
    }
    out[count++] = measureOf === null ? (b - a) / divisor : measureOf(a, b);
  }
  return count;
}

/**
 * Rows whose end comes before their start: counted with skipInvalid, else the first one fails the
 * call — once every row is read, so that a later cell the pairs cannot read is reported first, as
 * when the columns are read in full.
 */
export class FirstReversed {
  skipped = 0;
  private row = -1;
  private start = NaN;
  private end = NaN;

  constructor(private readonly options: { skipInvalid: boolean; endArg: string }) {
    keepShape(this);
  }

  add(row: number, start: number, end: number): void {
    if (this.options.skipInvalid) this.skipped++;
    else if (this.row < 0) {
      this.row = row;
      this.start = start;
      this.end = end;
    }
  }

  check(): void {
    if (this.row >= 0) throw reversedDates(this.row, this.start, this.end, this.options.endArg);
  }
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
 * Days from start to end for every pair with both dates; pairs with the end first are left out and
 * counted. `start` is written over: the caller made it for this.
 * @example cycleDays(Float64Array.of(Date.UTC(2026, 0, 1)), Float64Array.of(Date.UTC(2026, 0, 31))) // { days: [30], reversed: 0 }
 */
export function cycleDays(start: Float64Array, end: Float64Array): { days: Float64Array; reversed: number } {
  const { values, reversedSkipped } = pairedDurations(new WallColumns(start, end), { skipInvalid: true, endArg: '' })!;
  return { days: values.map((ms) => ms / MS_PER_DAY), reversed: reversedSkipped };
}

/**
 * The error for an end before its start, naming the row and both dates.
 * @example reversedDates(6, jan31, jan1, 'end_dates') // UserError 'reversedDates' { arg: 'end_dates', row: 7, … }
 */
export function reversedDates(row: number, start: number, end: number, endArg: string): UserError {
  return new UserError('reversedDates', { arg: endArg, row: row + 1, end: formatWallTime(end), start: formatWallTime(start) });
}
