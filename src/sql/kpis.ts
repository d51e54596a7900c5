// The KPI summary's definitions as SQL, written once and printed in either dialect (docs/sql.md).
// Each query reads the typed tables of src/sql/tables.ts and returns small result sets that the
// summary assembles exactly as it does the JavaScript figures (src/summary/figures/).
import { normalQuantile } from '../metrics/stats';
import { daysOf, numberLiteral, type Dialect } from './dialect';
import { warehouseView, type WarehouseDeals } from './warehouse';

/** Milliseconds since 1970 of wall times; ±Infinity for an open end (all time). */
export interface SqlSpan {
  from: number;
  to: number;
}

export interface KpiParams {
  /** How many funnel stages (furthest and lost_at are 0-based indexes into them). */
  stages: number;
  range: SqlSpan;
  /** The report's "now" as a wall time. */
  now: number;
  stalledDays: number;
  slaMinutes: number;
  /** Stages' own stalled thresholds (funnel index, days); with `openSince`, time in the stage counts too. */
  stalledDaysByStage?: readonly { stage: number; days: number }[];
  /** The headline's spans: the period, the sparkline's buckets, the previous period. */
  spans: readonly SqlSpan[];
  /** The table each source is in (a name, quoted by the dialect). */
  tables: {
    deals: string;
    leads?: string;
    activities?: string;
    history?: string;
    /** The tracker's measured days per deal and stage, and since when each deal is in its stage (src/sql/tables.ts). */
    stageDays?: string;
    openSince?: string;
    /** Deals' id keys and the deal each activity names: with both, an activity counts as its deal's last activity (stalled). */
    dealKeys?: string;
    activityDeals?: string;
  };
  /** The deals from a warehouse table with the user's own columns (src/sql/warehouse.ts) instead of tables.deals. */
  warehouse?: WarehouseDeals;
}

/** The deals as a table: the typed table, or the warehouse table read into its shape (withWarehouse names it). */
const dealsOf = (_d: Dialect, p: KpiParams) => (p.warehouse ? 'warehouse_deals' : p.tables.deals);

/** A deals query over a warehouse table: the table read into the typed shape once, as the first named subquery. */
function withWarehouse(k: Kpi): Kpi {
  if (!k.reads.includes('deals')) return k;
  return {
    ...k,
    sql: (d, p) => {
      const sql = k.sql(d, p);
      if (!p.warehouse) return sql;
      const named = `warehouse_deals AS (${warehouseView(d, p.warehouse)})`;
      return sql.startsWith('WITH ') ? `WITH ${named},\n${sql.slice(5)}` : `WITH ${named}\n${sql}`;
    },
  };
}

export interface Kpi {
  key: string;
  /** What the query answers, in the summary's words (docs/sql.md lists these). */
  about: string;
  /** Which source tables it reads. */
  reads: readonly ('deals' | 'leads' | 'activities' | 'history' | 'stageDays' | 'openSince')[];
  /** It answers in one row (the others in a row per stage, manager, span…). */
  oneRow?: true;
  sql(d: Dialect, p: KpiParams): string;
}

const c = (d: Dialect, column: string, table?: string) => (table ? `${table}.${d.ident(column)}` : d.ident(column));

/** `at` inside a span; an open end is no condition. A NULL wall time is in no finite span. */
function inSpan(d: Dialect, at: string, span: SqlSpan): string {
  const parts: string[] = [];
  if (span.from !== -Infinity) parts.push(`${at} >= ${d.wall(span.from)}`);
  if (span.to !== Infinity) parts.push(`${at} < ${d.wall(span.to)}`);
  return parts.length ? `(${parts.join(' AND ')})` : `(${at} IS NOT NULL)`;
}

/** The span's own deals: created in it — every deal when it is all time or when no deal has a created date. */
function inCohort(d: Dialect, p: KpiParams, span: SqlSpan): string {
  if (span.from === -Infinity) return 'TRUE';
  return `(NOT (SELECT COUNT(${c(d, 'created')}) > 0 FROM ${dealsOf(d, p)}) OR COALESCE(${inSpan(d, c(d, 'created'), span)}, FALSE))`;
}

/** When a won deal was won: its closed date, else its created date. */
const wonAt = (d: Dialect) => `COALESCE(${c(d, 'closed')}, ${c(d, 'created')})`;

/** Days from created to closed; NULL when either is missing or they are reversed. */
const cycleDays = (d: Dialect) =>
  `CASE WHEN ${c(d, 'closed')} >= ${c(d, 'created')} THEN ${daysOf(d, d.msBetween(c(d, 'created'), c(d, 'closed')))} END`;

const count = (d: Dialect, condition: string) => d.int(`COUNT(CASE WHEN ${condition} THEN 1 END)`);

/** The deals the period is about (furthest ≥ 0 and in the cohort). */
const cohortDeals = (d: Dialect, p: KpiParams) =>
  `SELECT * FROM ${dealsOf(d, p)} WHERE ${c(d, 'furthest')} >= 0 AND ${inCohort(d, p, p.range)}`;

/** The period's deals in one row: how many, the lost with no place, won and closed, and those without a created date. */
const cohort: Kpi = {
  key: 'cohort',
  oneRow: true,
  about:
    'Deals in the period (created in it), lost deals with no stage they were lost at, won and closed deals (the team win rate), deals left out for having no created date.',
  reads: ['deals'],
  sql: (d, p) => `WITH cohort AS (${cohortDeals(d, p)})
SELECT
  ${d.int('COUNT(*)')} AS deals,
  ${count(d, `${c(d, 'status')} = 'lost' AND ${c(d, 'lost_at')} < 0`)} AS lost_unknown,
  ${count(d, `${c(d, 'status')} = 'won'`)} AS won,
  ${count(d, `${c(d, 'status')} <> 'open'`)} AS closed,
  (SELECT ${count(d, `${c(d, 'furthest')} >= 0 AND ${c(d, 'created')} IS NULL AND NOT ${inCohort(d, p, p.range)}`)} FROM ${dealsOf(d, p)}) AS undated,
  (SELECT ${count(d, `${c(d, 'client')} <> ''`)} FROM ${dealsOf(d, p)}) AS with_client
FROM cohort`,
};

/** Every manager named anywhere in the deals (a plan counts for them), the first created date, how many rows. */
const facts: Kpi = {
  key: 'facts',
  about:
    'Every manager named in the deals (a plan counts for a manager found anywhere), with the first created date (all-time plans are prorated from it), the rows read, rows with no stage, and lost deals with no stage they were lost at (the data notes).',
  reads: ['deals'],
  sql: (d, p) => `SELECT ${c(d, 'manager_key')} AS manager_key, MIN(${c(d, 'created')}) AS first_created, ${d.int('COUNT(*)')} AS deals,
  ${count(d, `${c(d, 'furthest')} < 0 AND ${c(d, 'stage')} = ''`)} AS blank_stage,
  ${count(d, `${c(d, 'furthest')} >= 0 AND ${c(d, 'status')} = 'lost' AND ${c(d, 'lost_at')} < 0`)} AS lost_unknown
FROM ${dealsOf(d, p)}
GROUP BY ${c(d, 'manager_key')}
ORDER BY manager_key ASC NULLS LAST`,
};

/** Rows left out for a stage that is not in the funnel: how many in all, and the three commonest names (the data notes). */
const skipped: Kpi = {
  key: 'skipped',
  about: 'Rows left out for a stage that is not in the funnel: how many, and the three commonest such stage names (the data notes).',
  reads: ['deals'],
  sql: (d, p) => `SELECT stage, deals, ${d.int('SUM(deals) OVER ()')} AS unknown_stage
FROM (SELECT ${c(d, 'stage')} AS stage, ${d.int('COUNT(*)')} AS deals FROM ${dealsOf(d, p)} WHERE ${c(d, 'furthest')} < 0 AND ${c(d, 'stage')} <> '' GROUP BY ${c(d, 'stage')}) AS unknown
ORDER BY deals DESC NULLS LAST, stage ASC NULLS LAST
LIMIT 3`,
};

function funnelSql(d: Dialect, p: KpiParams, byManager: boolean): string {
  const manager = byManager ? `${c(d, 'manager_key')}, ` : '';
  return `WITH cohort AS (${cohortDeals(d, p)}${byManager ? ` AND ${c(d, 'manager_key')} <> ''` : ''})
SELECT
  ${manager}funnel_stage AS stage,
  ${count(d, `${c(d, 'furthest')} >= funnel_stage`)} AS reached,
  ${count(d, `${c(d, 'furthest')} = funnel_stage AND ${c(d, 'status')} = 'open'`)} AS open_at,
  ${count(d, `${c(d, 'status')} = 'lost' AND ${c(d, 'lost_at')} = funnel_stage`)} AS lost_at
FROM cohort CROSS JOIN ${d.series('stages', 'funnel_stage', p.stages)}
GROUP BY ${manager}funnel_stage
ORDER BY ${byManager ? `${c(d, 'manager_key')} ASC NULLS LAST, ` : ''}funnel_stage ASC NULLS LAST`;
}

const funnel: Kpi = {
  key: 'funnel',
  about:
    "Per funnel stage, the period's deals that reached it, are still open at it, and were lost at it (the funnel, decided conversion and money leaks are computed from these).",
  reads: ['deals'],
  sql: (d, p) => funnelSql(d, p, false),
};

const funnelByManager: Kpi = {
  key: 'funnelByManager',
  about: "The same per manager (by the manager's normalised name): the weak-links table.",
  reads: ['deals'],
  sql: (d, p) => funnelSql(d, p, true),
};

/** Wilson score interval at 95 %: the same arithmetic as metrics/stats.ts wilsonInterval. */
function wilson(d: Dialect, won: string, closed: string): { low: string; high: string } {
  const z = numberLiteral(normalQuantile(0.975));
  const p = `CAST(${won} AS ${d.float}) / NULLIF(${closed}, 0)`;
  const z2n = `POW(${z}, 2) / NULLIF(${closed}, 0)`;
  const centre = `(${p} + ${z2n} / 2) / (1 + ${z2n})`;
  const half = `(${z} * SQRT(${p} * (1 - ${p}) / NULLIF(${closed}, 0) + ${z2n} / (4 * NULLIF(${closed}, 0)))) / (1 + ${z2n})`;
  return {
    low: `CASE WHEN ${closed} = 0 THEN NULL WHEN ${won} = 0 THEN 0 ELSE GREATEST(0, ${centre} - ${half}) END`,
    high: `CASE WHEN ${closed} = 0 THEN NULL WHEN ${won} = ${closed} THEN 1 ELSE LEAST(1, ${centre} + ${half}) END`,
  };
}

const managers: Kpi = {
  key: 'managers',
  about:
    "Per manager: the period's deals, won and closed, win rate (won ÷ closed) with its 95 % Wilson interval, and the spelling of the name first met.",
  reads: ['deals'],
  sql: (d, p) => {
    const w = wilson(d, 'won', 'closed');
    return `WITH cohort AS (${cohortDeals(d, p)} AND ${c(d, 'manager_key')} <> ''),
tally AS (
  SELECT ${c(d, 'manager_key')} AS manager_key,
    MIN(${c(d, 'row_no')}) AS first_row,
    ${d.firstBy(c(d, 'manager'), c(d, 'row_no'))} AS name,
    ${d.int('COUNT(*)')} AS deals,
    ${count(d, `${c(d, 'status')} = 'won'`)} AS won,
    ${count(d, `${c(d, 'status')} <> 'open'`)} AS closed
  FROM cohort GROUP BY ${c(d, 'manager_key')}
)
SELECT manager_key, first_row, name, deals, won, closed,
  CAST(won AS ${d.float}) / NULLIF(closed, 0) AS win_rate,
  ${w.low} AS wilson_low,
  ${w.high} AS wilson_high
FROM tally
ORDER BY first_row ASC NULLS LAST`;
  },
};

/** Won deals won in the period (by won date), with their cycle: the base of the won figures. */
const wonDeals = (d: Dialect, p: KpiParams) =>
  `SELECT ${c(d, 'manager_key')} AS manager_key, ${c(d, 'manager')} AS manager, ${c(d, 'row_no')} AS row_no, ${c(d, 'amount')} AS amount, ${cycleDays(d)} AS days,
    CASE WHEN ${c(d, 'closed')} < ${c(d, 'created')} THEN 1 ELSE 0 END AS reversed
  FROM ${dealsOf(d, p)}
  WHERE ${c(d, 'furthest')} >= 0 AND ${c(d, 'status')} = 'won' AND COALESCE(${inSpan(d, wonAt(d), p.range)}, FALSE)`;

const won: Kpi = {
  key: 'won',
  oneRow: true,
  about:
    "The period's won deals (by the date won: closed, else created): count, revenue, average won amount (deals with an amount), and the cycle in days — mean, median and 90th percentile as Sheets' PERCENTILE, how many, and how many have a close date before the created date.",
  reads: ['deals'],
  sql: (d, p) => `WITH won AS (${wonDeals(d, p)}),
cycle AS (SELECT days FROM won WHERE days IS NOT NULL),
cycle_percentiles AS (${d.groupPercentiles(
    'cycle',
    'days',
    [],
    [
      { p: 0.5, as: 'median' },
      { p: 0.9, as: 'p90' },
    ],
  )})
SELECT
  (SELECT ${d.int('COUNT(*)')} FROM won) AS won_deals,
  (SELECT SUM(amount) FROM won) AS revenue,
  (SELECT AVG(amount) FROM won WHERE amount > 0) AS average_won,
  (SELECT AVG(${c(d, 'amount')}) FROM ${dealsOf(d, p)} WHERE ${c(d, 'status')} = 'won' AND ${c(d, 'amount')} > 0) AS average_won_ever,
  (SELECT ${d.int('SUM(reversed)')} FROM won) AS reversed,
  (SELECT ${d.int('COUNT(*)')} FROM cycle) AS cycle_count,
  (SELECT AVG(days) FROM cycle) AS cycle_mean,
  (SELECT MAX(median) FROM cycle_percentiles) AS cycle_median,
  (SELECT MAX(p90) FROM cycle_percentiles) AS cycle_p90`,
};

const wonByManager: Kpi = {
  key: 'wonByManager',
  about: 'Per manager: won deals and revenue of the period (the plan facts for deals and revenue) and the mean cycle in days.',
  reads: ['deals'],
  sql: (d, p) => `WITH won AS (${wonDeals(d, p)} AND ${c(d, 'manager_key')} <> '')
SELECT manager_key, MIN(row_no) AS first_row, ${d.firstBy('manager', 'row_no')} AS name, ${d.int('COUNT(*)')} AS won_deals, SUM(amount) AS revenue, AVG(days) AS cycle_mean
FROM won GROUP BY manager_key
ORDER BY first_row ASC NULLS LAST`,
};

/** The later of two wall times, either of which may be NULL (GREATEST is NULL with any NULL in BigQuery). */
const later = (a: string, b: string) => `CASE WHEN ${a} IS NULL OR ${b} > ${a} THEN ${b} ELSE ${a} END`;

/**
 * Each deal's last activity: its own column, and — with the activities' deal column loaded — the latest
 * activity naming the deal by id or by client; the joins that bring the latter (the deals named `deal`).
 */
function lastActivity(
  d: Dialect,
  p: KpiParams,
  aliased = false,
): { with: string; from: string; column: (name: string) => string; at: string } {
  const column = (name: string) => c(d, name, 'deal');
  if (!p.tables.activityDeals || !p.tables.dealKeys)
    return aliased
      ? { with: '', from: `${dealsOf(d, p)} AS deal`, column, at: column('last_activity') }
      : { with: '', from: dealsOf(d, p), column: (name) => c(d, name), at: c(d, 'last_activity') };
  return {
    with: `latest AS (SELECT ${c(d, 'deal_key')} AS deal_key, MAX(${c(d, 'date')}) AS last_at FROM ${p.tables.activityDeals} WHERE ${c(d, 'date')} IS NOT NULL GROUP BY ${c(d, 'deal_key')}),\n`,
    from: `${dealsOf(d, p)} AS deal
    LEFT JOIN ${p.tables.dealKeys} AS k ON k.${d.ident('row_no')} = ${column('row_no')}
    LEFT JOIN latest AS by_id ON by_id.deal_key = k.${d.ident('id_key')}
    LEFT JOIN latest AS by_client ON by_client.deal_key = ${column('client_key')}`,
    column,
    at: later(column('last_activity'), later('by_id.last_at', 'by_client.last_at')),
  };
}

/**
 * The stalled list with stages' own thresholds (the stalledDaysByStage setting): in such a stage a deal
 * is stalled after that many days without activity, or that many days in the stage (since it entered
 * it); the days shown are the longer of the two waits that count.
 */
function stalledByStage(d: Dialect, p: KpiParams): string {
  const activity = lastActivity(d, p, true);
  const t = activity.column;
  const last = `COALESCE(${activity.at}, ${t('stage_changed')}, ${t('created')})`;
  const own = `CASE ${t('furthest')} ${p.stalledDaysByStage!.map((s) => `WHEN ${s.stage} THEN ${numberLiteral(s.days)}`).join(' ')} END`;
  const since = `since.${d.ident('since')}`;
  return `WITH ${activity.with}idle AS (
  SELECT ${t('row_no')} AS row_no, ${t('id')} AS id, ${t('client')} AS client, ${t('manager')} AS manager, ${t('stage')} AS stage,
    ${daysOf(d, d.msBetween(last, d.wall(p.now)))} AS days,
    ${daysOf(d, d.msBetween(since, d.wall(p.now)))} AS days_in_stage,
    ${own} AS own_days
  FROM ${activity.from}
    LEFT JOIN ${p.tables.openSince} AS since ON since.${d.ident('row_no')} = ${t('row_no')}
  WHERE ${t('furthest')} >= 0 AND ${t('status')} = 'open'
),
judged AS (
  SELECT row_no, id, client, manager, stage, days,
    COALESCE(days_in_stage > own_days, FALSE) AS sat,
    COALESCE(days > COALESCE(own_days, ${numberLiteral(p.stalledDays)}), FALSE) AS idle_over,
    days_in_stage
  FROM idle
),
waits AS (
  SELECT row_no, id, client, manager, stage,
    CASE WHEN sat AND (days IS NULL OR days_in_stage > days) THEN days_in_stage ELSE days END AS waited
  FROM judged WHERE sat OR idle_over
)
SELECT row_no, id, client, manager, stage, ${d.int('FLOOR(waited)')} AS days_idle, ${d.int('COUNT(*) OVER ()')} AS stalled
FROM waits
ORDER BY FLOOR(waited) DESC NULLS LAST, row_no ASC NULLS LAST
LIMIT 10`;
}

const stalled: Kpi = {
  key: 'stalled',
  about:
    'Open deals idle for more than the stalled-days setting (since the last activity — its column, or the latest activity naming the deal — else the last stage change, else created): how many, and the ten idlest in whole days.',
  reads: ['deals'],
  sql: (d, p) => {
    if (p.stalledDaysByStage?.length && p.tables.openSince) return stalledByStage(d, p);
    const activity = lastActivity(d, p);
    const t = activity.column;
    const last = `COALESCE(${activity.at}, ${t('stage_changed')}, ${t('created')})`;
    return `WITH ${activity.with}idle AS (
  SELECT ${t('row_no')} AS row_no, ${t('id')} AS id, ${t('client')} AS client, ${t('manager')} AS manager, ${t('stage')} AS stage,
    ${daysOf(d, d.msBetween(last, d.wall(p.now)))} AS days
  FROM ${activity.from}
  WHERE ${t('furthest')} >= 0 AND ${t('status')} = 'open' AND ${last} IS NOT NULL
)
SELECT row_no, id, client, manager, stage, ${d.int('FLOOR(days)')} AS days_idle, ${d.int('COUNT(*) OVER ()')} AS stalled
FROM idle WHERE days > ${numberLiteral(p.stalledDays)}
ORDER BY FLOOR(days) DESC NULLS LAST, row_no ASC NULLS LAST
LIMIT 10`;
  },
};

/** The headline's spans as rows (span, from_at, to_at, moment): an open end is NULL; the moment is the span's end, now at the latest. */
function spanRows(d: Dialect, p: KpiParams): string {
  const bound = (t: number) => (Number.isFinite(t) ? d.wall(t) : `CAST(NULL AS ${d.name === 'duckdb' ? 'TIMESTAMP' : 'DATETIME'})`);
  return d.rows(
    'spans',
    ['span', 'from_at', 'to_at', 'moment'],
    p.spans.map((s, i) => [String(i), bound(s.from), bound(s.to), d.wall(Math.min(s.to, p.now + 1) - 1)]),
  );
}

/** A wall time inside the span of the row (spanRows' from_at and to_at); NULL is in none. */
const inOwn = (at: string) =>
  `COALESCE(${at} IS NOT NULL AND (from_at IS NULL OR ${at} >= from_at) AND (to_at IS NULL OR ${at} < to_at), FALSE)`;

const headline: Kpi = {
  key: 'headline',
  about:
    "The headline for each span (the period, the sparkline's weeks or months, the previous period): closed and won deals of the span's cohort (win rate), deals won in it with revenue, average and mean cycle, and the pipeline open at its end (deals, value, how many have an amount).",
  reads: ['deals'],
  sql: (d, p) => {
    const spans = spanRows(d, p);
    const created = c(d, 'created');
    const cohortOf = `(NOT any_created OR from_at IS NULL OR ${inOwn(created)})`;
    const wonIn = `${c(d, 'status')} = 'won' AND ${inOwn(wonAt(d))}`;
    const openAt = `NOT COALESCE(${created} > moment, FALSE) AND (${c(d, 'status')} = 'open' OR COALESCE(${c(d, 'closed')} > moment, FALSE))`;
    return `WITH flags AS (SELECT COUNT(${created}) > 0 AS any_created FROM ${dealsOf(d, p)}),
live AS (SELECT *, ${cycleDays(d)} AS cycle_days FROM ${dealsOf(d, p)} WHERE ${c(d, 'furthest')} >= 0)
SELECT span,
  ${count(d, `${c(d, 'status')} <> 'open' AND ${cohortOf}`)} AS closed,
  ${count(d, `${c(d, 'status')} = 'won' AND ${cohortOf}`)} AS won,
  ${count(d, wonIn)} AS won_deals,
  COALESCE(SUM(CASE WHEN ${wonIn} THEN ${c(d, 'amount')} END), 0) AS revenue,
  AVG(CASE WHEN ${wonIn} AND ${c(d, 'amount')} > 0 THEN ${c(d, 'amount')} END) AS average_won,
  AVG(CASE WHEN ${wonIn} THEN cycle_days END) AS mean_cycle,
  ${count(d, openAt)} AS pipeline_deals,
  COALESCE(SUM(CASE WHEN ${openAt} THEN ${c(d, 'amount')} END), 0) AS pipeline_value,
  ${count(d, `${openAt} AND ${c(d, 'amount')} <> 0`)} AS pipeline_valued
FROM ${spans} LEFT JOIN (SELECT * FROM live CROSS JOIN flags) AS deal ON TRUE
GROUP BY span
ORDER BY span ASC NULLS LAST`;
  },
};

const repeat: Kpi = {
  key: 'repeat',
  oneRow: true,
  about:
    "Repeat sales of the period: clients who won in it, those who had won before (all time: twice or more), and the share of the period's revenue from them.",
  reads: ['deals'],
  sql: (d, p) => {
    const allTime = p.range.from === -Infinity;
    const inRange = allTime ? 'TRUE' : `COALESCE(${inSpan(d, wonAt(d), p.range)}, FALSE)`;
    const repeatWhen = allTime ? 'wins_in_span >= 2' : `(undated > 0 OR first_win < ${d.wall(p.range.from)})`;
    return `WITH wins AS (
  SELECT ${c(d, 'client_key')} AS client_key, ${wonAt(d)} AS won_at, ${c(d, 'amount')} AS amount, ${inRange} AS in_span
  FROM ${dealsOf(d, p)} WHERE ${c(d, 'status')} = 'won' AND ${c(d, 'client_key')} <> ''
),
clients AS (
  SELECT client_key, MIN(won_at) AS first_win, COUNT(*) - COUNT(won_at) AS undated, COUNT(CASE WHEN in_span THEN 1 END) AS wins_in_span
  FROM wins GROUP BY client_key
),
judged AS (SELECT client_key, wins_in_span, ${repeatWhen} AS is_repeat FROM clients)
SELECT
  ${count(d, 'j.wins_in_span >= 1')} AS clients,
  ${count(d, 'j.wins_in_span >= 1 AND j.is_repeat')} AS repeat_clients,
  (SELECT SUM(amount) FROM wins WHERE in_span) AS revenue,
  (SELECT SUM(w.amount) FROM wins AS w JOIN judged AS r ON w.client_key = r.client_key WHERE w.in_span AND r.is_repeat) AS repeat_revenue
FROM judged AS j`;
  },
};

/** The leads with a created date, each with its response minutes (answered), whether it breached the SLA and whether it is unanswered. */
function measuredLeads(d: Dialect, p: KpiParams): string {
  const sla = `${numberLiteral(p.slaMinutes * 60_000)}`;
  const waited = `CASE WHEN ${c(d, 'responded')} IS NOT NULL THEN ${d.msBetween(c(d, 'created'), c(d, 'responded'))} ELSE ${d.msBetween(c(d, 'created'), d.wall(p.now))} END`;
  return `SELECT ${c(d, 'row_no')} AS row_no, ${c(d, 'manager')} AS manager, ${c(d, 'manager_key')} AS manager_key, ${c(d, 'created')} AS created,
    ${c(d, 'responded')} IS NULL AS unanswered,
    CASE WHEN ${c(d, 'responded')} IS NOT NULL THEN CAST(${d.msBetween(c(d, 'created'), c(d, 'responded'))} AS ${d.float}) / 60000 END AS minutes,
    ${waited} > ${sla} AS breached
  FROM ${p.tables.leads} WHERE ${c(d, 'created')} IS NOT NULL`;
}

const response: Kpi = {
  key: 'response',
  about:
    'Lead response per manager and for the team (leads created in the period, calendar time): median minutes to the first reply, leads counted for the SLA, breaches (compared in milliseconds, so 10 min 59 s is not 10 minutes), unanswered; the spelling of the name first met.',
  reads: ['leads'],
  sql: (d, p) => `WITH measured AS (
  ${measuredLeads(d, p)} AND ${inSpan(d, c(d, 'created'), p.range)}
),
by_manager AS (${d.groupPercentiles('measured', 'minutes', ['manager_key'], [{ p: 0.5, as: 'median' }])}),
team AS (${d.groupPercentiles('measured', 'minutes', [], [{ p: 0.5, as: 'median' }])})
SELECT l.manager_key AS manager_key,
  MAX(b.median) AS median_minutes, (SELECT MAX(median) FROM team) AS team_median_minutes,
  ${count(d, 'l.breached OR NOT l.unanswered')} AS counted,
  ${count(d, 'l.breached')} AS breached,
  ${count(d, 'l.unanswered')} AS unanswered,
  MIN(l.row_no) AS first_row, ${d.firstBy('l.manager', 'l.row_no')} AS name
FROM measured AS l LEFT JOIN by_manager AS b ON b.manager_key = l.manager_key
GROUP BY l.manager_key
ORDER BY manager_key ASC NULLS LAST`,
};

const responseSpans: Kpi = {
  key: 'responseSpans',
  about:
    'Lead response for each headline span (leads created in it): median minutes to the first reply, leads counted for the SLA, breaches.',
  reads: ['leads'],
  sql: (d, p) => `WITH measured AS (${measuredLeads(d, p)}),
joined AS (SELECT span, minutes, breached, unanswered FROM ${spanRows(d, p)} JOIN measured ON ${inOwn('created')}),
medians AS (${d.groupPercentiles('joined', 'minutes', ['span'], [{ p: 0.5, as: 'median' }])})
SELECT j.span AS span, MAX(m.median) AS median_minutes, ${count(d, 'j.breached OR NOT j.unanswered')} AS counted, ${count(d, 'j.breached')} AS breached
FROM joined AS j LEFT JOIN medians AS m ON m.span = j.span
GROUP BY j.span
ORDER BY span ASC NULLS LAST`,
};

const touches: Kpi = {
  key: 'touches',
  about: "Effective touches per manager and per week starting Monday (the touch plan's facts); touches with no date count in the period.",
  reads: ['activities'],
  sql: (d, p) => `SELECT ${c(d, 'manager_key')} AS manager_key, ${d.weekStart(c(d, 'date'))} AS week,
  ${count(d, `${c(d, 'date')} IS NULL OR ${inSpan(d, c(d, 'date'), p.range)}`)} AS in_period,
  ${d.int('COUNT(*)')} AS touches
FROM ${p.tables.activities} WHERE ${c(d, 'effective')} AND ${c(d, 'manager_key')} <> ''
GROUP BY ${c(d, 'manager_key')}, week
ORDER BY manager_key ASC NULLS LAST, week ASC NULLS FIRST`,
};

const timeInStage: Kpi = {
  key: 'timeInStage',
  about:
    "Time in stage from the stage history (deal, stage, at): from entering a stage to the deal's next entry, the last stage until now; per stage the count, mean and median days.",
  reads: ['history'],
  sql: (d, p) => `WITH entries AS (
  SELECT ${c(d, 'deal')} AS deal, ${c(d, 'stage')} AS stage, ${c(d, 'at')} AS entered_at,
    LEAD(${c(d, 'at')}) OVER (PARTITION BY ${c(d, 'deal')} ORDER BY ${c(d, 'at')} ASC NULLS LAST, ${c(d, 'stage')} ASC NULLS LAST) AS left_at
  FROM ${p.tables.history} WHERE ${c(d, 'at')} IS NOT NULL
),
spells AS (
  SELECT stage, ${daysOf(d, d.msBetween('entered_at', `COALESCE(left_at, ${d.wall(p.now)})`))} AS days FROM entries
),
ranked AS (SELECT stage, days, ${d.percentile('days', 0.5, ['stage'])} AS median FROM spells)
SELECT stage, ${d.int('COUNT(*)')} AS spells, AVG(days) AS mean_days, MAX(median) AS median_days
FROM ranked GROUP BY stage
ORDER BY stage ASC NULLS LAST`,
};

const touchSpans: Kpi = {
  key: 'touchSpans',
  about: 'Effective touches dated in each headline span (the headline figure and its sparkline).',
  reads: ['activities'],
  sql: (
    d,
    p,
  ) => `WITH touches AS (SELECT ${c(d, 'date')} AS touched_at FROM ${p.tables.activities} WHERE ${c(d, 'effective')} AND ${c(d, 'date')} IS NOT NULL)
SELECT span, ${d.int('COUNT(touched_at)')} AS touches
FROM ${spanRows(d, p)} LEFT JOIN touches ON ${inOwn('touched_at')}
GROUP BY span
ORDER BY span ASC NULLS LAST`,
};

const activityManagers: Kpi = {
  key: 'activityManagers',
  about:
    "Per manager named in the activities (by normalised name, '' for none): the first row and spelling, and the first effective touch's date (weeks of an all-time touch plan start there).",
  reads: ['activities'],
  sql: (
    d,
    p,
  ) => `SELECT ${c(d, 'manager_key')} AS manager_key, MIN(${c(d, 'row_no')}) AS first_row, ${d.firstBy(c(d, 'manager'), c(d, 'row_no'))} AS name,
  MIN(CASE WHEN ${c(d, 'effective')} THEN ${c(d, 'date')} END) AS first_touch
FROM ${p.tables.activities}
GROUP BY ${c(d, 'manager_key')}
ORDER BY first_row ASC NULLS LAST`,
};

/** The days the period's deals spent in each stage (their measured paths), with the deal's manager. */
const spentDays = (d: Dialect, p: KpiParams) => `WITH cohort AS (${cohortDeals(d, p)}),
spent AS (
  SELECT s.${d.ident('stage')} AS stage, s.${d.ident('days')} AS days, cohort.${d.ident('manager_key')} AS manager_key
  FROM ${p.tables.stageDays} AS s JOIN cohort ON s.${d.ident('row_no')} = cohort.${d.ident('row_no')}
)`;

const stageTime: Kpi = {
  key: 'stageTime',
  about:
    "Time in stage: per funnel stage, the period's deals measured in it, and the median and 90th percentile of their days there (each deal's visits summed, as the tracker measures its path).",
  reads: ['deals', 'stageDays'],
  sql: (d, p) => `${spentDays(d, p)},
percentiles AS (${d.groupPercentiles(
    'spent',
    'days',
    ['stage'],
    [
      { p: 0.5, as: 'median' },
      { p: 0.9, as: 'p90' },
    ],
  )})
SELECT s.stage AS stage, ${d.int('COUNT(*)')} AS measured, MAX(q.median) AS median_days, MAX(q.p90) AS p90_days
FROM spent AS s LEFT JOIN percentiles AS q ON q.stage = s.stage
GROUP BY s.stage
ORDER BY stage ASC NULLS LAST`,
};

const stageTimeByManager: Kpi = {
  key: 'stageTimeByManager',
  about: "The same per manager × stage: the manager's deals measured there and their median days (the time-in-stage table).",
  reads: ['deals', 'stageDays'],
  sql: (d, p) => `${spentDays(d, p)},
managed AS (SELECT * FROM spent WHERE manager_key <> ''),
medians AS (${d.groupPercentiles('managed', 'days', ['manager_key', 'stage'], [{ p: 0.5, as: 'median' }])})
SELECT s.manager_key AS manager_key, s.stage AS stage, ${d.int('COUNT(*)')} AS measured, MAX(m.median) AS median_days
FROM managed AS s LEFT JOIN medians AS m ON m.manager_key = s.manager_key AND m.stage = s.stage
GROUP BY s.manager_key, s.stage
ORDER BY manager_key ASC NULLS LAST, stage ASC NULLS LAST`,
};

const openInStage: Kpi = {
  key: 'openInStage',
  about:
    'Open deals in each stage now (all open deals: a snapshot of today), and the median and longest days since they entered it, where known.',
  reads: ['deals', 'openSince'],
  sql: (d, p) => `WITH open_deals AS (
  SELECT deal.${d.ident('furthest')} AS stage,
    ${daysOf(d, d.msBetween(`since.${d.ident('since')}`, d.wall(p.now)))} AS days
  FROM ${dealsOf(d, p)} AS deal LEFT JOIN ${p.tables.openSince} AS since ON since.${d.ident('row_no')} = deal.${d.ident('row_no')}
  WHERE deal.${d.ident('furthest')} >= 0 AND deal.${d.ident('status')} = 'open'
),
medians AS (${d.groupPercentiles('open_deals', 'days', ['stage'], [{ p: 0.5, as: 'median' }])})
SELECT o.stage AS stage, ${d.int('COUNT(*)')} AS open_now, MAX(m.median) AS median_days, MAX(o.days) AS longest_days
FROM open_deals AS o LEFT JOIN medians AS m ON m.stage = o.stage
GROUP BY o.stage
ORDER BY stage ASC NULLS LAST`,
};

/** Every KPI query, in the order docs/sql.md lists them. */
export const KPIS: readonly Kpi[] = [
  cohort,
  facts,
  skipped,
  funnel,
  funnelByManager,
  managers,
  won,
  wonByManager,
  stalled,
  headline,
  repeat,
  response,
  responseSpans,
  touches,
  touchSpans,
  activityManagers,
  timeInStage,
  stageTime,
  stageTimeByManager,
  openInStage,
].map(withWarehouse);

/** The queries the summary's deal figures come from (src/sql/figures.ts). */
export const DEAL_KPIS: readonly Kpi[] = KPIS.filter((k) => k.reads.every((t) => t === 'deals'));

export function kpi(key: string): Kpi {
  const found = KPIS.find((k) => k.key === key);
  if (!found) throw new Error(`no KPI ${key}`);
  return found;
}

const LABEL = /^\/\* sales-kpi (\{.*\}) \*\/\n/;

/**
 * A KPI query as sent to a warehouse: the query, after a comment naming the KPI and its parameters.
 * BigQuery ignores the comment; the local host reads it to run the DuckDB dialect of the same query.
 */
export function labelledSql(d: Dialect, key: string, p: KpiParams): string {
  const json = JSON.stringify({ key, params: p }, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return `/* sales-kpi ${json} */\n${kpi(key).sql(d, p)}`;
}

/** The KPI and parameters a labelled query was made from, and the query itself; null for any other text. */
export function readLabel(sql: string): { key: string; params: KpiParams; body: string } | null {
  const m = LABEL.exec(sql);
  if (!m) return null;
  const { key, params } = JSON.parse(m[1], (_, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v)) as {
    key: string;
    params: KpiParams;
  };
  return { key, params, body: sql.slice(m[0].length) };
}
