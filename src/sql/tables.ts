// The typed tables the KPI queries read: each source as the tracker reads it (src/tracker/table.ts),
// one row per sheet row, with safe column names whatever the user's headers were.
import type { Dialect } from './dialect';

type ColumnType = 'text' | 'int' | 'float' | 'wall' | 'bool';

/** Column name → type. Wall times are the spreadsheet's zone's clock (TIMESTAMP / DATETIME, no zone). */
export const TABLES = {
  deals: {
    row_no: 'int',
    id: 'text',
    client: 'text',
    client_key: 'text',
    manager: 'text',
    manager_key: 'text',
    stage: 'text',
    status: 'text',
    furthest: 'int',
    lost_at: 'int',
    created: 'wall',
    closed: 'wall',
    last_activity: 'wall',
    stage_changed: 'wall',
    amount: 'float',
  },
  leads: { row_no: 'int', manager: 'text', manager_key: 'text', created: 'wall', responded: 'wall' },
  activities: { row_no: 'int', manager: 'text', manager_key: 'text', date: 'wall', effective: 'bool' },
  history: { deal: 'text', stage: 'text', at: 'wall' },
  /** Days each deal spent in a funnel stage, as the tracker measured its path (one row per deal and measured stage). */
  stage_days: { row_no: 'int', stage: 'int', days: 'float' },
  /** Since when a deal is in the stage it is in now, where its path or its created date says. */
  open_since: { row_no: 'int', since: 'wall' },
  /** Each deal's id as a name key: what an activity's deal column is matched to (loaded with activities). */
  deal_keys: { row_no: 'int', id_key: 'text' },
  /** The deal each activity names (id or client) as a name key, and when: the deals' latest activity. */
  activity_deals: { deal_key: 'text', date: 'wall' },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type TableName = keyof typeof TABLES;

const TYPES: Record<Dialect['name'], Record<ColumnType, string>> = {
  duckdb: { text: 'VARCHAR', int: 'BIGINT', float: 'DOUBLE', wall: 'TIMESTAMP', bool: 'BOOLEAN' },
  bigquery: { text: 'STRING', int: 'INT64', float: 'FLOAT64', wall: 'DATETIME', bool: 'BOOL' },
};

export function createTable(d: Dialect, table: TableName, name: string = table): string {
  const columns = Object.entries(TABLES[table]).map(([column, type]) => `${d.ident(column)} ${TYPES[d.name][type as ColumnType]}`);
  return `CREATE TABLE ${d.ident(name)} (${columns.join(', ')})`;
}
