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
