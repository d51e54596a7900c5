// The summary's KPI queries as BigQuery query jobs, in the host whose advanced service runs the DuckDB
// dialect of each query (dev/host/bigquery.ts): the job, the polling with backoff, every page, the
// figures equal to the JavaScript summary's, and each refusal turned into one thing the user can do.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertDeals, openEngine } from '../../dev/engine/duckdb';
import { buildAll } from '../../scripts/build';
import { createHost, type Host } from '../../dev/host/index';
import type { BigQueryEmulation } from '../../dev/host/bigquery';
import { BigQueryProblem, runQuery, type BigQueryJobs } from '../../src/bigquery/jobs';
import { bigQueryProblemText } from '../../src/i18n/bigquery';
import { loadSettings } from '../../src/settings/storage';
import type { Settings } from '../../src/settings/schema';
import { bigquery } from '../../src/sql/dialect';
import { sqlSummaryFigures, type KpiResults } from '../../src/sql/figures';
import { DEAL_KPIS, labelledSql, type KpiParams } from '../../src/sql/kpis';
import { summaryFigures, type SummaryFigures } from '../../src/summary/figures';
import { periodRange, previousRange, sparkBuckets } from '../../src/summary/period';
import { dayOrderOfLocale, zoneClock } from '../../src/tracker/dates';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readDeals, type DealsTable } from '../../src/tracker/table';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-bq-'));
const database = join(dir, 'warehouse.duckdb');
/** The BigQuery build: only its manifest enables the advanced service (RULES.md rule 39). */
const BIGQUERY_BUILD = join(dir, 'dist', 'Code.js');
const TABLE = 'acme-crm.sales.deals';
let settings: Settings;
let table: DealsTable;
let now: number;

beforeAll(async () => {
  await buildAll({ bigquery: true, dist: join(dir, 'dist') });
  // The sample tracker's deals, read by the tracker, stand for a BigQuery table.
  const sample = createHost();
  sample.run('menuInsertSample');
  settings = { ...loadSettings(sample.documentProperties).settings, period: 'this_month' };
  const clock = zoneClock(sample.book.timeZone);
  now = clock.wallOf(new Date(sample.clock.now()));
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  const ctx = {
    order: () => dayOrderOfLocale(sample.book.locale),
    wall: clock,
    words: statusWords(settings.wonWords, settings.lostWords),
    notes: [],
  };
  table = readDeals(sample.book.rows(settings.sources.deals!.sheet), settings.sources.deals!, funnel, ctx);
  const engine = await openEngine('256MB', database);
  await insertDeals(engine, table);
  engine.close();
});

function params(): KpiParams {
  const range = periodRange(settings.period, now);
  const previous = previousRange(range);
  return {
    stages: settings.funnel.length,
    range,
    now,
    stalledDays: settings.stalledDays,
    slaMinutes: 10,
    spans: [range, ...sparkBuckets(range, now).spans, ...(previous ? [previous] : [])],
    tables: { deals: bigquery.ident(TABLE) },
  };
}

/** Runs `work` as one execution in the host, with the host's BigQuery and Utilities services. */
function inRun<T>(host: Host, work: (jobs: BigQueryJobs, sleep: (ms: number) => void) => T): T {
  const context = host.context as unknown as Record<string, unknown> & {
    BigQuery: { Jobs: BigQueryJobs };
    Utilities: { sleep(ms: number): void };
  };
  let out: T;
  context.__bigQueryWork = () => {
    out = work(context.BigQuery.Jobs, (ms) => context.Utilities.sleep(ms));
  };
  try {
    host.run('__bigQueryWork');
  } finally {
    delete context.__bigQueryWork;
  }
  return out!;
}

/** Every deals KPI as a query job, and the summary's figures from their rows. */
function figuresThroughBigQuery(host: Host, maximumBytesBilled = 1e9): SummaryFigures {
  const p = params();
  const results = inRun(host, (jobs, sleep) => {
    const out: Record<string, unknown> = {};
    for (const k of DEAL_KPIS) {
      const rows = runQuery(jobs, labelledSql(bigquery, k.key, p), { projectId: 'acme-crm', maximumBytesBilled, sleep });
      out[k.key] = k.oneRow ? rows[0] : rows;
    }
    return out as unknown as KpiResults;
  });
  const managerKeys = new Set(table.manager.map((m) => m.toLowerCase()).filter(Boolean));
  let firstCreated = Infinity;
  for (const c of table.created) if (c < firstCreated) firstCreated = c;
  const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
  const range = p.range as ReturnType<typeof periodRange>;
  return sqlSummaryFigures({
    results,
    facts: { hasAmount: table.hasAmount, placesLost: table.placesLost, managerKeys, firstCreated },
    funnel,
    settings,
    range,
    previous: previousRange(range),
    sparkUnit: sparkBuckets(range, now).unit,
    now,
    notes: [],
  });
}

const hostWith = (bq: Partial<BigQueryEmulation> = {}) =>
  createHost({ codePath: BIGQUERY_BUILD, bigquery: { database, tables: { [TABLE]: 'deals' }, ...bq } });

describe('Build summary from a BigQuery table, in the host', () => {
  it("each KPI is one GoogleSQL query job; pending jobs are polled with backoff; every page is read; the figures are the JavaScript summary's", () => {
    const host = hostWith({ pendingPolls: 2, pageSize: 2 });
    const started = host.clock.now();
    const sql = figuresThroughBigQuery(host);
    const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
    const js = summaryFigures({
      deals: table,
      activities: null,
      leads: null,
      reroutedAt: [],
      funnel,
      settings,
      range: periodRange(settings.period, now),
      now,
      notes: [],
      firstDay: 1,
    });
    expect(JSON.parse(JSON.stringify(sql.funnel))).toEqual(JSON.parse(JSON.stringify(js.funnel)));
    expect(sql.managers.map((m) => [m.name, m.deals, m.won, m.closed, m.wonRevenue])).toEqual(
      js.managers.map((m) => [m.name, m.deals, m.won, m.closed, m.wonRevenue]),
    );
    expect(sql.headline.wonRevenue).toEqual(js.headline.wonRevenue);
    expect(sql.cycle.median).toBeCloseTo(js.cycle.median!, 9);
    // The SQL stalled KPI lists the deals without pricing them (their money is the weekly sections', which need the spreadsheet's history).
    const { value: _value, mostValuable: _mostValuable, ...unpriced } = js.stalled;
    expect(sql.stalled).toEqual({ ...unpriced, idlest: unpriced.idlest.map(({ amount: _amount, ...deal }) => deal) });
    expect(js.managers.length).toBeGreaterThan(1);
    const queries = host.calls.total((n) => n === 'BigQuery.Jobs.query');
    expect(queries).toBe(DEAL_KPIS.length);
    // Two polls per job (0.5 s then 1 s of sleep), then at least one page per job.
    expect(host.calls.total((n) => n === 'BigQuery.Jobs.getQueryResults')).toBeGreaterThanOrEqual(queries * 3);
    expect(host.clock.now() - started).toBeGreaterThanOrEqual(queries * 1_500);
  });

  it('asks for GoogleSQL (useLegacySql false) with a cap on bytes billed; past the cap the query fails and says what to do', () => {
    const host = hostWith({ bytesBilled: 5e9 });
    const error = (() => {
      try {
        figuresThroughBigQuery(host, 1e9);
      } catch (e) {
        return e as BigQueryProblem;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BigQueryProblem);
    expect(error!.kind).toBe('bytes');
    expect(bigQueryProblemText('en', error!.kind, { project: 'acme-crm', table: TABLE, limit: '1 GB', detail: '' })).toMatch(
      /^The query would bill more than the 1 GB allowed in Settings/,
    );
    const legacy = hostWith();
    expect(() => inRun(legacy, (jobs) => jobs.query({ query: labelledSql(bigquery, 'cohort', params()) }, 'acme-crm'))).toThrow(
      /useLegacySql/,
    );
  });

  it("a refusal for missing permissions or billing is one dialog line in the user's language, not a stack", () => {
    for (const [reason, message, kind] of [
      [
        'accessDenied',
        'Access Denied: Project acme-crm: User does not have bigquery.jobs.create permission in project acme-crm.',
        'access',
      ],
      [
        'billingNotEnabled',
        'Billing has not been enabled for this project. Enable billing at https://console.cloud.google.com/billing.',
        'billing',
      ],
    ] as const) {
      const host = hostWith({ refuse: { reason, message } });
      try {
        figuresThroughBigQuery(host);
        expect.unreachable();
      } catch (e) {
        expect((e as BigQueryProblem).kind).toBe(kind);
        for (const language of ['en', 'ru'] as const) {
          const line = bigQueryProblemText(language, kind, { project: 'acme-crm', table: TABLE, limit: '1 GB', detail: '' });
          expect(line.split('\n')).toHaveLength(1);
          expect(line).toContain('acme-crm');
        }
      }
    }
  });

  it('a job still running when the poll budget is spent stops with "try again", and a job is looked up with its location', () => {
    const host = hostWith({ pendingPolls: 1_000 });
    expect(() =>
      inRun(host, (jobs, sleep) =>
        runQuery(jobs, labelledSql(bigquery, 'cohort', params()), {
          projectId: 'acme-crm',
          maximumBytesBilled: 1e9,
          sleep,
          budgetMs: 20_000,
        }),
      ),
    ).toThrow(BigQueryProblem);
    const lost = hostWith({ pendingPolls: 1 });
    expect(() =>
      inRun(lost, (jobs) => {
        const job = jobs.query({ query: labelledSql(bigquery, 'cohort', params()), useLegacySql: false }, 'acme-crm');
        return jobs.getQueryResults('acme-crm', job.jobReference.jobId);
      }),
    ).toThrow(/Not found: Job acme-crm:job_1/);
  });

  it('a server error or a kill at any call of a query job leaves nothing half done: the next run reads the same rows', () => {
    const host = hostWith({ pendingPolls: 1, pageSize: 2 });
    const funnel = () =>
      inRun(host, (jobs, sleep) =>
        runQuery(jobs, labelledSql(bigquery, 'funnel', params()), { projectId: 'acme-crm', maximumBytesBilled: 1e9, sleep }),
      );
    const whole = funnel();
    const calls = host.lastRunCalls();
    expect(calls).toBeGreaterThanOrEqual(4);
    for (let n = 1; n <= calls; n++) {
      for (const inject of ['fail', 'kill'] as const) {
        if (inject === 'fail') host.failAtCall(n);
        else host.killAtCall(n);
        expect(funnel, `${inject} at call ${n}`).toThrow();
        expect(funnel()).toEqual(whole);
      }
    }
  }, 300_000);

  it('only the queries the generator wrote run in the host (its own limit; Google runs any GoogleSQL)', () => {
    const host = hostWith();
    const label = labelledSql(bigquery, 'cohort', params());
    expect(() =>
      inRun(host, (jobs) => jobs.query({ query: label.replace('COUNT(*)', 'COUNT(1)'), useLegacySql: false }, 'acme-crm')),
    ).toThrow(/Invalid query/);
  });
});
