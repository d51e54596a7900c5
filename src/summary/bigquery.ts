// Build KPI summary from a BigQuery table (docs/sql.md, "BigQuery in the add-on"): the KPI queries
// as query jobs, the figures by the same metrics as a sheet's, the same sheet written the same safe
// way. Every refusal, and anything to fix first, is one dialog line; the sheet is left as it was.
import { BigQueryProblem, runQuery } from '../bigquery/jobs';
import { bigQueryBuildText, bigQueryProblemText, bigQuerySettingsText } from '../i18n/bigquery';
import type { Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { ui } from '../i18n/ui';
import { firstDayOfWeek } from '../metrics/calendar';
import type { Services } from '../services';
import { bigQuerySettingsProblem, bytesOfGigabytes, readTableId, type TableId } from '../settings/bigquery';
import type { BigQuerySettings, Settings } from '../settings/schema';
import { bigquery } from '../sql/dialect';
import { sqlSummaryFigures, type DealsFacts, type KpiResults } from '../sql/figures';
import { DEAL_KPIS, labelledSql, type KpiParams } from '../sql/kpis';
import { warehouseDeals } from '../sql/warehouse';
import { zoneClock } from '../tracker/dates';
import type { SkipNote } from '../tracker/table';
import { makeFunnel } from '../tracker/stages';
import { summaryModel } from './model';
import { periodRange, headlineSpans } from './period';
import { writeSummary } from './writer';

/** Polling stops this long after the build started: the run has six minutes, and the sheet is still to write. */
const QUERY_BUDGET_MS = 4 * 60_000;

interface FactsRow {
  manager_key: string;
  first_created: number | null;
  deals: number;
  blank_stage: number;
  lost_unknown: number;
}

interface SkippedRow {
  stage: string;
  deals: number;
  unknown_stage: number;
}

/** What stops the build before any query: the service missing from this build, the source's settings, the funnel. */
function buildProblem(services: Services, language: Language, settings: Settings, bq: BigQuerySettings): string | null {
  if (!services.BigQuery || !services.Utilities) return bigQueryBuildText(language, 'noService');
  const problem = bigQuerySettingsProblem(bq);
  if (problem) return bigQueryBuildText(language, 'fix', { what: bigQuerySettingsText(language, problem.key) });
  if (settings.funnel.length < 2) return bigQueryBuildText(language, 'noFunnel');
  return null;
}

/** Every deals KPI as one query job each; a refusal is thrown as a BigQueryProblem before anything is written. */
function runKpis(
  services: Services,
  bq: BigQuerySettings,
  id: TableId,
  params: KpiParams,
): { results: KpiResults; facts: FactsRow[]; skipped: SkippedRow[] } {
  const started = Date.now();
  const out: Record<string, unknown> = {};
  for (const k of DEAL_KPIS) {
    const rows = runQuery(services.BigQuery!.Jobs, labelledSql(bigquery, k.key, params), {
      projectId: bq.billingProject || id.project,
      maximumBytesBilled: bytesOfGigabytes(bq.maxGigabytesBilled),
      sleep: (ms) => services.Utilities!.sleep(ms),
      budgetMs: Math.max(1, QUERY_BUDGET_MS - (Date.now() - started)),
      location: bq.location || undefined,
    });
    out[k.key] = k.oneRow ? rows[0] : rows;
  }
  return { results: out as unknown as KpiResults, facts: out.facts as FactsRow[], skipped: out.skipped as SkippedRow[] };
}

function factsOf(rows: FactsRow[], bq: BigQuerySettings): DealsFacts & { rows: number } {
  let firstCreated = Infinity;
  let total = 0;
  for (const r of rows) {
    if (r.first_created !== null && r.first_created < firstCreated) firstCreated = r.first_created;
    total += r.deals;
  }
  return {
    hasAmount: Boolean(bq.columns.amount),
    placesLost: Boolean(bq.columns.lost_stage),
    managerKeys: new Set(rows.map((r) => r.manager_key).filter(Boolean)),
    firstCreated,
    rows: total,
  };
}

/** The data notes a sheet's reading gives, from the counts: rows without a stage or with one not in the funnel, lost deals placed nowhere. */
function notesOf(ran: { facts: FactsRow[]; skipped: SkippedRow[] }, bq: BigQuerySettings): SkipNote[] {
  const sum = (pick: (r: FactsRow) => number) => ran.facts.reduce((total, r) => total + pick(r), 0);
  const stage = bq.columns.stage;
  const notes: SkipNote[] = [];
  const blank = sum((r) => r.blank_stage);
  if (blank) notes.push({ source: 'deals', reason: 'blank', rows: blank, column: stage, examples: [] });
  const unknown = ran.skipped[0]?.unknown_stage ?? 0;
  if (unknown)
    notes.push({
      source: 'deals',
      reason: 'unknownStage',
      rows: unknown,
      column: stage,
      // A table has no row numbers: the commonest names stand for the rows.
      examples: ran.skipped.map((r) => ({ row: 0, value: r.stage.slice(0, 60) })),
    });
  const lost = sum((r) => r.lost_unknown);
  if (lost) notes.push({ source: 'deals', reason: 'lostUnknownStage', rows: lost, column: stage ?? bq.columns.status, examples: [] });
  return notes;
}

export function buildSummaryFromBigQuery(services: Services, language: Language, settings: Settings, bq: BigQuerySettings): void {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const theUi = services.SpreadsheetApp.getUi();
  const title = ui(language, 'summaryTitle');
  const problem = buildProblem(services, language, settings, bq);
  if (problem) {
    theUi.alert(title, problem, theUi.ButtonSet.OK);
    return;
  }
  const id = readTableId(bq.table) as TableId;
  const table = `${id.project}.${id.dataset}.${id.table}`;
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const clock = zoneClock(zone);
  const locale = spreadsheet.getSpreadsheetLocale();
  const now = clock.now();
  const firstDay = firstDayOfWeek(locale);
  const range = periodRange(settings.period, now, firstDay);
  const { spans, previous, sparkUnit } = headlineSpans(range, now, firstDay);
  const params: KpiParams = {
    stages: settings.funnel.length,
    range,
    now,
    stalledDays: settings.stalledDays,
    slaMinutes: settings.sla.minutes,
    spans,
    tables: { deals: bigquery.ident(table) },
    warehouse: warehouseDeals(table, settings, bq.columns, zone),
  };
  spreadsheet.toast(bigQueryBuildText(language, 'progressQuery'), title);
  let ran: ReturnType<typeof runKpis>;
  try {
    ran = runKpis(services, bq, id, params);
  } catch (error) {
    if (!(error instanceof BigQueryProblem)) throw error;
    const limit = `${bq.maxGigabytesBilled} GB`;
    const text = bigQueryProblemText(language, error.kind, {
      project: id.project,
      table,
      limit,
      detail: error.detail.replace(/\s+/g, ' ').slice(0, 200),
    });
    theUi.alert(title, text, theUi.ButtonSet.OK);
    return;
  }
  const facts = factsOf(ran.facts, bq);
  // The notes name the table's columns: the figures read the BigQuery source as the deals source.
  const asDeals = { sheet: table, columns: bq.columns, stageColumns: [] };
  const figures = sqlSummaryFigures({
    results: ran.results,
    facts,
    funnel: makeFunnel(settings.funnel, 'funnel', settings.stageAliases),
    settings: { ...settings, sources: { ...settings.sources, deals: asDeals } },
    range,
    previous,
    sparkUnit,
    now,
    notes: notesOf(ran, bq),
  });
  const model = summaryModel({
    figures,
    language,
    locale,
    now,
    sources: [{ kind: 'deals', sheet: table, rows: facts.rows }],
    currency: settings.currency,
  });
  spreadsheet.toast(summaryText[language].progressWrite, title);
  writeSummary(services, spreadsheet, model, clock.dateOf);
  spreadsheet.toast(summaryText[language].done, title);
}
