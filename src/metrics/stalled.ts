// Stalled deals: open deals idle for more than N days before the as-of date.
import { MS_PER_DAY } from '../tracker/dates';
import type { RowStatuses, Status } from '../tracker/statuses';

/**
 * Whole days (fractional with times) a deal has been idle at `asOf`.
 * @example daysIdle(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 16)) // 15
 */
export function daysIdle(lastActivity: number, asOf: number): number {
  return (asOf - lastActivity) / MS_PER_DAY;
}

/**
 * An open deal idle for more than `days`.
 * @example isStalled(Date.UTC(2026, 10, 1), 'open', Date.UTC(2026, 10, 16), 14) // true; a won deal never is
 */
export function isStalled(lastActivity: number, status: Status, asOf: number, days: number): boolean {
  return status === 'open' && !Number.isNaN(lastActivity) && daysIdle(lastActivity, asOf) > days;
}

/**
 * Counts stalled deals; no statuses means every deal is open.
 * @example countStalled(Float64Array.of(nov1, nov15), null, nov16, 14) // 1 — what STALLED_DEALS returns
 */
export function countStalled(lastActivity: Float64Array, statuses: RowStatuses | null, asOf: number, days: number): number {
  let count = 0;
  for (let row = 0; row < lastActivity.length; row++) {
    // A row without a date is not read further (its status is not looked up).
    if (!Number.isNaN(lastActivity[row]) && isStalled(lastActivity[row], statuses ? statuses.at(row) : 'open', asOf, days)) count++;
  }
  return count;
}
