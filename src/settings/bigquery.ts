// The deals' BigQuery table (docs/settings.md, "bigquery"): its id read into project, dataset and
// table, and what is wrong with one, as the one part the user has to fix.

/** The roles a warehouse table's columns can play: the deals roles the KPI queries read (src/sql/warehouse.ts). */
export const BIGQUERY_ROLES = [
  'stage',
  'status',
  'lost_stage',
  'id',
  'client',
  'manager',
  'created',
  'closed',
  'last_activity',
  'amount',
] as const;
export type BigQueryRole = (typeof BIGQUERY_ROLES)[number];

export interface TableId {
  project: string;
  dataset: string;
  table: string;
}

/** What is wrong with a table id, naming the part to fix. */
export type TableIdProblem = 'parts' | 'project' | 'dataset' | 'table';

// BigQuery's naming rules (cloud.google.com/bigquery/docs: projects "Creating and managing projects",
// datasets "Name datasets", tables "Table naming"). A project id may be domain-scoped ("example.com:proj").
const PROJECT = /^([a-z0-9][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;
// Letters, marks, numbers, connectors (_), dashes and spaces; never a dot or a backtick.
const TABLE = /^[\p{L}\p{M}\p{N}\p{Pc}\p{Pd} ]{1,1024}$/u;

/** `project.dataset.table` (backticks around it allowed): the parts, or the first part that is wrong. */
export function readTableId(id: string): TableId | TableIdProblem {
  const parts = id.trim().replace(/^`|`$/g, '').split('.');
  if (parts.length < 3) return 'parts';
  // The last two parts are the dataset and the table; a domain-scoped project holds dots itself.
  const table = parts.pop()!;
  const dataset = parts.pop()!;
  const project = parts.join('.');
  if (!PROJECT.test(project)) return 'project';
  if (!DATASET.test(dataset)) return 'dataset';
  if (!TABLE.test(table) || table.trim() !== table) return 'table';
  return { project, dataset, table };
}

/** A billing project id as Google Cloud writes them, or '' (the table's own project). */
export function billingProjectOk(project: string): boolean {
  return project === '' || PROJECT.test(project);
}

/** A BigQuery location: a multi-region (US, EU) or a region (europe-west1), or '' (BigQuery finds it from the table). */
export function locationOk(location: string): boolean {
  return location === '' || /^[A-Za-z]+(-[A-Za-z]+[0-9]*)*$/.test(location);
}

/** Gigabytes (10⁹ bytes) as the whole number of bytes maximumBytesBilled takes. */
export const bytesOfGigabytes = (gb: number) => Math.round(gb * 1e9);

/** What stops a BigQuery build before any query, as a message key of i18n/bigquery.ts and the field it is about. */
export interface BigQuerySettingsProblem {
  path: string;
  key: 'tableParts' | 'tableProject' | 'tableDataset' | 'tableName' | 'billingProject' | 'location' | 'stageColumn';
}

/** The first thing to fix in a BigQuery source, or null. */
export function bigQuerySettingsProblem(bq: {
  table: string;
  billingProject: string;
  location: string;
  columns: Partial<Record<BigQueryRole, string>>;
}): BigQuerySettingsProblem | null {
  const id = readTableId(bq.table);
  if (typeof id === 'string')
    return {
      path: 'bigquery.table',
      key: ({ parts: 'tableParts', project: 'tableProject', dataset: 'tableDataset', table: 'tableName' } as const)[id],
    };
  if (!billingProjectOk(bq.billingProject)) return { path: 'bigquery.billingProject', key: 'billingProject' };
  if (!locationOk(bq.location)) return { path: 'bigquery.location', key: 'location' };
  if (!bq.columns.stage) return { path: 'bigquery.columns.stage', key: 'stageColumn' };
  return null;
}
