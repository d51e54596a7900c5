// The weeks the weekly rhythm counts in: Monday 00:00 to Monday 00:00 in the spreadsheet's wall time,
// named by their Monday ("2026-11-23"), the name the history sheets store.
import { weekStart } from '../metrics/calendar';
import { MS_PER_DAY } from '../tracker/dates';

export const WEEK = 7 * MS_PER_DAY;

/** "2026-11-23" for the week starting Monday 23 November 2026. */
export function weekLabel(week: number): string {
  return new Date(week).toISOString().slice(0, 10);
}

/** The week a label names, or null for anything else (a cell a user typed into the hidden sheet). */
export function weekOfLabel(label: unknown): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(label ?? '').trim());
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return weekStart(wall) === wall ? wall : null;
}

/** The last week that has ended by `wall`. */
export function lastCompleteWeek(wall: number): number {
  return weekStart(wall) - WEEK;
}
