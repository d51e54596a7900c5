// The one handler for the one clock trigger: runs every job that is due, each on its own so one
// failing does not stop the others, and sets the next wake-up — before the work, so that a run that
// fails or is cut still leaves the trigger that runs it again.
import { MS_PER_DAY, zoneClock } from '../tracker/dates';
import { HOUR_MS, MINUTE_MS, NEXT_WAKE_KEY, setClock, WEEKLY_HOUR, type Wake } from './clock';
import type { JobContext, ScheduledJob } from './job';

/** A job still due after its run (it failed, or was cut) is tried again this long after, doubling with each run that failed in a row, up to RETRY_MAX_MS. */
export const RETRY_MS = 2 * MINUTE_MS;
const RETRY_MAX_MS = 32 * MINUTE_MS;
/** Runs in a row in which a job failed (document properties): the retry backs off, so a job that always fails costs little. */
export const FAILURES_KEY = 'salesKpi.schedule.failures';

export interface ScheduleReport {
  /** The jobs that ran and finished, and those that failed (by name). */
  ran: string[];
  failed: string[];
  /** The wake-up set, and whether Google took the trigger (false: the next change or menu action tries again). */
  wake: Wake;
  scheduled: boolean;
}

/** Each job's due instant; a job whose dueAt throws counts as due now (its run will say why). */
function dueTimes(jobs: readonly ScheduledJob[], context: JobContext): (number | null)[] {
  return jobs.map((job) => {
    try {
      return job.dueAt(context);
    } catch {
      return context.now;
    }
  });
}

/** The next Monday WEEKLY_HOUR:00 in the spreadsheet's zone after `now` (epoch ms). */
export function nextWeeklyAt(now: number, zone: string): number {
  const clock = zoneClock(zone);
  const wall = clock.wallOf(new Date(now));
  const day = Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
  const weekday = (Math.floor(wall / MS_PER_DAY) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  let monday = day + ((8 - weekday) % 7) * MS_PER_DAY + WEEKLY_HOUR * HOUR_MS;
  if (monday <= wall) monday += 7 * MS_PER_DAY;
  return clock.dateOf(monday).getTime();
}

/**
 * The wake-up for the earliest due instant: a bound script with the lead watch on keeps its minute
 * trigger; otherwise a one-shot when something is due before next Monday's weekly run, else the
 * weekly trigger. Work already due (a failed or unfinished job) is retried after RETRY_MS.
 */
export function wakeFor(due: number | null, now: number, zone: string, minuteClock: boolean, retryMs = RETRY_MS): Wake {
  if (minuteClock) return { kind: 'minute' };
  if (due === null || due >= nextWeeklyAt(now, zone)) return { kind: 'weekly' };
  return { kind: 'once', at: due <= now ? now + retryMs : Math.max(due, now + MINUTE_MS) };
}

/** The retry after the `failures`-th run in a row with a failed job (the first: RETRY_MS). */
export function retryAfter(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_MS * 2 ** Math.min(Math.max(0, failures - 1), 8));
}

function failuresSoFar(context: JobContext): number {
  const n = Number(context.services.PropertiesService.getDocumentProperties().getProperty(FAILURES_KEY));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function earliest(times: readonly (number | null)[]): number | null {
  let min: number | null = null;
  for (const t of times) if (t !== null && Number.isFinite(t)) min = min === null ? t : Math.min(min, t);
  return min;
}

/** Sets the clock for `due` and records it for the bound script's minute gate; returns what was set. */
function setWake(context: JobContext, due: number | null, minuteClock: boolean, retryMs = RETRY_MS): { wake: Wake; scheduled: boolean } {
  const wake = wakeFor(due, context.now, context.spreadsheet.getSpreadsheetTimeZone(), minuteClock, retryMs);
  const scheduled = setClock(context.services, context.spreadsheet, wake, context.now);
  const properties = context.services.PropertiesService.getDocumentProperties();
  const next = due === null ? '' : String(due);
  if (properties.getProperty(NEXT_WAKE_KEY) !== next) properties.setProperty(NEXT_WAKE_KEY, next);
  return { wake, scheduled };
}

/** Sets the next wake-up from what the jobs have due (after a change trigger's sweep, a menu action, a save). */
export function schedule(
  context: JobContext,
  jobs: readonly ScheduledJob[],
  minuteClock: boolean,
  retryMs = RETRY_MS,
): { wake: Wake; scheduled: boolean } {
  return setWake(context, earliest(dueTimes(jobs, context)), minuteClock, retryMs);
}

/**
 * What the clock trigger runs: the next wake-up first (the earliest instant still ahead, or a retry
 * if work is due now), then every due job, each isolated, then the wake-up again from what is left.
 */
export function runDueJobs(context: JobContext, jobs: readonly ScheduledJob[], minuteClock: boolean): ScheduleReport {
  const due = dueTimes(jobs, context);
  const pending = jobs.filter((_, i) => due[i] !== null && due[i]! <= context.now);
  const ahead = earliest(due.filter((t) => t !== null && t > context.now));
  const failures = pending.length ? failuresSoFar(context) : 0;
  // If this run fails too, it is the next in a row.
  const retry = retryAfter(failures + 1);
  const first = setWake(context, pending.length ? Math.min(ahead ?? Infinity, context.now + retry) : ahead, minuteClock, retry);
  const ran: string[] = [];
  const failed: string[] = [];
  for (const job of pending) {
    try {
      job.run(context);
      ran.push(job.name);
    } catch (error) {
      failed.push(job.name);
      console.error(`Sales KPI: scheduled job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!pending.length) return { ran, failed, ...first };
  const properties = context.services.PropertiesService.getDocumentProperties();
  if (failed.length) properties.setProperty(FAILURES_KEY, String(failures + 1));
  else if (failures) properties.deleteProperty(FAILURES_KEY);
  return { ran, failed, ...schedule(context, jobs, minuteClock, failed.length ? retryAfter(failures + 1) : RETRY_MS) };
}

/**
 * After a run that failed before its jobs were done (a service error outside them): a retry clock,
 * best effort, so that the failure does not end the chain. A run that was killed gets nothing more.
 */
export function retryAfterFailure(context: JobContext, minuteClock: boolean): void {
  try {
    setWake(context, context.now, minuteClock, retryAfter(failuresSoFar(context) + 1));
  } catch {
    // The next change or menu action sets the clock again.
  }
}
