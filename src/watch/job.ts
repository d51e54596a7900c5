// The lead watch's deadlines as a job of the scheduler: due at the next SLA deadline the last sweep
// saw, and at the latest an hour of working time after it (the safety net).
import { addWorkingMinutes } from '../metrics/workingHours';
import type { JobContext, ScheduledJob } from '../schedule/job';
import { workingHoursOf } from '../settings/hours';
import { zoneClock } from '../tracker/dates';
import { NEXT_KEY, WATCH_ON_KEY } from './memory';
import { sweep, type SweepResult } from './sweep';

const HOUR_MS = 3_600_000;
/** A deadline is woken for a little after it, so that a clock firing on the dot never finds it a moment early. */
const MARGIN_MS = 5_000;

interface NextSweep {
  next: number | null;
  swept: number;
}

function readNext(value: string | null): NextSweep | null {
  try {
    const parsed = value ? (JSON.parse(value) as NextSweep) : null;
    return parsed && Number.isFinite(parsed.swept) ? parsed : null;
  } catch {
    return null;
  }
}

export function isWatchOn(context: Pick<JobContext, 'services'>): boolean {
  return context.services.PropertiesService.getDocumentProperties().getProperty(WATCH_ON_KEY) === 'true';
}

/** Records when the watch has work next, from a finished sweep (a busy lock: the sweep running now records it). */
export function rememberSweep(context: JobContext, result: SweepResult): void {
  if (result.locked) return;
  const next = result.msToNextDeadline === null ? null : context.now + result.msToNextDeadline;
  context.services.PropertiesService.getDocumentProperties().setProperty(NEXT_KEY, JSON.stringify({ next, swept: context.now }));
}

/** One sweep (the sweep itself is journaled: a cut one is completed by the next, never repeated), then its record. */
export function sweepLeads(context: JobContext): SweepResult {
  const result = sweep(context.services, context.language, context.settings);
  rememberSweep(context, result);
  return result;
}

/**
 * The safety net: an hour of working time after the last sweep (a plain hour without working hours).
 * A lead written by another program fires no change trigger, and its deadline counts working time,
 * so nights and weekends need no sweep: a bound script's minute trigger then reads one property.
 */
function safetyNet(context: JobContext, swept: number): number {
  const hours = workingHoursOf(context.settings);
  if (!hours) return swept + HOUR_MS;
  const clock = zoneClock(context.spreadsheet.getSpreadsheetTimeZone());
  const next = addWorkingMinutes(clock.wallOf(new Date(swept)), 60, hours);
  return Number.isFinite(next) ? clock.dateOf(next).getTime() : swept + HOUR_MS;
}

export const leadDeadlines: ScheduledJob = {
  name: NEXT_KEY,
  dueAt(context) {
    if (!isWatchOn(context)) return null;
    const last = readNext(context.services.PropertiesService.getDocumentProperties().getProperty(NEXT_KEY));
    if (!last) return context.now;
    return Math.min(last.next === null ? Infinity : last.next + MARGIN_MS, safetyNet(context, last.swept));
  },
  run(context) {
    sweepLeads(context);
  },
};
