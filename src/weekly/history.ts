// The weekly record (a scheduled job, and a step of every summary build): each week that has ended is
// written to the hidden KPI history — the first run back-fills the weeks the dated columns hold — and
// the deals open at the week's end to the open-deals sheet. Its only state is the last week recorded.
import type { Language } from '../i18n/language';
import { weeklyText } from '../i18n/weekly';
import { weekStart } from '../metrics/calendar';
import { WEEKLY_HOUR } from '../schedule/clock';
import type { ScheduledJob, JobContext } from '../schedule/job';
import type { Settings } from '../settings/schema';
import { textHash } from '../settings/seal';
import { readTracker, sourceProblem, type TrackerRead } from '../summary/sources';
import { MissingColumn } from '../tracker/table';
import { MS_PER_MINUTE, zoneClock } from '../tracker/dates';
import { firstDataWall, openDealsAt, recordWeek } from './record';
import { HISTORY_KEY, kpiCells, openDealCells, OPEN_DEALS_KEY, replaceWeeks, type OwnedSheetKind } from './store';
import { lastCompleteWeek, WEEK, weekLabel, weekOfLabel } from './weeks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RECORD_STATE_KEY = 'salesKpi.job.weeklyRecord';
/** Monday early in the spreadsheet's zone, the hour the scheduler's weekly trigger fires: one wake-up records the week, then sends the digest. */
export const RECORD_HOUR = WEEKLY_HOUR;

/** The open deals' weeks stay under a million cells (a tenth of a spreadsheet), however many deals are open. */
export const MAX_OPEN_DEAL_ROWS = 160_000;

export function historyKind(language: Language): OwnedSheetKind {
  const t = weeklyText[language];
  return { key: HISTORY_KEY, name: t.historySheet, header: t.historyHeader };
}

export function openDealsKind(language: Language): OwnedSheetKind {
  const t = weeklyText[language];
  return { key: OPEN_DEALS_KEY, name: t.openDealsSheet, header: t.openDealsHeader };
}

/** The last week recorded, from the job's state; null before the first record. */
export function lastRecorded(all: Record<string, string>): number | null {
  try {
    return weekOfLabel((JSON.parse(all[RECORD_STATE_KEY] ?? 'null') as { last?: string } | null)?.last);
  } catch {
    return null;
  }
}

/** What recording needs of a read: the tracker and its zone's clock (a build's read, or the deals npm start's DuckDB engine keeps). */
export type RecordRead = Pick<TrackerRead, 'data' | 'clock'>;

/** The weeks to write now: those after the last recorded, or (first run) as far back as the data and the settings' limit go. */
export function weeksToRecord(read: RecordRead, settings: Settings, last: number | null, nowWall: number): number[] {
  const end = lastCompleteWeek(nowWall);
  const oldest = end - (settings.weekly.keepWeeks - 1) * WEEK;
  const first = firstDataWall(read.data);
  const from = Math.max(oldest, last !== null ? last + WEEK : Number.isFinite(first) ? weekStart(first) : end);
  const weeks: number[] = [];
  for (let w = from; w <= end; w += WEEK) weeks.push(w);
  return weeks;
}

/**
 * Writes `weeks` to the history (each replacing what the sheet held for it) and, for the week just
 * ended, the deals open now; then the state. A run killed before the state is written is redone by
 * the next one, which replaces the same rows: nothing is written twice. `openDeals` false: the open
 * deals of the week just ended were written when it was first recorded, and stay as written then.
 */
export function recordWeeks(
  spreadsheet: Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  language: Language,
  read: RecordRead,
  weeks: number[],
  nowWall: number,
  openDeals = true,
): void {
  if (!weeks.length) return;
  const { settings } = read.data;
  const writtenAt = read.clock.dateOf(nowWall);
  const hash = textHash(JSON.stringify(settings));
  const keepFrom = lastCompleteWeek(nowWall) - (settings.weekly.keepWeeks - 1) * WEEK;
  const rows = weeks.flatMap((week) => recordWeek(read.data, week)).map((row) => kpiCells(row, hash, writtenAt));
  replaceWeeks(spreadsheet, historyKind(language), new Set(weeks), rows, keepFrom);
  const justEnded = lastCompleteWeek(nowWall);
  if (openDeals && weeks.includes(justEnded)) {
    const open = openDealsAt(read.data, justEnded, nowWall).map((row) => openDealCells(row, writtenAt));
    replaceWeeks(spreadsheet, openDealsKind(language), new Set([justEnded]), open, keepFrom, MAX_OPEN_DEAL_ROWS);
  }
  properties.setProperty(RECORD_STATE_KEY, JSON.stringify({ last: weekLabel(weeks[weeks.length - 1]) }));
}

/** What a summary build adds: the weeks not recorded yet, else the week just ended's KPIs again (its data may have changed). */
export function recordOnBuild(
  spreadsheet: Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  language: Language,
  read: RecordRead,
  nowWall: number,
): void {
  const last = lastRecorded(properties.getProperties());
  const weeks = weeksToRecord(read, read.data.settings, last, nowWall);
  // The week just ended again: its KPI rows only. Its open deals (tens of thousands of rows on a big
  // tracker) were written when it was first recorded; writing them on every build would cost more
  // than the summary itself.
  if (weeks.length) recordWeeks(spreadsheet, properties, language, read, weeks, nowWall);
  else recordWeeks(spreadsheet, properties, language, read, [lastCompleteWeek(nowWall)], nowWall, false);
}

/** The tracker, when it can be read as the summary reads it; null when the settings or sheets are not there (the summary says why). */
export function readForJob(context: JobContext): TrackerRead | null {
  if (sourceProblem(context.settings, context.spreadsheet, context.language)) return null;
  try {
    return readTracker(context.spreadsheet, context.settings);
  } catch (error) {
    if (error instanceof MissingColumn) return null;
    throw error;
  }
}

/** After a run that could not read the tracker: not before this instant (else every wake-up would try again). */
function retryAt(all: Record<string, string>): number {
  try {
    return Number((JSON.parse(all[RECORD_STATE_KEY] ?? 'null') as { retryAt?: number } | null)?.retryAt) || 0;
  } catch {
    return 0;
  }
}

export const weeklyRecordJob: ScheduledJob = {
  name: RECORD_STATE_KEY,
  dueAt(context) {
    if (!context.settings.sources.deals || context.settings.funnel.length < 2) return null;
    const all = context.services.PropertiesService.getDocumentProperties().getProperties();
    const last = lastRecorded(all);
    if (last === null) return Math.max(context.now, retryAt(all));
    const clock = zoneClock(context.spreadsheet.getSpreadsheetTimeZone());
    return Math.max(clock.dateOf(last + 2 * WEEK + RECORD_HOUR * 60 * MS_PER_MINUTE).getTime(), retryAt(all));
  },
  run(context) {
    const properties = context.services.PropertiesService.getDocumentProperties();
    const read = readForJob(context);
    if (!read) {
      // The sources are not there (the summary says what to fix): looked at again in a day.
      const last = lastRecorded(properties.getProperties());
      properties.setProperty(
        RECORD_STATE_KEY,
        JSON.stringify({ last: last === null ? null : weekLabel(last), retryAt: context.now + 24 * 60 * MS_PER_MINUTE }),
      );
      return;
    }
    const nowWall = read.clock.wallAt(context.now);
    recordWeeks(
      context.spreadsheet,
      properties,
      context.language,
      read,
      weeksToRecord(read, context.settings, lastRecorded(properties.getProperties()), nowWall),
      nowWall,
    );
  },
};
