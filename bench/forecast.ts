// npm run backtest: the forecast made at the start of each quarter and month of 2017 on Maven's
// pipeline, from what was known then, against what was won — the table of docs/forecast.md.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { detectSettings } from '../src/settings/detect';
import { defaultSettings, type Period } from '../src/settings/schema';
import { forecastFigures, type ForecastFigures } from '../src/summary/figures/forecast';
import { periodRange } from '../src/summary/period';
import { dayOrderOfLocale, zoneClock } from '../src/tracker/dates';
import { makeFunnel } from '../src/tracker/stages';
import { statusWords } from '../src/tracker/statuses';
import { readDeals, type DealsTable } from '../src/tracker/table';

export const MAVEN_PIPELINE = fileURLToPath(new URL('../../shared/datasets/maven-crm/sales_pipeline.csv', import.meta.url));

export interface BacktestRow {
  period: Period;
  asOf: string;
  forecast: number;
  low: number;
  high: number;
  actual: number;
  /** (forecast − actual) ÷ actual. */
  error: number;
  held: boolean;
}

/** A deals CSV read as the summary reads a sheet: columns detected, stages and dates parsed. */
export function readDealsCsv(path: string) {
  const rows = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: 'greedy' }).data;
  const probe = { name: 'Deals', headers: rows[0], columnValues: (c: number) => rows.slice(1).map((r) => r[c]), dropdown: () => null };
  const { settings } = detectSettings([probe], defaultSettings(), [], { deals: 'Deals' });
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  const deals = readDeals(rows, settings.sources.deals!, funnel, {
    order: () => dayOrderOfLocale('en_US'),
    wall: zoneClock('UTC'),
    words: statusWords([], []),
    notes: [],
  });
  return { deals, funnel, settings };
}

/** The summary's forecast for a period as of a day (wall time, noon like npm start's --as-of). */
export function forecastAsOf(table: ReturnType<typeof readDealsCsv>, period: Period, day: string): ForecastFigures {
  const now = Date.parse(`${day}T12:00:00Z`);
  const range = periodRange(period, now);
  const settings = { ...table.settings, period };
  return forecastFigures({
    deals: table.deals,
    activities: null,
    leads: null,
    reroutedAt: [],
    funnel: table.funnel,
    settings,
    range,
    now,
    notes: [],
  });
}

/** What was won in a span: the revenue of deals won in [from, to). */
function wonBetween(deals: DealsTable, from: number, to: number): number {
  let sum = 0;
  for (let r = 0; r < deals.length; r++)
    if (deals.status[r] === 'won' && deals.closed[r] >= from && deals.closed[r] < to) sum += deals.amount[r];
  return sum;
}

export function backtest(path = MAVEN_PIPELINE): BacktestRow[] {
  const table = readDealsCsv(path);
  const runs: [Period, string][] = [
    ...['2017-04-01', '2017-07-01', '2017-10-01'].map((d): [Period, string] => ['this_quarter', d]),
    ...Array.from({ length: 9 }, (_, i): [Period, string] => ['this_month', `2017-${String(i + 4).padStart(2, '0')}-01`]),
  ];
  return runs.map(([period, asOf]) => {
    const f = forecastAsOf(table, period, asOf);
    const actual = wonBetween(table.deals, f.from, f.to);
    return {
      period,
      asOf,
      forecast: f.team.point,
      low: f.team.low,
      high: f.team.high,
      actual,
      error: (f.team.point - actual) / actual,
      held: f.team.low <= actual && actual <= f.team.high,
    };
  });
}

/** Mean absolute error and how often the range held, per kind of period. */
export function backtestSummary(rows: readonly BacktestRow[], period: Period): { mae: number; held: number; runs: number } {
  const mine = rows.filter((r) => r.period === period);
  return { mae: mine.reduce((s, r) => s + Math.abs(r.error), 0) / mine.length, held: mine.filter((r) => r.held).length, runs: mine.length };
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(MAVEN_PIPELINE)) {
    console.log(`No ${MAVEN_PIPELINE}: the backtest needs ../shared/datasets beside the repository.`);
  } else {
    const rows = backtest();
    console.log('| Period | As of | Forecast | 80 % range | Won | Error | Range held |');
    console.log('|---|---|---:|---:|---:|---:|:---:|');
    for (const r of rows)
      console.log(
        `| ${r.period === 'this_quarter' ? 'quarter' : 'month'} | ${r.asOf} | ${money(r.forecast)} | ${money(r.low)} – ${money(r.high)} | ${money(r.actual)} | ${pct(r.error)} | ${r.held ? 'yes' : 'no'} |`,
      );
    for (const period of ['this_quarter', 'this_month'] as const) {
      const s = backtestSummary(rows, period);
      console.log(
        `\n${period === 'this_quarter' ? 'Quarters' : 'Months'}: mean absolute error ${(s.mae * 100).toFixed(1)} %, range held ${s.held} of ${s.runs}.`,
      );
    }
  }
}
