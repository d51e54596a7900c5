// Build KPI summary (menu): read each mapped source once, compute in memory, write one sheet.
import type { Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { ui } from '../i18n/ui';
import type { Services } from '../services';
import type { Settings } from '../settings/schema';
import { readSheetValues, WATCH_LOG_KEY, isOwnedSheet } from '../sheets';
import { actionsInLog } from '../watch/log';
import { firstDayOfWeek } from '../metrics/calendar';
import { columnIndex } from '../tracker/headers';
import { dayOrderOfLocale, zoneClock } from '../tracker/dates';
import { makeFunnel } from '../tracker/stages';
import { statusWords } from '../tracker/statuses';
import { historyPaths, readHistoryRows } from '../tracker/history';
import { MissingColumn, plausibleDates, readActivities, readDeals, readLeads, type ReadContext, type SkipNote } from '../tracker/table';
import { summaryFigures } from './figures';
import { summaryModel } from './model';
import { periodRange } from './period';
import { writeSummary } from './writer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What stops a build before anything is changed, as a sentence saying what to do. */
function sourceProblem(settings: Settings, spreadsheet: Spreadsheet, language: Language): string | null {
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

function missingColumnText(error: MissingColumn, language: Language): string {
  return error.header === null
    ? ui(language, 'summaryRoleUnmapped', { role: error.role, sheet: error.sheet })
    : ui(language, 'summaryColumnMissing', { header: error.header, role: error.role, sheet: error.sheet });
}

/** The number format of the amount column's first amount: where Sheets keeps the data's currency (one read). */
function amountFormat(spreadsheet: Spreadsheet, source: NonNullable<Settings['sources']['deals']>, values: unknown[][]): string {
  const header = source.columns.amount;
  const column = header ? columnIndex(values[0] ?? [], header) : -1;
  if (column < 0 || values.length < 2) return '';
  return spreadsheet.getSheetByName(source.sheet)!.getRange(2, column + 1).getNumberFormat();
}

export function buildSummary(services: Services, language: Language, settings: Settings): void {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const theUi = services.SpreadsheetApp.getUi();
  const t = summaryText[language];
  const problem = sourceProblem(settings, spreadsheet, language);
  if (problem) {
    theUi.alert(ui(language, 'summaryTitle'), problem, theUi.ButtonSet.OK);
    return;
  }
  spreadsheet.toast(t.progressRead, ui(language, 'summaryTitle'));
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
  const ctx: ReadContext = { order: () => dayOrderOfLocale(locale), wall: clock, words: statusWords(settings.wonWords, settings.lostWords), notes, plausible: plausibleDates(clock.now()) };
  const { deals: dealsSource, activities: activitiesSource, leads: leadsSource, history: historySource } = settings.sources;
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  let input;
  try {
    // The stage history, read once into each deal's path: where lost deals were lost, time in stage.
    const history = historySource ? historyPaths(readHistoryRows(values(historySource.sheet), historySource, ctx), funnel, ctx.words, notes, historySource.columns.stage) : null;
    input = {
      deals: readDeals(values(dealsSource!.sheet), dealsSource!, funnel, ctx, history),
      activities: activitiesSource ? readActivities(values(activitiesSource.sheet), activitiesSource, ctx) : null,
      leads: leadsSource ? readLeads(values(leadsSource.sheet), leadsSource, ctx) : null,
    };
  } catch (error) {
    if (!(error instanceof MissingColumn)) throw error;
    theUi.alert(ui(language, 'summaryTitle'), missingColumnText(error, language), theUi.ButtonSet.OK);
    return;
  }
  const now = clock.now();
  const watchLog = spreadsheet.getSheets().find((s) => isOwnedSheet(s, WATCH_LOG_KEY));
  const log = watchLog ? actionsInLog(values(watchLog.getName()), clock.wallOf) : { rerouted: [], escalated: [] };
  const firstDay = firstDayOfWeek(locale);
  const range = periodRange(settings.period, now, firstDay);
  const figures = summaryFigures({ ...input, reroutedAt: log.rerouted, escalatedAt: log.escalated, funnel, settings, range, now, notes, firstDay });
  // The stage history is listed only when set: most trackers have none.
  const sources = (['deals', 'activities', 'leads', 'history'] as const)
    .filter((kind) => kind !== 'history' || settings.sources.history)
    .map((kind) => {
      const source = settings.sources[kind];
      return { kind, sheet: source?.sheet ?? null, rows: source ? Math.max(0, values(source.sheet).length - 1) : 0 };
    });
  const model = summaryModel({ figures, language, locale, now, sources, currency: settings.currency, dataCurrency: { format: amountFormat(spreadsheet, dealsSource!, values(dealsSource!.sheet)), text: input.deals.currencyColumn || input.deals.currencyInText } });
  spreadsheet.toast(t.progressWrite, ui(language, 'summaryTitle'));
  writeSummary(services, spreadsheet, model, clock.dateOf);
  spreadsheet.toast(t.done, ui(language, 'summaryTitle'));
}
