// Build KPI summary (menu): read each mapped source once, compute in memory, write one sheet.
import type { Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { ui } from '../i18n/ui';
import type { Services } from '../services';
import type { Settings } from '../settings/schema';
import { MissingColumn } from '../tracker/table';
import { buildSummaryFromBigQuery } from './bigquery';
import { summaryFigures } from './figures';
import { summaryModel } from './model';
import { periodRange } from './period';
import { amountFormat, missingColumnText, readTracker, sourceProblem } from './sources';
import { weeklyOnBuild } from './weekly';
import { writeSummary } from './writer';

export function buildSummary(services: Services, language: Language, settings: Settings): void {
  // The deals in a BigQuery table: the KPIs are queried there (docs/sql.md, "BigQuery in the add-on").
  if (settings.bigquery) return buildSummaryFromBigQuery(services, language, settings, settings.bigquery);
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const theUi = services.SpreadsheetApp.getUi();
  const t = summaryText[language];
  const problem = sourceProblem(settings, spreadsheet, language);
  if (problem) {
    theUi.alert(ui(language, 'summaryTitle'), problem, theUi.ButtonSet.OK);
    return;
  }
  spreadsheet.toast(t.progressRead, ui(language, 'summaryTitle'));
  let read;
  try {
    read = readTracker(spreadsheet, settings);
  } catch (error) {
    if (!(error instanceof MissingColumn)) throw error;
    theUi.alert(ui(language, 'summaryTitle'), missingColumnText(error, language), theUi.ButtonSet.OK);
    return;
  }
  const { data, clock, locale, values } = read;
  const now = clock.now();
  const range = periodRange(settings.period, now, data.firstDay);
  const figures = summaryFigures({ ...data, range, now });
  // The stage history is listed only when set: most trackers have none.
  const sources = (['deals', 'activities', 'leads', 'history'] as const)
    .filter((kind) => kind !== 'history' || settings.sources.history)
    .map((kind) => {
      const source = settings.sources[kind];
      return { kind, sheet: source?.sheet ?? null, rows: source ? Math.max(0, values(source.sheet).length - 1) : 0 };
    });
  // The weekly record runs with every build (docs/weekly.md), then the review reads what it wrote.
  const weekly = weeklyOnBuild(
    spreadsheet,
    services.PropertiesService.getDocumentProperties(),
    services.LockService.getDocumentLock(),
    language,
    read,
    figures,
    now,
  );
  const dealsSource = settings.sources.deals!;
  const model = summaryModel({
    figures,
    language,
    locale,
    now,
    sources,
    weekly,
    currency: settings.currency,
    dataCurrency: {
      format: amountFormat(spreadsheet, dealsSource, values(dealsSource.sheet)),
      text: data.deals.currencyColumn || data.deals.currencyInText,
    },
  });
  spreadsheet.toast(t.progressWrite, ui(language, 'summaryTitle'));
  writeSummary(services, spreadsheet, model, clock.dateOf);
  spreadsheet.toast(t.done, ui(language, 'summaryTitle'));
}
