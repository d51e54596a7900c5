// The BigQuery advanced service, emulated (RULES.md rules 31–35, 39): a query job runs the DuckDB dialect
// of the same KPI query on DuckDB, and answers in the REST API's shapes — job reference, jobComplete
// false while "running", pages behind pageToken, errors as the advanced service throws them.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigquery, duckdb } from '../../src/sql/dialect';
import { kpi, readLabel, type KpiParams } from '../../src/sql/kpis';

export interface BigQueryEmulation {
  /** A DuckDB database file holding the tables (a query's rows are kept by its text and the file's modification time). */
  database: string;
  /** BigQuery table id ("project.dataset.table") → the DuckDB table that stands for it. */
  tables: Record<string, string>;
  /** Where the jobs run; outside the US a job is found only with its location. Default EU. */
  location?: string;
  /** getQueryResults answers jobComplete false this many times before the result (default 0). */
  pendingPolls?: number;
  /** Rows per page (default 10,000). */
  pageSize?: number;
  /** What the query would bill (default BigQuery's 10 MB minimum). */
  bytesBilled?: number;
  /** Google's answer for this user and project instead of a result: its reason and message. */
  refuse?: { reason: string; message: string };
}

/** The text the advanced service throws: a GoogleJsonResponseException naming the API call. */
const failure = (method: string, message: string) =>
  new Error(`GoogleJsonResponseException: API call to bigquery.jobs.${method} failed with error: ${message}`);

const TEN_MB = 10 * 1024 * 1024;
/** Rows of queries already run, by database file, its modification time and the query. */
const results = new Map<string, Pick<Job, 'fields' | 'rows'>>();
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'bigqueryWorker.mjs');

interface Job {
  projectId: string;
  location: string;
  pending: number;
  fields: { name: string; type: string }[];
  rows: { f: { v: unknown }[] }[];
}

/** The DuckDB dialect of a labelled KPI query, its tables mapped; Google's "Invalid query" for anything else. */
function duckdbTwin(sql: string, em: BigQueryEmulation): string {
  const label = readLabel(sql);
  // The host runs only what the product's generator wrote (ours: Google would run any GoogleSQL).
  if (!label || kpi(label.key).sql(bigquery, label.params) !== label.body)
    throw failure('query', 'Invalid query: the local host runs only the KPI queries of src/sql, unchanged.');
  const localOf = (ref: string) => {
    const id = ref.replace(/^`|`$/g, '');
    const local = em.tables[id];
    if (!local) throw failure('query', `Not found: Table ${id} was not found in location ${em.location ?? 'EU'}`);
    return local;
  };
  const { warehouse } = label.params;
  const tables: Record<string, string> = {};
  for (const [source, ref] of Object.entries(label.params.tables))
    tables[source] = warehouse && source === 'deals' ? String(ref) : duckdb.ident(localOf(String(ref)));
  // A warehouse table read with the user's own columns: the same reading, over the local table.
  const local = warehouse ? { ...warehouse, table: localOf(warehouse.table) } : undefined;
  return kpi(label.key).sql(duckdb, { ...label.params, tables: tables as KpiParams['tables'], warehouse: local });
}

function runOnDuckdb(sql: string, database: string): Pick<Job, 'fields' | 'rows'> {
  const run = spawnSync(process.execPath, [WORKER, database], { input: sql, encoding: 'utf8', cwd: join(dirname(WORKER), '..', '..') });
  const out = JSON.parse(run.stdout || JSON.stringify({ error: run.stderr })) as {
    fields: Job['fields'];
    rows: Job['rows'];
    error?: string;
  };
  if (out.error) throw failure('query', `Invalid query: ${out.error.split('\n')[0]}`);
  return out;
}

export function bigQueryJobs(em: BigQueryEmulation) {
  const jobs = new Map<string, Job>();
  const location = em.location ?? 'EU';
  const pageSize = em.pageSize ?? 10_000;
  const page = (jobId: string, job: Job, start: number) => {
    const end = Math.min(start + pageSize, job.rows.length);
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: { projectId: job.projectId, jobId, location: job.location },
      jobComplete: true,
      schema: { fields: job.fields },
      totalRows: String(job.rows.length),
      rows: job.rows.slice(start, end),
      ...(end < job.rows.length ? { pageToken: `page-${end}` } : {}),
    };
  };
  const pending = (jobId: string, job: Job) => ({
    kind: 'bigquery#getQueryResultsResponse',
    jobReference: { projectId: job.projectId, jobId, location: job.location },
    jobComplete: false,
  });
  return {
    query(request: Record<string, unknown>, projectId: string) {
      if (em.refuse) throw failure('query', em.refuse.message);
      // QueryRequest.useLegacySql defaults to true: GoogleSQL must say so.
      if (request.useLegacySql !== false)
        throw failure('query', 'Invalid query: Syntax error: the query is GoogleSQL but useLegacySql is not false.');
      const duckSql = duckdbTwin(String(request.query ?? ''), em);
      const billed = Math.max(TEN_MB, em.bytesBilled ?? 0);
      const cap = request.maximumBytesBilled === undefined ? Infinity : Number(request.maximumBytesBilled);
      if (billed > cap) throw failure('query', `Query exceeded limit for bytes billed: ${cap}. ${billed} or higher required.`);
      const jobId = `job_${jobs.size + 1}`;
      // The same query on the same database file (unchanged since) gives the same rows: kept, not computed again.
      const key = `${em.database}\n${statSync(em.database).mtimeMs}\n${duckSql}`;
      let result = results.get(key);
      if (!result) results.set(key, (result = runOnDuckdb(duckSql, em.database)));
      const job: Job = { projectId, location, pending: em.pendingPolls ?? 0, ...result };
      jobs.set(jobId, job);
      return job.pending > 0
        ? { ...pending(jobId, job), kind: 'bigquery#queryResponse' }
        : { ...page(jobId, job, 0), kind: 'bigquery#queryResponse' };
    },
    getQueryResults(projectId: string, jobId: string, options: Record<string, unknown> = {}) {
      const job = jobs.get(jobId);
      // A job outside the US is found only with its location (apps-script-samples PR #125).
      if (!job || job.projectId !== projectId || (job.location !== 'US' && options.location !== job.location))
        throw failure('getQueryResults', `Not found: Job ${projectId}:${jobId}`);
      if (job.pending > 0) {
        job.pending--;
        return pending(jobId, job);
      }
      const token = options.pageToken === undefined ? 'page-0' : String(options.pageToken);
      const start = /^page-(\d+)$/.exec(token);
      if (!start) throw failure('getQueryResults', `Invalid value: pageToken ${token}`);
      return page(jobId, job, Number(start[1]));
    },
  };
}
