// One piece of work the add-on's single clock trigger runs when it is due (lead deadlines, the weekly record, the digest, the daily formula refresh).
import type { Language } from '../i18n/language';
import type { Services } from '../services';
import type { Settings } from '../settings/schema';

export interface JobContext {
  services: Services;
  language: Language;
  settings: Settings;
  /** The run's instant, epoch ms. */
  now: number;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
}

export interface ScheduledJob {
  /** Stable name: the key of the job's own state in document properties. */
  readonly name: string;
  /** The earliest instant (epoch ms) at which this job has work — may be in the past — or null for none. */
  dueAt(context: JobContext): number | null;
  /** Does what is due at context.now. Idempotent and crash-safe: a run killed or failing at any service call is completed by the next run, never repeated. */
  run(context: JobContext): void;
}

/** How long a job waits for the document lock (a save, a sweep or another run finishes first). */
const LOCK_WAIT_MS = 10_000;

/**
 * The job run under the document lock, and only if it is still due once the lock is held: the clock's
 * run and a catch-up at a change or menu action (src/schedule/shell.ts) cannot both do it — a digest is
 * never sent twice. A lock that stays busy fails the run, so the scheduler tries again later.
 */
export function underDocumentLock(job: ScheduledJob): ScheduledJob {
  return {
    name: job.name,
    dueAt: (context) => job.dueAt(context),
    run(context) {
      const lock = context.services.LockService.getDocumentLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error(`the document stayed busy; ${job.name} is tried again later`);
      try {
        let due: number | null;
        try {
          due = job.dueAt(context);
        } catch {
          due = context.now; // Its run says why.
        }
        if (due !== null && due <= context.now) job.run(context);
      } finally {
        lock.releaseLock();
      }
    },
  };
}
