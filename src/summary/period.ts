// The summary's period, in wall time: this month, last month, last 30 days, this quarter, all time.
import type { Period } from '../settings/schema';
import { MS_PER_DAY } from '../tracker/dates';
import type { Span } from '../metrics/calendar';

export interface PeriodRange extends Span {
  period: Period;
  /** Inclusive start; -Infinity for all time. */
  from: number;
  /** Exclusive end. */
  to: number;
}

export function periodRange(period: Period, now: number): PeriodRange {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const end = now + 1;
  switch (period) {
    case 'this_month':
      return { period, from: Date.UTC(y, m, 1), to: end };
    case 'last_month':
      return { period, from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
    case 'last_30_days':
      return { period, from: Math.floor(now / MS_PER_DAY) * MS_PER_DAY - 29 * MS_PER_DAY, to: end };
    case 'this_quarter':
      return { period, from: Date.UTC(y, m - (m % 3), 1), to: end };
    case 'all':
      return { period, from: -Infinity, to: Infinity };
  }
}

export { inPeriod, weekStart } from '../metrics/calendar';
