// The KPI summary built by the DuckDB engine: the deals loaded into DuckDB, the figures from the SQL
// KPIs (src/sql), and the same sheet model and writer as Build KPI summary, run inside the host.
import type { Host } from '../host/index';
import { firstDayOfWeek } from '../../src/metrics/calendar';
import { languageOf } from '../../src/i18n/language';
import type { Services } from '../../src/services';
import type { Settings } from '../../src/settings/schema';
import { sqlSummaryFigures, withInMemorySections } from '../../src/sql/figures';
import type { KpiParams } from '../../src/sql/kpis';
import { summaryModel } from '../../src/summary/model';
import { periodRange, previousRange, sparkBuckets } from '../../src/summary/period';
import { writeSummary } from '../../src/summary/writer';
import type { SummaryFigures } from '../../src/summary/figures';
import { dayOrderOfLocale, zoneClock } from '../../src/tracker/dates';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { plausibleDates } from '../../src/tracker/table';
import { dealsFacts, loadDeals, openEngine, runDealKpis } from './duckdb';

export interface EngineSummary {
  figures: SummaryFigures;
  rows: number;
  /** The forecast, loss reasons and cohorts were left out: more deals than the engine keeps in memory. */
  partial: boolean;
  currencyInText: string;
  /** Seconds spent loading and querying. */
  loadSeconds: number;
  querySeconds: number;
}

/** The summary's figures for a deals CSV, computed by DuckDB; the host gives the locale, zone and clock. */
export async function duckdbFigures(
  host: Host,
  settings: Settings,
  deals: { path: string; delimiter: string },
  memoryLimit?: string,
): Promise<EngineSummary> {
  const source = settings.sources.deals!;
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
    const load = await loadDeals(engine, deals, source, funnel, ctx);
    const loaded = performance.now();
    const firstDay = firstDayOfWeek(locale);
    const range = periodRange(settings.period, now, firstDay);
    const previous = previousRange(range, firstDay);
    const buckets = sparkBuckets(range, now, firstDay);
    const params: KpiParams = {
      stages: funnel.names.length,
      range,
      now,
      stalledDays: settings.stalledDays,
      slaMinutes: settings.sla.minutes,
      spans: [range, ...buckets.spans, ...(previous ? [previous] : [])],
      tables: { deals: 'deals' },
    };
    const results = await runDealKpis(engine, params);
    const facts = await dealsFacts(engine, load);
    const sql = sqlSummaryFigures({ results, facts, funnel, settings, range, previous, sparkUnit: buckets.unit, now, notes: load.notes });
    const inMemory = load.table
      ? { deals: load.table, activities: null, leads: null, reroutedAt: [], funnel, settings, range, now, notes: [], firstDay }
      : null;
    const figures = withInMemorySections(sql, inMemory);
    return {
      figures,
      rows: load.rows,
      partial: !inMemory,
      currencyInText: load.currencyInText,
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
    const sources = (['deals', 'activities', 'leads'] as const).map((kind) => ({
      kind,
      sheet: settings.sources[kind]?.sheet ?? null,
      rows: kind === 'deals' ? built.rows : 0,
    }));
    const model = summaryModel({
      figures: built.figures,
      language,
      locale: spreadsheet.getSpreadsheetLocale(),
      now: clock.wallOf(new Date(host.clock.now())),
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
