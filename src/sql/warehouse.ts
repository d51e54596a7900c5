// A warehouse table as the KPI queries' typed deals table (src/sql/tables.ts): a subquery that reads
// the user's columns by their names and derives the status, the furthest stage and the stage a lost
// deal was lost at by the tracker's own rules for one stage column (src/tracker/table.ts readDeals).
import type { Settings } from '../settings/schema';
import type { BigQueryRole } from '../settings/bigquery';
import { headerKey } from '../tracker/names';
import { makeFunnel } from '../tracker/stages';
import { LOST_WORDS, WON_WORDS } from '../tracker/statuses';
import type { Dialect } from './dialect';

/** Everything the subquery needs: plain data, so a labelled query carries it (kpis.ts labelledSql). */
export interface WarehouseDeals {
  /** The table, unquoted: `project.dataset.table` in BigQuery, a table's name in DuckDB. */
  table: string;
  columns: Partial<Record<BigQueryRole, string>>;
  /** Stage (and alias) name keys → funnel index. */
  stages: [string, number][];
  stageCount: number;
  /** Status words as header keys. */
  won: string[];
  lost: string[];
  /** The spreadsheet's zone: a TIMESTAMP is read as its wall clock there. */
  zone: string;
}

export function warehouseDeals(table: string, settings: Settings, columns: WarehouseDeals['columns'], zone: string): WarehouseDeals {
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  const keys = (words: readonly string[]) => [...new Set(words.map(headerKey).filter(Boolean))];
  return {
    table,
    columns,
    stages: [...funnel.indexOf.entries()],
    stageCount: funnel.names.length,
    won: keys([...WON_WORDS, ...settings.wonWords]),
    lost: keys([...LOST_WORDS, ...settings.lostWords]),
    zone,
  };
}

/** What the two dialects spell differently here. */
const SPELLING = {
  duckdb: {
    str: (x: string) => `CAST(${x} AS VARCHAR)`,
    // DuckDB's regexp_replace replaces the first match unless told 'g'; BigQuery's replaces every one.
    replaceAll: (x: string, pattern: string, by: string, d: Dialect) => `regexp_replace(${x}, ${d.text(pattern)}, ${d.text(by)}, 'g')`,
    number: (x: string) => `TRY_CAST(${x} AS DOUBLE)`,
    wall: (x: string, _zone: string) => `TRY_CAST(CAST(${x} AS VARCHAR) AS TIMESTAMP)`,
    noWall: 'CAST(NULL AS TIMESTAMP)',
  },
  bigquery: {
    str: (x: string) => `CAST(${x} AS STRING)`,
    replaceAll: (x: string, pattern: string, by: string, d: Dialect) => `REGEXP_REPLACE(${x}, ${d.text(pattern)}, ${d.text(by)})`,
    number: (x: string) => `SAFE_CAST(${x} AS FLOAT64)`,
    // Any column type: a DATE, DATETIME or zone-less text as written; a TIMESTAMP (or text with an offset) as the spreadsheet zone's wall clock.
    wall: (x: string, zone: string) =>
      `COALESCE(SAFE_CAST(CAST(${x} AS STRING) AS DATETIME), DATETIME(SAFE_CAST(CAST(${x} AS STRING) AS TIMESTAMP), ${zone}))`,
    noWall: 'CAST(NULL AS DATETIME)',
  },
};

/** The subquery: every column of the typed deals table, from the warehouse table's own columns. */
export function warehouseView(d: Dialect, w: WarehouseDeals): string {
  const s = SPELLING[d.name];
  const col = (role: BigQueryRole) => (w.columns[role] ? d.ident(w.columns[role]!) : null);
  const textOf = (role: BigQueryRole) => {
    const c = col(role);
    return c ? `COALESCE(TRIM(${s.str(c)}), '')` : `''`;
  };
  // nameKey: lower case, ё as е, runs of blanks as one space, trimmed.
  const nameKeyOf = (x: string) => `TRIM(${s.replaceAll(`REPLACE(LOWER(${x}), 'ё', 'е')`, '[\\s\\x{0b}\\x{feff}\\p{Z}]+', ' ', d)})`;
  // headerKey: camelCase split, lower case, ё as е, anything but letters and digits as one space, trimmed.
  const headerKeyOf = (x: string) =>
    `TRIM(${s.replaceAll(`REPLACE(LOWER(${s.replaceAll(x, '([a-zа-яё])([A-ZА-ЯЁ])', '\\1 \\2', d)}), 'ё', 'е')`, '[^\\p{L}\\p{N}]+', ' ', d)})`;
  const list = (words: string[]) => (words.length ? words.map((w) => d.text(w)).join(', ') : `''`);
  const wordOf = (key: string) =>
    `CASE WHEN ${key} IN (${list(w.won)}) THEN 'won' WHEN ${key} IN (${list(w.lost)}) THEN 'lost' ELSE 'open' END`;
  const stageIndex = (key: string) => `CASE ${key} ${w.stages.map(([k, i]) => `WHEN ${d.text(k)} THEN ${i}`).join(' ')} END`;
  const wall = (role: BigQueryRole) => (col(role) ? s.wall(col(role)!, d.text(w.zone)) : s.noWall);
  const last = w.stageCount - 1;
  const status = col('status');
  const lost = col('lost_stage');
  // A warehouse table has no row order: ties (the first spelling of a name, equal idle days) go by id, else created.
  // Shorter ids first: numbers (42 before 100) and prefixed counters (D-999 before D-1000) in their own order.
  const id = col('id') ? s.str(col('id')!) : null;
  const order = [
    id ? `LENGTH(${id}) ASC NULLS LAST, ${id} ASC NULLS LAST` : null,
    col('created') ? `${wall('created')} ASC NULLS LAST` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const raw = `SELECT
    ${d.int(`ROW_NUMBER() OVER (${order ? `ORDER BY ${order}` : ''})`)} - 1 AS row_no,
    ${textOf('id')} AS id, ${textOf('client')} AS client, ${textOf('manager')} AS manager, ${textOf('stage')} AS stage,
    ${status ? wordOf(headerKeyOf(`COALESCE(${s.str(status)}, '')`)) : `'open'`} AS status_cell,
    ${lost ? `${stageIndex(nameKeyOf(`TRIM(${s.str(lost)})`))}` : 'CAST(NULL AS INTEGER)'} AS lost_index,
    ${wall('created')} AS created, ${wall('closed')} AS closed, ${wall('last_activity')} AS last_activity,
    ${col('amount') ? `COALESCE(${s.number(col('amount')!)}, 0)` : '0'} AS amount
  FROM ${d.ident(w.table)}`;
  const keyed = `SELECT *, ${nameKeyOf('client')} AS client_key, ${nameKeyOf('manager')} AS manager_key,
    ${stageIndex(nameKeyOf('stage'))} AS stage_index, ${wordOf(headerKeyOf('stage'))} AS stage_word
  FROM (${raw}) AS raw_deals`;
  // The stage cell places a deal; a won status puts it at the last stage; a stage that reads as lost is "lost, stage unknown".
  const read = `SELECT *,
    CASE WHEN status_cell = 'open' THEN stage_word ELSE status_cell END AS status,
    CASE WHEN stage = '' THEN -1 WHEN status_cell = 'won' THEN ${last} WHEN stage_index IS NOT NULL THEN stage_index
      WHEN stage_word = 'won' THEN ${last} WHEN stage_word = 'lost' THEN 0 ELSE -1 END AS stage_reached,
    (stage <> '' AND (status_cell = 'won' OR stage_index IS NOT NULL OR stage_word = 'won')) AS stage_placed
  FROM (${keyed}) AS keyed_deals`;
  // The lost-at-stage column raises a lost deal to the stage it names (never lowers it) and places it.
  const placed = `SELECT *,
    CASE WHEN stage_reached >= 0 AND lost_index > stage_reached AND status <> 'won' THEN lost_index ELSE stage_reached END AS furthest,
    (stage_placed OR (stage_reached >= 0 AND lost_index IS NOT NULL)) AS placed
  FROM (${read}) AS read_deals`;
  return `SELECT row_no, id, client, client_key, manager, manager_key, stage, status, furthest,
    CASE WHEN status = 'lost' AND furthest >= 0 AND placed THEN furthest ELSE -1 END AS lost_at,
    created, closed, last_activity, ${s.noWall} AS stage_changed, amount
  FROM (${placed}) AS placed_deals`;
}
