// The tracker read once for everything computed from it (the summary, the weekly record, the digest):
// each mapped source read in one call, typed, with the lead watch's log.
import type { Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { ui } from '../i18n/ui';
import type { Settings } from '../settings/schema';
import { readSheetValues, WATCH_LOG_KEY, isOwnedSheet } from '../sheets';
import { actionsInLog } from '../watch/log';
import { firstDayOfWeek } from '../metrics/calendar';
import { columnIndex } from '../tracker/headers';
import { dayOrderOfLocale, zoneClock, type ZoneClock } from '../tracker/dates';
import { makeFunnel } from '../tracker/stages';
import { statusWords } from '../tracker/statuses';
import { historyPaths, readHistoryRows } from '../tracker/history';
import {
  type MissingColumn,
  plausibleDates,
  readActivities,
  readDeals,
  readLeads,
  type ReadContext,
  type SkipNote,
} from '../tracker/table';
import type { SummaryInput } from './figures';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Everything the figures need but the period: the tracker as read now. */
export type TrackerData = Omit<SummaryInput, 'range' | 'now'>;

export interface TrackerRead {
  data: TrackerData;
  clock: ZoneClock;
  locale: string;
  /** Each read sheet's values by name (read once). */
  values: (name: string) => unknown[][];
}

/** What stops a build before anything is changed, as a sentence saying what to do. */
export function sourceProblem(settings: Settings, spreadsheet: Spreadsheet, language: Language): string | null {
  const deals = settings.sources.deals;
  if (!deals) return ui(language, 'summaryNoDeals');
  for (const kind of ['deals', 'activities', 'leads', 'history'] as const) {
    const source = settings.sources[kind];
    if (source && !spreadsheet.getSheetByName(source.sheet)) {
      return ui(language, 'summarySheetMissing', { sheet: source.sheet, kind: summaryText[language].kinds[kind] });
    }
  }
  if (settings.funnel.length < 2) return ui(language, 'summaryNoFunnel');
  return null;
}

export function missingColumnText(error: MissingColumn, language: Language): string {
  return error.header === null
    ? ui(language, 'summaryRoleUnmapped', { role: error.role, sheet: error.sheet })
    : ui(language, 'summaryColumnMissing', { header: error.header, role: error.role, sheet: error.sheet });
}

/**
 * Reads the mapped sources (sourceProblem first: this assumes they exist). Throws MissingColumn
 * when a mapped column is gone.
 */
export function readTracker(spreadsheet: Spreadsheet, settings: Settings): TrackerRead {
  const cache = new Map<string, unknown[][]>();
  const values = (name: string) => {
    let v = cache.get(name);
    if (!v) cache.set(name, (v = readSheetValues(spreadsheet.getSheetByName(name)!)));
    return v;
  };
  const locale = spreadsheet.getSpreadsheetLocale();
  // Date cells mean calendar days in the spreadsheet's zone, whatever the script's zone is.
  const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
  const notes: SkipNote[] = [];
  const ctx: ReadContext = {
    order: () => dayOrderOfLocale(locale),
    wall: clock,
    words: statusWords(settings.wonWords, settings.lostWords),
    notes,
    plausible: plausibleDates(clock.now()),
  };
  const { deals: dealsSource, activities: activitiesSource, leads: leadsSource, history: historySource } = settings.sources;
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  // The stage history, read once into each deal's path: where lost deals were lost, time in stage.
  const history = historySource
    ? historyPaths(readHistoryRows(values(historySource.sheet), historySource, ctx), funnel, ctx.words, notes, historySource.columns.stage)
    : null;
  const deals = readDeals(values(dealsSource!.sheet), dealsSource!, funnel, ctx, history);
  const activities = activitiesSource ? readActivities(values(activitiesSource.sheet), activitiesSource, ctx) : null;
  const leads = leadsSource ? readLeads(values(leadsSource.sheet), leadsSource, ctx) : null;
  const watchLog = spreadsheet.getSheets().find((s) => isOwnedSheet(s, WATCH_LOG_KEY));
  const log = watchLog ? actionsInLog(values(watchLog.getName()), clock.wallOf) : { rerouted: [], escalated: [] };
  const data: TrackerData = {
    deals,
    activities,
    leads,
    reroutedAt: log.rerouted,
    escalatedAt: log.escalated,
    funnel,
    settings,
    notes,
    firstDay: firstDayOfWeek(locale),
  };
  return { data, clock, locale, values };
}

/** The number format of the amount column's first amount: where Sheets keeps the data's currency (one read). */
export function amountFormat(spreadsheet: Spreadsheet, source: NonNullable<Settings['sources']['deals']>, values: unknown[][]): string {
  const header = source.columns.amount;
  const column = header ? columnIndex(values[0] ?? [], header) : -1;
  if (column < 0 || values.length < 2) return '';
  return spreadsheet
    .getSheetByName(source.sheet)!
    .getRange(2, column + 1)
    .getNumberFormat();
}
