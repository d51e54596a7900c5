// The weekly step of every summary build (docs/weekly.md): the weeks not recorded yet written to the
// hidden KPI history, then This week, Trends and Pipeline change read back from it. Build KPI summary
// takes it with the tracker it read; npm start's DuckDB engine with the sources it keeps in memory.
import type { Language } from '../i18n/language';
import { recordOnBuild, type RecordRead } from '../weekly/history';
import { weeklyReview } from '../weekly/reviewShell';
import type { SummaryFigures } from './figures';
import type { WeeklyReview } from './model';

/** How long the record waits for the document lock: the clock's weekly record (or a catch-up) may be writing the same sheet. */
const LOCK_WAIT_MS = 10_000;

export function weeklyOnBuild(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  lock: GoogleAppsScript.Lock.Lock,
  language: Language,
  read: RecordRead,
  figures: SummaryFigures,
  nowWall: number,
): WeeklyReview {
  // Busy: the run that holds it records the weeks; the review reads the history as it stands.
  if (lock.tryLock(LOCK_WAIT_MS)) {
    try {
      recordOnBuild(spreadsheet, properties, language, read, nowWall);
    } finally {
      lock.releaseLock();
    }
  }
  return weeklyReview(spreadsheet, language, read, figures, nowWall);
}
