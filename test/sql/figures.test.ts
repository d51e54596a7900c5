// Figure by figure: on random funnels, every figure of the summary computed by the SQL KPIs on DuckDB
// equals the JavaScript summary's (counts exactly, every other number to 1e-9 of its size).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealsFacts, insertSources, openEngine, runDealKpis, runSourceKpis } from '../../dev/engine/duckdb';
import type { KpiParams } from '../../src/sql/kpis';
import type { ActivitiesTable, LeadsTable } from '../../src/tracker/table';
import { PERIODS, defaultSettings, type Settings } from '../../src/settings/schema';
import { sqlSummaryFigures, stalledThresholds, withInMemorySections } from '../../src/sql/figures';
import { summaryFigures, type SummaryFigures } from '../../src/summary/figures';
import { periodRange, previousRange, sparkBuckets } from '../../src/summary/period';
import { makeFunnel } from '../../src/tracker/stages';
import type { Status } from '../../src/tracker/statuses';
import type { DealsTable } from '../../src/tracker/table';

const NOW = Date.UTC(2026, 10, 27, 10, 0);
const FIRST = Date.UTC(2025, 0, 1);
const MANAGERS = ['Anna', 'anna', 'Boris', 'Вера Ёлкина', 'вера елкина', ''];
const CLIENTS = ['Acme', 'ACME', 'Beta', 'Gamma', ''];

interface Deal {
  furthest: number;
  status: Status;
  lostKnown: boolean;
  created: number | null;
  closedAfter: number | null;
  idle: number | null;
  amount: number;
  manager: number;
  client: number;
}

const dealArb = (stages: number) =>
  fc.record({
    furthest: fc.integer({ min: -1, max: stages - 1 }),
    status: fc.constantFrom<Status>('open', 'won', 'lost'),
    lostKnown: fc.boolean(),
    created: fc.option(fc.integer({ min: 0, max: 700 * 24 }), { freq: 6 }),
    closedAfter: fc.option(fc.integer({ min: -5 * 24, max: 200 * 24 }), { freq: 3 }),
    idle: fc.option(fc.integer({ min: 0, max: 90 * 24 }), { freq: 2 }),
    amount: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 1_000_000 }).map((c) => c / 100),
    ),
    manager: fc.integer({ min: 0, max: MANAGERS.length - 1 }),
    client: fc.integer({ min: 0, max: CLIENTS.length - 1 }),
  });

/** A deals table as the tracker would read it: won deals at the last stage, lost ones placed or not. */
function tableOf(deals: Deal[], names: string[]): DealsTable {
  const n = deals.length;
  const last = names.length - 1;
  const hours = (h: number | null) => (h === null ? NaN : FIRST + h * 3_600_000);
  const furthest = Int32Array.from(deals, (d) => (d.status === 'won' && d.furthest >= 0 ? last : d.furthest));
  const created = Float64Array.from(deals, (d) => hours(d.created));
  const closed = Float64Array.from(deals, (d, i) =>
    d.status === 'open' || d.closedAfter === null || created[i] !== created[i] ? NaN : created[i] + d.closedAfter * 3_600_000,
  );
  return {
    length: n,
    furthest,
    lostAt: Int32Array.from(deals, (d, i) => (d.status === 'lost' && d.lostKnown && furthest[i] >= 0 ? furthest[i] : -1)),
    stage: Array.from(furthest, (s) => (s >= 0 ? names[s] : '')),
    status: deals.map((d) => d.status),
    created,
    closed,
    lastActivity: Float64Array.from(deals, (d) => (d.idle === null ? NaN : NOW - d.idle * 3_600_000)),
    stageChanged: new Float64Array(n).fill(NaN),
    amount: Float64Array.from(deals, (d) => d.amount),
    currencyInText: '',
    lastEdit: new Float64Array(n).fill(NaN),
    currencyColumn: '',
    lostReason: new Array<string>(n).fill(''),
    hasLostReason: false,
    id: deals.map((_, i) => `D-${i + 1}`),
    name: deals.map(() => ''),
    stageDays: null,
    currentSince: new Float64Array(n).fill(NaN),
    manager: deals.map((d) => MANAGERS[d.manager]),
    client: deals.map((d) => CLIENTS[d.client]),
    hasAmount: true,
    hasLastActivity: true,
    placesLost: true,
  };
}

/** One activity: its type and result (some effective, some undone), when, by whom, the deal or client it names. */
interface Activity {
  type: number;
  result: number;
  at: number | null;
  manager: number;
  deal: number;
}
/** One lead: created, answered some minutes and seconds later (or not), by whom. */
interface Lead {
  created: number | null;
  after: number | null;
  manager: number;
}
/** A deal's path as the tracker measures it: days in each stage (or unknown), since when it is in its stage. */
interface Path {
  days: (number | null)[];
  since: number | null;
}

const TYPES = ['Meeting', 'Call', 'Demo', 'Meeting cancelled', ''];
const RESULTS = ['', 'held', 'cancelled', 'Proposal sent'];
const DEALS_NAMED = ['D-1', 'D-2', 'D-3', 'Acme', 'beta', ''];

const activityArb = fc.record({
  type: fc.integer({ min: 0, max: TYPES.length - 1 }),
  result: fc.integer({ min: 0, max: RESULTS.length - 1 }),
  at: fc.option(fc.integer({ min: 0, max: 700 * 24 }), { freq: 8 }),
  manager: fc.integer({ min: 0, max: MANAGERS.length - 1 }),
  deal: fc.integer({ min: 0, max: DEALS_NAMED.length - 1 }),
});
const leadArb = fc.record({
  created: fc.option(fc.integer({ min: 0, max: 700 * 24 * 60 }), { freq: 8 }),
  after: fc.option(fc.integer({ min: 0, max: 40 * 60 }), { freq: 4 }),
  manager: fc.integer({ min: 0, max: MANAGERS.length - 1 }),
});
const pathArb = fc.record({
  days: fc.array(
    fc.option(
      fc.integer({ min: 0, max: 60 * 24 }).map((h) => h / 24),
      { freq: 2 },
    ),
    { minLength: 5, maxLength: 5 },
  ),
  since: fc.option(fc.integer({ min: 0, max: 700 * 24 }), { freq: 2 }),
});

function activitiesOf(list: Activity[]): ActivitiesTable {
  return {
    length: list.length,
    type: list.map((a) => TYPES[a.type]),
    result: list.map((a) => RESULTS[a.result]),
    date: Float64Array.from(list, (a) => (a.at === null ? NaN : FIRST + a.at * 3_600_000)),
    manager: list.map((a) => MANAGERS[a.manager]),
    deal: list.map((a) => DEALS_NAMED[a.deal]),
  };
}

function leadsOf(list: Lead[]): LeadsTable {
  // Seconds matter to the SLA: a response 10 min 59 s after is a breach of 10 minutes.
  const created = Float64Array.from(list, (l) => (l.created === null ? NaN : FIRST + l.created * 60_000));
  return {
    length: list.length,
    id: list.map((_, i) => `L-${i}`),
    created,
    responded: Float64Array.from(list, (l, i) => (l.after === null || created[i] !== created[i] ? NaN : created[i] + l.after * 1000)),
    manager: list.map((l) => MANAGERS[l.manager]),
  };
}

/** The deals with paths: days per stage where measured, since when each is in its stage. */
function withPaths(table: DealsTable, paths: Path[], stages: number): DealsTable {
  return {
    ...table,
    stageDays: Array.from({ length: stages }, (_, s) => Float64Array.from(paths, (p) => p.days[s] ?? NaN)),
    currentSince: Float64Array.from(paths, (p) => (p.since === null ? NaN : FIRST + p.since * 3_600_000)),
  };
}

/** Every number of two figure trees: integers equal, others within 1e-9 of their size; everything else equal. */
function expectSameFigures(sql: unknown, js: unknown, path = 'figures'): void {
  if (typeof js === 'number' && typeof sql === 'number') {
    if (!Number.isFinite(js) || (Number.isInteger(js) && Math.abs(js) < 2 ** 31)) expect(sql, path).toBe(js);
    else expect(Math.abs(sql - js), `${path}: ${sql} vs ${js}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(js)));
    return;
  }
  if (js && typeof js === 'object' && sql && typeof sql === 'object') {
    expect(Object.keys(sql as object).sort(), path).toEqual(Object.keys(js as object).sort());
    for (const key of Object.keys(js as object))
      expectSameFigures((sql as Record<string, unknown>)[key], (js as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(sql, path).toEqual(js);
}

async function bothEngines(
  deals: Deal[],
  names: string[],
  period: Settings['period'],
  plans: Settings['plans'],
  others: { activities?: Activity[]; leads?: Lead[]; paths?: Path[]; stalledByStage?: Settings['stalledDaysByStage'] } = {},
): Promise<{ sql: SummaryFigures; js: SummaryFigures }> {
  const settings: Settings = {
    ...defaultSettings(),
    funnel: names,
    period,
    plans,
    stalledDays: 14,
    stalledDaysByStage: others.stalledByStage ?? [],
  };
  settings.sources.deals = {
    sheet: 'Deals',
    columns: { stage: 'Stage', created: 'Created', closed: 'Closed', amount: 'Amount', manager: 'Manager', client: 'Client' },
    stageColumns: [],
  };
  const funnel = makeFunnel(names, 'funnel');
  const plain = tableOf(deals, names);
  const table = others.paths ? withPaths(plain, others.paths, names.length) : plain;
  const activities = others.activities ? activitiesOf(others.activities) : null;
  const leads = others.leads ? leadsOf(others.leads) : null;
  const range = periodRange(period, NOW, 1);
  // The forecast, loss reasons and cohorts are not in SQL yet: the engine computes them from the deals in memory.
  const all = summaryFigures({
    deals: table,
    activities,
    leads,
    reroutedAt: [],
    funnel,
    settings,
    range,
    now: NOW,
    notes: [],
    firstDay: 1,
  });
  // The SQL stalled KPI lists the deals without pricing them (docs/sql.md): compared without the money.
  const { value: _value, mostValuable: _mostValuable, ...stalled } = all.stalled;
  const js: SummaryFigures = { ...all, stalled: { ...stalled, idlest: stalled.idlest.map(({ amount: _amount, ...deal }) => deal) } };
  const engine = await openEngine();
  try {
    await insertSources(engine, { deals: table, activities, leads }, settings.effectiveTouches);
    const previous = previousRange(range, 1);
    const buckets = sparkBuckets(range, NOW, 1);
    const params: KpiParams = {
      stages: names.length,
      range,
      now: NOW,
      stalledDays: 14,
      stalledDaysByStage: stalledThresholds(settings, funnel),
      slaMinutes: 10,
      spans: [range, ...buckets.spans, ...(previous ? [previous] : [])],
      tables: {
        deals: 'deals',
        stageDays: 'stage_days',
        openSince: 'open_since',
        ...(activities ? { activities: 'activities', dealKeys: 'deal_keys', activityDeals: 'activity_deals' } : {}),
        ...(leads ? { leads: 'leads' } : {}),
      },
    };
    const results = await runDealKpis(engine, params);
    const sources = await runSourceKpis(engine, params, { timed: table.stageDays !== null });
    const facts = await dealsFacts(engine, { hasAmount: true, placesLost: true }, params.tables);
    const sql = sqlSummaryFigures({
      results,
      facts,
      funnel,
      settings,
      range,
      previous,
      sparkUnit: buckets.unit,
      now: NOW,
      notes: [],
      sources,
    });
    return {
      sql: withInMemorySections(sql, {
        deals: table,
        activities,
        leads,
        reroutedAt: [],
        funnel,
        settings,
        range,
        now: NOW,
        notes: [],
        firstDay: 1,
      }),
      js,
    };
  } finally {
    engine.close();
  }
}

describe("the SQL KPIs on DuckDB give the JavaScript summary's figures", () => {
  it('on random funnels, periods and plans, figure by figure', async () => {
    const funnelArb = fc.integer({ min: 2, max: 5 }).chain((stages) =>
      fc.record({
        names: fc.constant(['Lead', 'Meeting', 'Proposal', 'Contract', 'Paid'].slice(5 - stages)),
        deals: fc.array(dealArb(stages), { minLength: 0, maxLength: 80 }),
        period: fc.constantFrom(...PERIODS),
        plans: fc.array(
          fc.record({
            manager: fc.constantFrom('Anna', 'BORIS', 'Nobody'),
            touchesPerWeek: fc.constantFrom(0, 5),
            dealsPerMonth: fc.constantFrom(0, 2),
            revenuePerMonth: fc.constantFrom(0, 5000),
          }),
          { maxLength: 2 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(funnelArb, async ({ names, deals, period, plans }) => {
        const { sql, js } = await bothEngines(deals, names, period, plans);
        expectSameFigures(sql, js);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('with random activities, leads and stage paths too: touches, plans, response, SLA, time in stage, stalled — figure by figure', async () => {
    const funnelArb = fc.integer({ min: 2, max: 5 }).chain((stages) =>
      fc.record({
        names: fc.constant(['Lead', 'Meeting', 'Proposal', 'Contract', 'Paid'].slice(5 - stages)),
        deals: fc.array(dealArb(stages), { minLength: 0, maxLength: 60 }),
        period: fc.constantFrom(...PERIODS),
        plans: fc.array(
          fc.record({
            manager: fc.constantFrom('Anna', 'BORIS', 'Вера Ёлкина', 'Nobody'),
            touchesPerWeek: fc.constantFrom(0, 1, 5),
            dealsPerMonth: fc.constantFrom(0, 2),
            revenuePerMonth: fc.constantFrom(0, 5000),
          }),
          { maxLength: 3 },
        ),
        activities: fc.option(fc.array(activityArb, { maxLength: 80 }), { freq: 4 }),
        leads: fc.option(fc.array(leadArb, { maxLength: 60 }), { freq: 4 }),
        timed: fc.boolean(),
        paths: fc.array(pathArb, { minLength: 60, maxLength: 60 }),
        stalledByStage: fc.array(
          fc.record({
            stage: fc.constantFrom('Lead', 'Meeting', 'Proposal', 'Contract', 'Nowhere'),
            days: fc.integer({ min: 1, max: 40 }),
          }),
          { maxLength: 3 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(funnelArb, async (c) => {
        const { sql, js } = await bothEngines(c.deals, c.names, c.period, c.plans, {
          activities: c.activities ?? undefined,
          leads: c.leads ?? undefined,
          paths: c.timed ? c.paths.slice(0, c.deals.length) : undefined,
          stalledByStage: c.stalledByStage,
        });
        expectSameFigures(sql, js);
      }),
      { numRuns: 60 },
    );
  }, 180_000);

  it('a funnel with every kind of deal: the figures are not empty (the comparison above has something to compare)', async () => {
    const deals: Deal[] = Array.from({ length: 40 }, (_, i) => ({
      furthest: i % 4,
      status: (['open', 'won', 'lost'] as const)[i % 3],
      lostKnown: i % 5 !== 0,
      created: (690 - i * 3) * 24,
      closedAfter: i % 7 === 0 ? -24 : 24 * (i + 1),
      idle: i % 2 ? 30 * 24 : null,
      amount: 100 + i,
      manager: i % 5,
      client: i % 4,
    }));
    const { sql, js } = await bothEngines(deals, ['Lead', 'Meeting', 'Proposal', 'Paid'], 'this_year', [
      { manager: 'Anna', touchesPerWeek: 0, dealsPerMonth: 2, revenuePerMonth: 1000 },
    ]);
    expect(js.deals).toBeGreaterThan(20);
    expect(js.cycle.count).toBeGreaterThan(3);
    expect(js.stalled.count).toBeGreaterThan(0);
    expect(js.notes.map((n) => n.reason)).toContain('reversedDates');
    expect(js.managers.some((m) => m.revenuePlan !== null)).toBe(true);
    expectSameFigures(sql, js);
  });
});
