// The two SQL dialects the KPI definitions are written in (docs/sql.md): each known difference
// between DuckDB and BigQuery GoogleSQL is one method here, so a KPI never spells a dialect itself.
import { MS_PER_DAY } from '../tracker/dates';

export type DialectName = 'duckdb' | 'bigquery';

export interface Dialect {
  name: DialectName;
  /** Any column or table name as a quoted identifier: a header like `Сумма, ₽` or `select` is safe. */
  ident(name: string): string;
  /** A wall time (the spreadsheet's zone, as the tracker reads dates) as a typed literal. */
  wall(ms: number): string;
  /** Milliseconds from start to end, by duration (not by counted boundaries). */
  msBetween(start: string, end: string): string;
  /** Sheets' PERCENTILE (linear between neighbours) of `expr` over the partition, as a window function. */
  percentile(expr: string, p: number, partition: readonly string[]): string;
  /**
   * Sheets' PERCENTILE of `value` per group of `keys` over the rows of `from` (a table expression), NULLs
   * left out: a SELECT of the keys and one column per percentile, a row per group with a value.
   */
  groupPercentiles(from: string, value: string, keys: readonly string[], ps: readonly { p: number; as: string }[]): string;
  /** Monday 00:00 of the week holding a wall time. */
  weekStart(expr: string): string;
  /** A count or an index as a number a client reads as a number (never a 64-bit integer). */
  int(expr: string): string;
  /** Rows given in the query: a table expression named `alias` with the given columns. */
  rows(alias: string, columns: readonly string[], values: readonly (readonly string[])[]): string;
  /** The integers 0 … n − 1 as a table expression `alias(column)`. */
  series(alias: string, column: string, n: number): string;
  /** The value of the row with the least `order` in a group (the first spelling met). */
  firstBy(value: string, order: string): string;
  /** A text literal. */
  text(value: string): string;
  /** The floating type's name. */
  float: string;
}

/** Text literals: only the quote and the backslash need escaping in either dialect. */
const quoteText = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A number literal that reads back to the same double (JavaScript's shortest round-trip form). */
export function numberLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return String(x);
}

/** YYYY-MM-DD hh:mm:ss.sss: milliseconds kept, since an SLA is compared in seconds. */
const wallText = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
};

/**
 * Percentiles from ranks, with the JavaScript's arithmetic (metrics/stats.ts percentileSorted): the
 * neighbours at ⌊p·(n−1)⌋ and the next, lo + (hi − lo) × the fraction. DuckDB's quantile_cont
 * interpolates as lo·(1−f) + hi·f, an ulp away: a median of 3.25 days could show as 3.2 beside 3.3.
 */
function rankedPercentiles(from: string, value: string, keys: readonly string[], ps: readonly { p: number; as: string }[]): string {
  const over = `OVER (${keys.length ? `PARTITION BY ${keys.join(', ')}` : ''}`;
  const ranks = ps.map((q, i) => `CAST(${numberLiteral(q.p)} AS DOUBLE) * (COUNT(*) ${over}) - 1) AS r${i}`);
  const columns = ps.map((q, i) => {
    const at = (index: string) => `MAX(CASE WHEN i = ${index} THEN v END)`;
    const lo = at(`FLOOR(r${i})`);
    return `${lo} + (${at(`LEAST(FLOOR(r${i}) + 1, n - 1)`)} - ${lo}) * MAX(r${i} - FLOOR(r${i})) AS ${q.as}`;
  });
  const keyList = keys.map((k) => `${k}, `).join('');
  return `SELECT ${keyList}${columns.join(', ')}
  FROM (SELECT ${keyList}${value} AS v, ROW_NUMBER() ${over} ORDER BY ${value} ASC NULLS LAST)
      - 1 AS i, COUNT(*) ${over}) AS n, ${ranks.join(', ')}
    FROM ${from} WHERE ${value} IS NOT NULL) AS ranked${keys.length ? `\n  GROUP BY ${keys.join(', ')}` : ''}`;
}

export const duckdb: Dialect = {
  name: 'duckdb',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  wall: (ms) => `TIMESTAMP '${wallText(ms)}'`,
  // date_diff counts unit boundaries crossed; in milliseconds a wall time has no finer part left over.
  msBetween: (start, end) => `date_diff('millisecond', ${start}, ${end})`,
  percentile: (expr, p, partition) =>
    `quantile_cont(${expr}, ${numberLiteral(p)}) OVER (${partition.length ? `PARTITION BY ${partition.join(', ')}` : ''})`,
  groupPercentiles: rankedPercentiles,
  // ISO weeks start on Monday: date_trunc('week') is Monday 00:00.
  weekStart: (expr) => `date_trunc('week', ${expr})`,
  int: (expr) => `CAST(${expr} AS INTEGER)`,
  rows: (alias, columns, values) => `(VALUES ${values.map((v) => `(${v.join(', ')})`).join(', ')}) AS ${alias}(${columns.join(', ')})`,
  series: (alias, column, n) => `range(${n}) AS ${alias}(${column})`,
  firstBy: (value, order) => `arg_min(${value}, ${order})`,
  text: (value) => `'${value.replace(/'/g, "''")}'`,
  float: 'DOUBLE',
};

export const bigquery: Dialect = {
  name: 'bigquery',
  ident: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  wall: (ms) => `DATETIME '${wallText(ms)}'`,
  // DATETIME_DIFF(end, start, part): the later value first, the opposite of DuckDB's date_diff.
  msBetween: (start, end) => `DATETIME_DIFF(${end}, ${start}, MILLISECOND)`,
  // Exact, like PERCENTILE: PERCENTILE_CONT exists only as an analytic function (APPROX_QUANTILES is not exact).
  percentile: (expr, p, partition) =>
    `PERCENTILE_CONT(${expr}, ${numberLiteral(p)}) OVER (${partition.length ? `PARTITION BY ${partition.join(', ')}` : ''})`,
  // PERCENTILE_CONT is analytic only: per row over the group, then one row per group.
  groupPercentiles: (from, value, keys, ps) => {
    const over = `OVER (${keys.length ? `PARTITION BY ${keys.join(', ')}` : ''})`;
    const keyList = keys.map((k) => `${k}, `).join('');
    return `SELECT ${keyList}${ps.map((q) => `MAX(${q.as}) AS ${q.as}`).join(', ')}
  FROM (SELECT ${keyList}${ps.map((q) => `PERCENTILE_CONT(${value}, ${numberLiteral(q.p)}) ${over} AS ${q.as}`).join(', ')}
    FROM ${from} WHERE ${value} IS NOT NULL) AS ranked${keys.length ? `\n  GROUP BY ${keys.join(', ')}` : ''}`;
  },
  // WEEK alone starts on Sunday in GoogleSQL.
  weekStart: (expr) => `DATETIME_TRUNC(${expr}, WEEK(MONDAY))`,
  int: (expr) => `CAST(${expr} AS INT64)`,
  rows: (alias, columns, values) =>
    `UNNEST([${values.map((v) => `STRUCT(${v.map((x, i) => `${x} AS ${columns[i]}`).join(', ')})`).join(', ')}]) AS ${alias}`,
  series: (_alias, column, n) => `UNNEST(GENERATE_ARRAY(0, ${n - 1})) AS ${column}`,
  firstBy: (value, order) => `ANY_VALUE(${value} HAVING MIN ${order})`,
  text: quoteText,
  float: 'FLOAT64',
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb, bigquery };

/** Days from milliseconds, in floating point (an integer division would drop the fraction). */
export const daysOf = (d: Dialect, ms: string) => `CAST(${ms} AS ${d.float}) / ${MS_PER_DAY}`;
