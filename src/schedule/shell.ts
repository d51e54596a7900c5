// Where the scheduler meets the entry points: the clock trigger's run (quietly nothing when the run
// cannot see the document) and the re-arming every change, menu action and check does.
import type { Language } from '../i18n/language';
import { isAddonInstall, type Services } from '../services';
import type { Settings } from '../settings/schema';
import { isWatchOn } from '../watch/job';
import { adoptFiredClock } from './clock';
import type { JobContext, ScheduledJob } from './job';
import { scheduledJobs } from './jobs';
import { retryAfterFailure, runDueJobs, schedule, type ScheduleReport } from './scheduler';
import { defaultSettings } from '../settings/schema';
import { CATCH_UP_AFTER_MS, catchUpRefresh } from '../refresh/formulas';
import { primeDigest, weeklyJobs } from '../weekly/index';

/**
 * Whether this run sees the document. A clock trigger of an add-on may not (undocumented;
 * dev/host/RULES.md): the spreadsheet, the document properties and the document lock are then
 * null, and nothing can be done until a change or a menu action, which set the clock again.
 */
export function seesDocument(services: Services): boolean {
  return Boolean(
    services.SpreadsheetApp.getActiveSpreadsheet() &&
      services.PropertiesService.getDocumentProperties() &&
      services.LockService.getDocumentLock(),
  );
}

export function jobContext(services: Services, language: Language, settings: Settings): JobContext {
  return { services, language, settings, now: Date.now(), spreadsheet: services.SpreadsheetApp.getActiveSpreadsheet() };
}

/** A bound script with the lead watch on wakes every minute (gated in Code.js); an add-on may not. */
function minuteClock(context: JobContext): boolean {
  return !isAddonInstall(context.services) && isWatchOn(context);
}

/** What the clock trigger runs (`triggerUid`: the trigger that fired, from its event). */
export function clockRun(context: JobContext, triggerUid?: unknown): ScheduleReport {
  adoptFiredClock(context.services, context.spreadsheet, triggerUid);
  const report = runDueJobs(context, scheduledJobs(), minuteClock(context));
  const weekly = new Set(weeklyJobs().map((job) => job.name));
  // The clock did the weekly work: an action's note that it was waiting is over.
  if (report.ran.some((name) => weekly.has(name)) && !report.failed.some((name) => weekly.has(name)))
    context.services.PropertiesService.getDocumentProperties().deleteProperty(DUE_SEEN_KEY);
  return report;
}

/**
 * After a clock run that failed outside its jobs (loading the settings, reading the triggers): a
 * retry clock, best effort, so that one server error does not end the chain.
 */
export function clockRetry(services: Services): void {
  try {
    if (!seesDocument(services)) return;
    const context: JobContext = {
      services,
      language: 'en',
      settings: defaultSettings(),
      now: Date.now(),
      spreadsheet: services.SpreadsheetApp.getActiveSpreadsheet(),
    };
    retryAfterFailure(context, minuteClock(context));
  } catch {
    // The next change or menu action sets the clock again.
  }
}

/**
 * When a change or menu action first found weekly work due (document properties). The first record is
 * due "now" until it is done, so its due instant alone cannot say how long the clock has had.
 */
export const DUE_SEEN_KEY = 'salesKpi.schedule.weeklyDueSeen';

function dueOrNow(job: ScheduledJob, context: JobContext): number | null {
  try {
    return job.dueAt(context);
  } catch {
    return context.now; // Its run says why.
  }
}

/**
 * The weekly record and digest when the clock has not done them CATCH_UP_AFTER_MS after they were due
 * (or after an action first found them due): where clock runs never see the document, or a trigger made
 * in a trigger run never fires, a change or a menu action is the only run that can. Each runs under the
 * document lock and only if still due, so the clock's run and this one never both send a digest. Never
 * fails the action; returns the jobs done.
 */
export function catchUpWeekly(context: JobContext): string[] {
  const ran: string[] = [];
  try {
    primeDigest(context);
    const properties = context.services.PropertiesService.getDocumentProperties();
    const jobs = weeklyJobs();
    const due = jobs.map((job) => dueOrNow(job, context));
    const pending = jobs.filter((_, i) => due[i] !== null && due[i]! <= context.now);
    const seenAt = Number(properties.getProperty(DUE_SEEN_KEY)) || null;
    if (!pending.length) {
      if (seenAt !== null) properties.deleteProperty(DUE_SEEN_KEY);
      return ran;
    }
    if (seenAt === null) properties.setProperty(DUE_SEEN_KEY, String(context.now));
    const since = Math.min(seenAt ?? context.now, ...due.filter((t): t is number => t !== null));
    if (since > context.now - CATCH_UP_AFTER_MS) return ran;
    let failed = false;
    for (const job of pending) {
      try {
        job.run(context);
        ran.push(job.name);
      } catch (error) {
        failed = true;
        console.error(`Sales KPI: catching up ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Done: the clock has its chance again next time. Failed: the next action tries at once.
    if (!failed) properties.deleteProperty(DUE_SEEN_KEY);
  } catch {
    // The clock's run, or the next action, tries again.
  }
  return ran;
}

/**
 * Sets the next wake-up from what is due, after finishing a cut or overdue formula refresh and the
 * overdue weekly jobs (the clock may never do them); never fails the action it follows. Returns whether
 * a trigger is set.
 */
export function keepClock(context: JobContext): boolean {
  catchUpRefresh(context);
  catchUpWeekly(context);
  try {
    return schedule(context, scheduledJobs(), minuteClock(context)).scheduled;
  } catch {
    return false;
  }
}
