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
  const weekday = ((day % 7) + 7 + 3) % 7; // 0 = Monday; day 0 (1970-01-01) was a Thursday
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

/** Regions whose weeks start on Sunday or Saturday (CLDR weekData); everywhere else, Monday. Plain
 * strings: nothing is built when the bundle is evaluated (every custom-function call evaluates it). */
const SUNDAY = ' US CA MX BR JP KR TW HK MO IL IN PH ZA PE CO VE GT HN NI PA PR DO SV TH ID KE ZW BZ BS JM AG DM PK BD BT KH LA MM NP ';
const SATURDAY = ' AF DZ BH EG IQ IR JO KW LY OM QA SA SD SY AE ';
const SUNDAY_LANGUAGES = ' en ja ko he iw hi th zh ';

/**
 * The weekday a locale's weeks start on (0 = Sunday … 6 = Saturday), from its region, else its language.
 * @example firstDayOfWeek('en_US') // 0; firstDayOfWeek('ru_RU') // 1; firstDayOfWeek('en_GB') // 1
 */
export function firstDayOfWeek(locale: string): number {
  const [language, region] = locale.split(/[_-]/);
  const r = ` ${(region ?? '').toUpperCase()} `;
  if (r !== '  ') return SUNDAY.includes(r) ? 0 : SATURDAY.includes(r) ? 6 : 1;
  return SUNDAY_LANGUAGES.includes(` ${(language ?? '').toLowerCase()} `) ? 0 : 1;
}

/**
 * 00:00 of the first day of the week holding `wall`, weeks starting on `firstDay` (0 = Sunday).
 * @example weekStartOn(Date.UTC(2026, 10, 28), 0) // Date.UTC(2026, 10, 22): Saturday 28 Nov → Sunday 22 Nov
 */
export function weekStartOn(wall: number, firstDay: number): number {
  const day = Math.floor(wall / MS_PER_DAY);
  const weekday = (((day + 4 - firstDay) % 7) + 7) % 7; // day 0 (1970-01-01) was a Thursday (4)
  return (day - weekday) * MS_PER_DAY;
}
