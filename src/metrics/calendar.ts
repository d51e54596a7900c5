// The calendar the KPIs are counted in: a period as [from, to) in wall time, and its weeks.
import { MS_PER_DAY } from '../tracker/dates';

/** A stretch of wall time: from (inclusive; -Infinity for all time) to (exclusive). */
export interface Span {
  from: number;
  to: number;
}

/**
 * Whether a wall time falls in a span.
 * @example inPeriod(Date.UTC(2026, 10, 30, 23, 59), { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }) // true
 */
export function inPeriod(wall: number, span: Span): boolean {
  return wall >= span.from && wall < span.to;
}

/**
 * Monday 00:00 of the week holding `wall`.
 * @example weekStart(Date.UTC(2026, 10, 27, 15)) // Date.UTC(2026, 10, 23): Friday 27 Nov 2026 → Monday 23 Nov
 */
export function weekStart(wall: number): number {
  const day = Math.floor(wall / MS_PER_DAY);
  const weekday = (((day % 7) + 7 + 3) % 7); // 0 = Monday; day 0 (1970-01-01) was a Thursday
  return (day - weekday) * MS_PER_DAY;
}

/**
 * The Monday-based weeks inside a span that have ended by `now`: the periods activity plans are
 * kept in. A span with no start (all time) starts at `firstActivity`.
 * @example completedWeeks({ from: Date.UTC(2026, 10, 1), to: Infinity }, Date.UTC(2026, 10, 18), NaN) // the weeks of 2 and 9 Nov
 */
export function completedWeeks(span: Span, now: number, firstActivity: number): number[] {
  const weeks: number[] = [];
  const from = Number.isFinite(span.from) ? span.from : firstActivity;
  if (!Number.isFinite(from)) return weeks;
  const week = 7 * MS_PER_DAY;
  for (let w = weekStart(from) + (weekStart(from) < from ? week : 0); w + week <= Math.min(span.to, now + 1); w += week) weeks.push(w);
  return weeks;
}
