// Working time: only minutes inside the working days and hours count toward response and SLA.
import { MS_PER_DAY, MS_PER_MINUTE } from '../tracker/dates';

export interface WorkingHours {
  /** Working weekdays, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
  /** Minutes after midnight when the working day starts and ends. */
  from: number;
  to: number;
}

/** 1970-01-01, day 0 of wall time, was a Thursday. */
const weekdayOfDay = (day: number) => ((day % 7) + 7 + 4) % 7;

function workingDayMinutes(hours: WorkingHours, weekday: number): number {
  return hours.days.includes(weekday) ? Math.max(0, hours.to - hours.from) : 0;
}

/** Working minutes from the start of wall time to `wall`; differences of it are working minutes between. */
function workingMinutesUntil(wall: number, hours: WorkingHours): number {
  const day = Math.floor(wall / MS_PER_DAY);
  const week = Math.floor(day / 7);
  let total = 0;
  for (let w = 0; w < 7; w++) total += workingDayMinutes(hours, w);
  total *= week;
  for (let d = week * 7; d < day; d++) total += workingDayMinutes(hours, weekdayOfDay(d));
  if (hours.days.includes(weekdayOfDay(day))) {
    const minuteOfDay = (wall - day * MS_PER_DAY) / MS_PER_MINUTE;
    total += Math.min(Math.max(minuteOfDay, hours.from), hours.to) - hours.from;
  }
  return total;
}

/**
 * Minutes from a to b; with working hours, only working minutes.
 * @example minutesBetween(friday1855, monday0905, { days: [1, 2, 3, 4, 5], from: 540, to: 1140 }) // 10
 */
export function minutesBetween(a: number, b: number, hours: WorkingHours | null): number {
  if (hours === null) return (b - a) / MS_PER_MINUTE;
  return workingMinutesUntil(b, hours) - workingMinutesUntil(a, hours);
}

/**
 * The wall time when `minutes` working minutes have passed since `start`
 * (a lead at Friday 18:55 with Mon–Fri 09:00–19:00 and 10 minutes is due Monday 09:05).
 * @example addWorkingMinutes(friday1855, 10, { days: [1, 2, 3, 4, 5], from: 540, to: 1140 }) // Monday 09:05
 */
export function addWorkingMinutes(start: number, minutes: number, hours: WorkingHours | null): number {
  if (hours === null) return start + minutes * MS_PER_MINUTE;
  const perWeek = [0, 1, 2, 3, 4, 5, 6].reduce((sum, w) => sum + workingDayMinutes(hours, w), 0);
  if (perWeek === 0) return Infinity;
  let left = minutes;
  let cursor = start;
  // Whole weeks from start hold exactly perWeek working minutes each: jump over them.
  const wholeWeeks = Math.floor(left / perWeek) - 1;
  if (wholeWeeks > 0) {
    left -= wholeWeeks * perWeek;
    cursor += wholeWeeks * 7 * MS_PER_DAY;
  }
  let day = Math.floor(cursor / MS_PER_DAY);
  for (;;) {
    if (hours.days.includes(weekdayOfDay(day))) {
      const open = day * MS_PER_DAY + hours.from * MS_PER_MINUTE;
      const close = day * MS_PER_DAY + hours.to * MS_PER_MINUTE;
      const begin = Math.max(cursor, open);
      if (begin < close || (left === 0 && begin <= close)) {
        const available = (close - begin) / MS_PER_MINUTE;
        if (left <= available) return begin + left * MS_PER_MINUTE;
        left -= available;
      }
    }
    day++;
    cursor = day * MS_PER_DAY;
  }
}
