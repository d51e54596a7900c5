// The summary's period, in wall time, the previous period of the same length, and the buckets of its
// sparklines. Weeks start on the spreadsheet locale's first day.
import type { Period } from '../settings/schema';
import { MS_PER_DAY } from '../tracker/dates';
import { weekStartOn, type Span } from '../metrics/calendar';

export interface PeriodRange extends Span {
  period: Period;
  /** Inclusive start; -Infinity for all time. */
  from: number;
  /** Exclusive end. */
  to: number;
}

const WEEK = 7 * MS_PER_DAY;
const monthStart = (y: number, m: number) => Date.UTC(y, m, 1);

/** The current unit (week, month, quarter, year) as [start, next start). */
function unitOf(unit: 'week' | 'month' | 'quarter' | 'year', wall: number, firstDay: number, shift = 0): Span {
  if (unit === 'week') {
    const from = weekStartOn(wall, firstDay) + shift * WEEK;
    return { from, to: from + WEEK };
  }
  const d = new Date(wall);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  const first = unit === 'month' ? m : unit === 'quarter' ? m - (m % 3) : 0;
  return { from: monthStart(y, first + shift * months), to: monthStart(y, first + (shift + 1) * months) };
}

const UNIT: Record<Exclude<Period, 'all' | 'last_30_days'>, ['week' | 'month' | 'quarter' | 'year', number]> = {
  this_week: ['week', 0],
  last_week: ['week', -1],
  this_month: ['month', 0],
  last_month: ['month', -1],
  this_quarter: ['quarter', 0],
  last_quarter: ['quarter', -1],
  this_year: ['year', 0],
};

/** The period holding `now` (this …: up to now; last …: the whole previous unit). */
export function periodRange(period: Period, now: number, firstDay = 1): PeriodRange {
  if (period === 'all') return { period, from: -Infinity, to: Infinity };
  if (period === 'last_30_days') return { period, from: Math.floor(now / MS_PER_DAY) * MS_PER_DAY - 29 * MS_PER_DAY, to: now + 1 };
  const [unit, shift] = UNIT[period];
  const span = unitOf(unit, now, firstDay, shift);
  return { period, from: span.from, to: shift === 0 ? now + 1 : span.to };
}

/**
 * The previous period: for a whole calendar unit (last month, last quarter) the whole unit before it
 * (November against all of October's 31 days); for one still running, the unit before cut to as many
 * days as this one has run ("this month" on the 28th against the 1st–28th of last month); the 30
 * days before; none for all time.
 */
export function previousRange(range: PeriodRange, firstDay = 1): Span | null {
  if (range.period === 'all') return null;
  if (range.period === 'last_30_days') return { from: range.from - 30 * MS_PER_DAY, to: range.from };
  const [unit, shift] = UNIT[range.period];
  const before = unitOf(unit, range.from, firstDay, -1);
  if (shift < 0) return before;
  return { from: before.from, to: Math.min(before.to, before.from + (range.to - range.from)) };
}

/**
 * The sparkline's eight buckets, oldest first, the last holding the period's end: weeks for periods
 * up to a month, months beyond. The current bucket ends at now.
 */
export function sparkBuckets(range: PeriodRange, now: number, firstDay = 1): { unit: 'week' | 'month'; spans: Span[] } {
  const unit = ['this_week', 'last_week', 'this_month', 'last_month', 'last_30_days'].includes(range.period) ? 'week' : 'month';
  const end = Math.min(Number.isFinite(range.to) ? range.to : now + 1, now + 1);
  const spans: Span[] = [];
  for (let i = -7; i <= 0; i++) {
    const s = unitOf(unit, end - 1, firstDay, i);
    spans.push({ from: s.from, to: Math.min(s.to, now + 1) });
  }
  return { unit, spans };
}

/**
 * The spans the headline is tallied over, in this order: the period, the sparkline's buckets, the
 * previous period (when there is one). The summary, the SQL engines and BigQuery all ask for these.
 */
export function headlineSpans(range: PeriodRange, now: number, firstDay = 1) {
  const previous = previousRange(range, firstDay);
  const buckets = sparkBuckets(range, now, firstDay);
  return {
    spans: [range, ...buckets.spans, ...(previous ? [previous] : [])],
    previous,
    sparkUnit: buckets.unit,
    buckets: buckets.spans.length,
  };
}

export { inPeriod, weekStart } from '../metrics/calendar';

/** The running period a forecast is for, given the summary's: the same unit now (last month → this month); this month for all time and the last 30 days. */
const FORECAST_PERIOD: Record<Period, 'this_week' | 'this_month' | 'this_quarter' | 'this_year'> = {
  this_week: 'this_week',
  last_week: 'this_week',
  this_month: 'this_month',
  last_month: 'this_month',
  last_30_days: 'this_month',
  this_quarter: 'this_quarter',
  last_quarter: 'this_quarter',
  this_year: 'this_year',
  all: 'this_month',
};

/** The whole period a forecast is for: the running week, month, quarter or year (to its end) that matches the summary's period. */
export function forecastSpan(period: Period, now: number, firstDay = 1): Span & { period: Period } {
  const running = FORECAST_PERIOD[period];
  return { period: running, ...unitOf(UNIT[running][0], now, firstDay, 0) };
}
