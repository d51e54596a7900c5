// Stalled deals: open deals idle for more than N days before the as-of date.
import { MS_PER_DAY } from '../tracker/dates';
import type { Status } from '../tracker/statuses';

/** Whole days (fractional with times) a deal has been idle at `asOf`. */
export function daysIdle(lastActivity: number, asOf: number): number {
  return (asOf - lastActivity) / MS_PER_DAY;
}

export function isStalled(lastActivity: number, status: Status, asOf: number, days: number): boolean {
  return status === 'open' && !Number.isNaN(lastActivity) && daysIdle(lastActivity, asOf) > days;
}

/** Counts stalled deals; `statuses` null means every deal is open. */
export function countStalled(lastActivity: Float64Array, statuses: readonly Status[] | null, asOf: number, days: number): number {
  let count = 0;
  for (let row = 0; row < lastActivity.length; row++) {
    if (isStalled(lastActivity[row], statuses ? statuses[row] : 'open', asOf, days)) count++;
  }
  return count;
}
