// A GoogleSQL query through the BigQuery advanced service: one query job (GoogleSQL, a cap on the
// bytes billed), polled with backoff until complete, every page read, values typed by the schema.
// The service is passed in, so the host's emulation (dev/host/bigquery.ts) stands in for Google's.

/** The slice of the advanced service used here (same shapes as the REST API, docs/sql.md). */
export interface BigQueryJobs {
  query(request: Record<string, unknown>, projectId: string): QueryResponse;
  getQueryResults(projectId: string, jobId: string, options?: Record<string, unknown>): QueryResponse;
}

export interface QueryResponse {
  jobReference: { projectId: string; jobId: string; location?: string };
  jobComplete: boolean;
  schema?: { fields: { name: string; type: string }[] };
  rows?: { f: { v: unknown }[] }[];
  pageToken?: string;
  errors?: { reason?: string; message?: string }[];
}

/** Why a query failed, in terms of what the user can do about it (i18n/bigquery.ts words each). */
export type BigQueryProblemKind = 'access' | 'billing' | 'bytes' | 'notFound' | 'timeout' | 'query';

export class BigQueryProblem extends Error {
  constructor(
    readonly kind: BigQueryProblemKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export interface QueryOptions {
  projectId: string;
  /** The most a query may bill: BigQuery fails it without charge past this (maximumBytesBilled). */
  maximumBytesBilled: number;
  sleep(ms: number): void;
  /** How long to keep polling before giving up (a run has six minutes in all). */
  budgetMs?: number;
  /** Where the job runs (US, EU, a region); left out, BigQuery finds it from the table. */
  location?: string;
}

/** The error reasons of BigQuery's error table, and the advanced service's message text, as a kind. */
export function problemOf(message: string): BigQueryProblemKind {
  if (/bytes billed|bytesBilledLimitExceeded/i.test(message)) return 'bytes';
  if (/billing|billingNotEnabled|billingTierLimitExceeded/i.test(message)) return 'billing';
  if (/access denied|accessDenied|permission|forbidden/i.test(message)) return 'access';
  if (/not found|notFound/i.test(message)) return 'notFound';
  return 'query';
}

/** The value of one cell as the schema types it (the REST API sends every value as text). */
function typed(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'INTEGER' || type === 'INT64' || type === 'FLOAT' || type === 'FLOAT64' || type === 'NUMERIC') return Number(value);
  if (type === 'BOOLEAN' || type === 'BOOL') return value === true || value === 'true';
  // A DATETIME is the spreadsheet zone's wall clock: read as UTC it is the tracker's wall time.
  if (type === 'DATETIME') return Date.parse(`${String(value).replace(' ', 'T').slice(0, 23)}Z`);
  return String(value);
}

function rowsOf(response: QueryResponse): Record<string, unknown>[] {
  const fields = response.schema?.fields ?? [];
  return (response.rows ?? []).map((row) => Object.fromEntries(fields.map((f, i) => [f.name, typed(row.f[i]?.v, f.type)])));
}

function call<T>(what: () => T): T {
  try {
    return what();
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    throw new BigQueryProblem(problemOf(message), message);
  }
}

/** Runs one GoogleSQL query and returns every row, typed. */
export function runQuery(jobs: BigQueryJobs, sql: string, options: QueryOptions): Record<string, unknown>[] {
  const { projectId, sleep } = options;
  let response = call(() =>
    jobs.query(
      {
        query: sql,
        useLegacySql: false,
        maximumBytesBilled: String(options.maximumBytesBilled),
        timeoutMs: 10_000,
        ...(options.location ? { location: options.location } : {}),
      },
      projectId,
    ),
  );
  const { jobId, location } = response.jobReference;
  // Backoff from half a second, doubling to eight; the job's location is passed on, or a job outside the US is "not found".
  let wait = 500;
  let waited = 0;
  while (!response.jobComplete) {
    if (waited >= (options.budgetMs ?? 240_000))
      throw new BigQueryProblem('timeout', `job ${jobId} not complete after ${Math.round(waited / 1000)} s`);
    sleep(wait);
    waited += wait;
    wait = Math.min(wait * 2, 8_000);
    response = call(() => jobs.getQueryResults(projectId, jobId, { location, timeoutMs: 10_000 }));
  }
  if (response.errors?.length)
    throw new BigQueryProblem(
      problemOf(response.errors.map((e) => `${e.reason}: ${e.message}`).join('; ')),
      response.errors[0].message ?? '',
    );
  const rows = rowsOf(response);
  while (response.pageToken) {
    const pageToken = response.pageToken;
    response = call(() => jobs.getQueryResults(projectId, jobId, { location, pageToken }));
    rows.push(...rowsOf(response));
  }
  return rows;
}
