// Where the scheduler meets the entry points: the clock trigger's run (quietly nothing when the run
// cannot see the document) and the re-arming every change, menu action and check does.
import type { Language } from '../i18n/language';
import { isAddonInstall, type Services } from '../services';
import type { Settings } from '../settings/schema';
import { isWatchOn } from '../watch/job';
import { adoptFiredClock } from './clock';
import type { JobContext } from './job';
import { scheduledJobs } from './jobs';
import { retryAfterFailure, runDueJobs, schedule, type ScheduleReport } from './scheduler';
import { defaultSettings } from '../settings/schema';
import { catchUpRefresh } from '../refresh/formulas';

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
  return runDueJobs(context, scheduledJobs(), minuteClock(context));
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
 * Sets the next wake-up from what is due, after finishing a cut or overdue formula refresh (the clock
 * may never do it); never fails the action it follows. Returns whether a trigger is set.
 */
export function keepClock(context: JobContext): boolean {
  catchUpRefresh(context);
  try {
    return schedule(context, scheduledJobs(), minuteClock(context)).scheduled;
  } catch {
    return false;
  }
}
