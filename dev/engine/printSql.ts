// Prints every KPI query of src/sql in one dialect, for a period ending now (docs/sql.md):
//   npx tsx dev/engine/printSql.ts [duckdb|bigquery] [period]
import { PERIODS, type Period } from '../../src/settings/schema';
import { DIALECTS, type DialectName } from '../../src/sql/dialect';
import { KPIS } from '../../src/sql/kpis';
import { createTable, TABLES, type TableName } from '../../src/sql/tables';
import { headlineSpans, periodRange } from '../../src/summary/period';

const name = (process.argv[2] ?? 'bigquery') as DialectName;
const period = (process.argv[3] ?? 'this_month') as Period;
const d = DIALECTS[name];
if (!d || !PERIODS.includes(period)) {
  console.error(`Usage: npx tsx dev/engine/printSql.ts [${Object.keys(DIALECTS).join('|')}] [${PERIODS.join('|')}]`);
  process.exit(2);
}
const now = Date.now() - new Date().getTimezoneOffset() * 60_000;
const range = periodRange(period, now);
const { spans } = headlineSpans(range, now);
const tables = {
  deals: d.ident('deals'),
  leads: d.ident('leads'),
  activities: d.ident('activities'),
  history: d.ident('history'),
  stageDays: d.ident('stage_days'),
  openSince: d.ident('open_since'),
  dealKeys: d.ident('deal_keys'),
  activityDeals: d.ident('activity_deals'),
};
console.log(`-- The typed tables (one row per sheet row; wall times in the spreadsheet's zone)\n`);
for (const table of Object.keys(TABLES) as TableName[]) console.log(`${createTable(d, table)};\n`);
for (const kpi of KPIS) {
  const sql = kpi.sql(d, {
    stages: 5,
    range,
    now,
    stalledDays: 14,
    slaMinutes: 10,
    spans,
    tables,
  });
  console.log(`-- ${kpi.key}: ${kpi.about}\n${sql};\n`);
}
