// The KPI summary built by the DuckDB engine: the deals loaded into DuckDB, the figures from the SQL
// KPIs (src/sql), and the same sheet model and writer as Build KPI summary, run inside the host.
import type { Host } from '../host/index';
import { firstDayOfWeek } from '../../src/metrics/calendar';
import { languageOf } from '../../src/i18n/language';
import type { Services } from '../../src/services';
import type { Settings } from '../../src/settings/schema';
import { sqlSummaryFigures, stalledThresholds, withInMemorySections, withPricedStalled } from '../../src/sql/figures';
import { withWorkingHoursResponse } from '../../src/sql/workingHours';
import type { KpiParams } from '../../src/sql/kpis';
import { summaryModel } from '../../src/summary/model';
import { periodRange, headlineSpans } from '../../src/summary/period';
import type { TrackerData } from '../../src/summary/sources';
import { weeklyOnBuild } from '../../src/summary/weekly';
import { writeSummary } from '../../src/summary/writer';
import type { SummaryFigures } from '../../src/summary/figures';
import { dayOrderOfLocale, zoneClock } from '../../src/tracker/dates';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { plausibleDates } from '../../src/tracker/table';
import type { Funnel } from '../../src/tracker/stages';
import type { ReadContext } from '../../src/tracker/table';
import { CsvProblem } from './csv';
import {
  type CsvFile,
  dealsFacts,
  type Engine,
  KEEP_ROWS,
  loadActivities,
  loadDeals,
  loadHistory,
  loadLeads,
  openEngine,
  runDealKpis,
  runSourceKpis,
} from './duckdb';

export { KEEP_ROWS };

export interface EngineSummary {
  figures: SummaryFigures;
  rows: number;
  /** Rows of each other source loaded (for the summary's list of sources). */
  sourceRows: Partial<Record<'activities' | 'leads' | 'history', number>>;
  /** The forecast, loss reasons, cohorts and weekly sections were left out: more deals than the engine keeps in memory. */
  partial: boolean;
  /** Every source given, as the tracker read it, when each is small enough to keep in memory: the weekly sections are computed from it; null leaves them out. */
  tracker: TrackerData | null;
  currencyInText: string;
  /** Lead response was measured in working hours, by the JavaScript from the leads in memory (not SQL). */
  workingHours: boolean;
  /** Seconds spent loading and querying. */
  loadSeconds: number;
  querySeconds: number;
}

/** The CSV files the engine reads: deals, and the other sources given. */
export type EngineFiles = { deals: CsvFile } & Partial<Record<'activities' | 'leads' | 'history', CsvFile>>;

/**
 * Loads every given source (the history first: the deals are typed with its paths); the notes in the
 * order a build's reading makes them. The activities and leads are kept in memory only beside the deals.
 */
async function loadAll(engine: Engine, settings: Settings, files: EngineFiles, funnel: Funnel, ctx: ReadContext) {
  const { sources } = settings;
  const history = files.history && sources.history ? await loadHistory(engine, files.history, sources.history, funnel, ctx) : null;
  const deals = await loadDeals(engine, files.deals, sources.deals!, funnel, ctx, KEEP_ROWS, {
    history: history?.paths,
    idKeys: files.activities !== undefined,
  });
  const keep = deals.table ? KEEP_ROWS : 0;
  const activities =
    files.activities && sources.activities
      ? await loadActivities(engine, files.activities, sources.activities, ctx, settings.effectiveTouches, keep)
      : null;
  const leads = files.leads && sources.leads ? await loadLeads(engine, files.leads, sources.leads, ctx, keep) : null;
  const notes = [...(history?.notes ?? []), ...deals.notes, ...(activities?.notes ?? []), ...(leads?.notes ?? [])];
  return { deals, activities, leads, history, notes };
}

/** Every source given as the tracker read it, when each was kept in memory; else null. */
function trackerInMemory(
  load: Awaited<ReturnType<typeof loadAll>>,
  settings: Settings,
  funnel: Funnel,
  firstDay: number,
): TrackerData | null {
  const kept = (source: { table: unknown } | null) => source === null || source.table !== null;
  if (!load.deals.table || !kept(load.activities) || !kept(load.leads)) return null;
  const activities = load.activities?.table ?? null;
  const leads = load.leads?.table ?? null;
  return { deals: load.deals.table, activities, leads, reroutedAt: [], escalatedAt: [], funnel, settings, notes: [], firstDay };
}

/** The summary's figures for the CSV files, computed by DuckDB; the host gives the locale, zone and clock. */
export async function duckdbFigures(host: Host, settings: Settings, files: EngineFiles, memoryLimit?: string): Promise<EngineSummary> {
  const locale = host.book.locale;
  const clock = zoneClock(host.book.timeZone);
  const now = clock.wallOf(new Date(host.clock.now()));
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  const ctx = {
    order: () => dayOrderOfLocale(locale),
    wall: clock,
    words: statusWords(settings.wonWords, settings.lostWords),
    notes: [],
    plausible: plausibleDates(now),
  };
  const engine = await openEngine(memoryLimit);
  try {
    const started = performance.now();
    const load = await loadAll(engine, settings, files, funnel, ctx);
    const loaded = performance.now();
    const firstDay = firstDayOfWeek(locale);
    const range = periodRange(settings.period, now, firstDay);
    const { spans, previous, sparkUnit } = headlineSpans(range, now, firstDay);
    const params: KpiParams = {
      stages: funnel.names.length,
      range,
      now,
      stalledDays: settings.stalledDays,
      stalledDaysByStage: stalledThresholds(settings, funnel),
      slaMinutes: settings.sla.minutes,
      spans,
      tables: {
        deals: 'deals',
        stageDays: 'stage_days',
        openSince: 'open_since',
        ...(load.activities ? { activities: 'activities', dealKeys: 'deal_keys', activityDeals: 'activity_deals' } : {}),
        ...(load.leads ? { leads: 'leads' } : {}),
      },
    };
    const results = await runDealKpis(engine, params);
    const sources = await runSourceKpis(engine, params, { timed: load.deals.timed });
    const facts = await dealsFacts(engine, load.deals, params.tables);
    const sql = sqlSummaryFigures({
      results,
      facts,
      funnel,
      settings,
      range,
      previous,
      sparkUnit,
      now,
      notes: load.notes,
      sources,
    });
    const tracker = trackerInMemory(load, settings, funnel, firstDay);
    const table = load.deals.table;
    const inMemory = table
      ? { deals: table, activities: null, leads: null, reroutedAt: [], funnel, settings, range, now, notes: [], firstDay }
      : null;
    const workingHours = load.leads !== null && settings.sla.workingHours !== null;
    if (workingHours && (!inMemory || !load.leads?.table))
      throw new CsvProblem(
        `--engine duckdb measures lead response in working hours only up to ${KEEP_ROWS.toLocaleString('en-US')} deals and leads: remove sla.workingHours from the settings for calendar time.`,
      );
    const inMemorySections = withInMemorySections(sql, inMemory);
    const figures = tracker ? withPricedStalled(inMemorySections, { ...tracker, range, now }) : inMemorySections;
    return {
      figures: workingHours ? withWorkingHoursResponse(figures, { ...inMemory!, leads: load.leads!.table }) : figures,
      workingHours,
      tracker,
      rows: load.deals.rows,
      sourceRows: { activities: load.activities?.rows, leads: load.leads?.rows, history: load.history?.rows },
      partial: !inMemory,
      currencyInText: load.deals.currencyInText,
      loadSeconds: (loaded - started) / 1000,
      querySeconds: (performance.now() - loaded) / 1000,
    };
  } finally {
    engine.close();
  }
}

/** Writes the summary sheet from the engine's figures as Build KPI summary would, as one run in the host. */
export function writeEngineSummary(host: Host, settings: Settings, built: EngineSummary): void {
  const context = host.context as unknown as Services & Record<string, unknown>;
  context.__engineSummary = () => {
    const spreadsheet = context.SpreadsheetApp.getActiveSpreadsheet();
    const language = languageOf(context.Session.getActiveUserLocale());
    const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
    const source = settings.sources.deals!;
    const sheet = spreadsheet.getSheetByName(source.sheet)!;
    const amountColumn = source.columns.amount
      ? (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]).findIndex(
          (h) => String(h).trim() === source.columns.amount,
        )
      : -1;
    const format = amountColumn >= 0 && sheet.getLastRow() >= 2 ? sheet.getRange(2, amountColumn + 1).getNumberFormat() : '';
    // As Build KPI summary lists them: the stage history only when set.
    const sources = (['deals', 'activities', 'leads', 'history'] as const)
      .filter((kind) => kind !== 'history' || settings.sources.history)
      .map((kind) => ({
        kind,
        sheet: settings.sources[kind]?.sheet ?? null,
        rows: kind === 'deals' ? built.rows : (built.sourceRows[kind] ?? 0),
      }));
    const now = clock.wallOf(new Date(host.clock.now()));
    // As Build KPI summary: the weeks recorded into the hidden KPI history, then reviewed (docs/weekly.md).
    const properties = context.PropertiesService.getDocumentProperties();
    const weekly = built.tracker
      ? weeklyOnBuild(
          spreadsheet,
          properties,
          context.LockService.getDocumentLock(),
          language,
          { data: built.tracker, clock },
          built.figures,
          now,
        )
      : undefined;
    const model = summaryModel({
      figures: built.figures,
      weekly,
      language,
      locale: spreadsheet.getSpreadsheetLocale(),
      now,
      sources,
      currency: settings.currency,
      dataCurrency: { format, text: built.currencyInText },
    });
    writeSummary(context, spreadsheet, model, clock.dateOf);
  };
  try {
    host.run('__engineSummary');
  } finally {
    delete context.__engineSummary;
  }
}
