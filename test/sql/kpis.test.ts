// The KPI queries the deals-only engine does not use yet — lead response, effective touches by week,
// time in stage from a stage history — run on DuckDB against the JavaScript metrics on random data.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, query, type Engine } from '../../dev/engine/duckdb';
import { inPeriod, weekStart } from '../../src/metrics/calendar';
import { emptySlaCounts, tallyLead } from '../../src/metrics/response';
import { percentile } from '../../src/metrics/stats';
import { duckdb } from '../../src/sql/dialect';
import { kpi, type KpiParams } from '../../src/sql/kpis';
import { createTable, TABLES, type TableName } from '../../src/sql/tables';
import { nameKey } from '../../src/tracker/names';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 27, 10, 0);
const RANGE = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
const MANAGERS = ['Anna', 'ANNA', 'Boris', 'Вера'];

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine();
});
afterAll(() => engine.close());

/** A literal of the column's type: wall times are numbers here, NaN for none. */
const value = (v: unknown, type: string) =>
  typeof v === 'number' && Number.isNaN(v)
    ? 'NULL'
    : type === 'wall'
      ? duckdb.wall(v as number)
      : type === 'text'
        ? duckdb.text(String(v))
        : String(v);

/** A fresh table with the rows given (wall times as numbers, NaN for none). */
async function table(name: TableName, rows: unknown[][]): Promise<void> {
  await engine.connection.run(`DROP TABLE IF EXISTS ${name}`);
  await engine.connection.run(createTable(duckdb, name));
  const types = Object.values(TABLES[name]) as string[];
  if (rows.length)
    await engine.connection.run(
      `INSERT INTO ${name} VALUES ${rows.map((r) => `(${r.map((v, i) => value(v, types[i])).join(', ')})`).join(', ')}`,
    );
}

const params = (p: Partial<KpiParams> = {}): KpiParams => ({
  stages: 3,
  range: RANGE,
  now: NOW,
  stalledDays: 14,
  slaMinutes: 10,
  spans: [RANGE],
  tables: { deals: 'deals', leads: 'leads', activities: 'activities', history: 'history' },
  ...p,
});

describe('lead response', () => {
  it('10 min 59 s after the lead is a breach of a 10-minute SLA; exactly 10 minutes is not (seconds, not minute boundaries)', async () => {
    const created = Date.UTC(2026, 10, 20, 9, 0, 30);
    await table('leads', [
      [0, 'Anna', 'anna', created, created + 10 * MINUTE + 59_000],
      [1, 'Anna', 'anna', created, created + 10 * MINUTE],
      [2, 'Anna', 'anna', created + 1, created + 10 * MINUTE + 1],
    ]);
    const [row] = await query(engine, kpi('response').sql(duckdb, params()));
    expect(row).toMatchObject({ manager_key: 'anna', counted: 3, breached: 1, unanswered: 0 });
  });

  it('on random leads: counted, breached, unanswered and the median minutes per manager equal metrics/response.ts', async () => {
    const lead = fc.record({
      created: fc.option(fc.integer({ min: Date.UTC(2026, 9, 20), max: NOW }), { freq: 8 }),
      waited: fc.option(fc.integer({ min: -MINUTE, max: 60 * MINUTE }), { freq: 2 }),
      manager: fc.integer({ min: 0, max: MANAGERS.length - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(lead, { maxLength: 40 }), fc.constantFrom(1, 10, 30), async (leads, sla) => {
        await table(
          'leads',
          leads.map((l, i) => [
            i,
            MANAGERS[l.manager],
            nameKey(MANAGERS[l.manager]),
            l.created ?? NaN,
            l.created !== null && l.waited !== null ? l.created + l.waited : NaN,
          ]),
        );
        const rows = await query(engine, kpi('response').sql(duckdb, params({ slaMinutes: sla })));
        const expected = new Map<string, ReturnType<typeof emptySlaCounts> & { minutes: number[] }>();
        for (const l of leads) {
          if (l.created === null || !inPeriod(l.created, RANGE)) continue;
          const key = nameKey(MANAGERS[l.manager]);
          const counts = expected.get(key) ?? { ...emptySlaCounts(), minutes: [] };
          tallyLead(counts, l.created, l.waited === null ? NaN : l.created + l.waited, NOW, sla, null, counts.minutes);
          expected.set(key, counts);
        }
        expect(rows.map((r) => r.manager_key)).toEqual([...expected.keys()].sort());
        for (const r of rows) {
          const e = expected.get(String(r.manager_key))!;
          expect({ counted: r.counted, breached: r.breached, unanswered: r.unanswered }).toEqual({
            counted: e.counted,
            breached: e.breached,
            unanswered: e.unanswered,
          });
          if (e.minutes.length) expect(r.median_minutes as number).toBeCloseTo(percentile(e.minutes, 0.5), 9);
          else expect(r.median_minutes).toBeNull();
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('effective touches by week', () => {
  it('weeks start on Monday, as metrics/calendar.ts weekStart; undated touches count in the period', async () => {
    const touch = fc.record({
      date: fc.option(fc.integer({ min: Date.UTC(2026, 9, 1), max: NOW }), { freq: 8 }),
      manager: fc.integer({ min: 0, max: 3 }),
      effective: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(touch, { maxLength: 40 }), async (touches) => {
        await table(
          'activities',
          touches.map((t, i) => [i, MANAGERS[t.manager], nameKey(MANAGERS[t.manager]), t.date ?? NaN, t.effective]),
        );
        const rows = await query(engine, kpi('touches').sql(duckdb, params()));
        const expected = new Map<string, { touches: number; inPeriod: number }>();
        for (const t of touches) {
          if (!t.effective) continue;
          const key = `${nameKey(MANAGERS[t.manager])}|${t.date === null ? 'none' : weekStart(t.date)}`;
          const e = expected.get(key) ?? { touches: 0, inPeriod: 0 };
          e.touches++;
          if (t.date === null || inPeriod(t.date, RANGE)) e.inPeriod++;
          expected.set(key, e);
        }
        const got = new Map(
          rows.map((r) => [`${r.manager_key}|${r.week === null ? 'none' : r.week}`, { touches: r.touches, inPeriod: r.in_period }]),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('time in stage from a stage history (deal, stage, at)', () => {
  it("from entering a stage to the deal's next entry, the last stage until now: count, mean and median days per stage", async () => {
    const entry = fc.record({
      deal: fc.integer({ min: 1, max: 6 }),
      stage: fc.constantFrom('Lead', 'Meeting', 'Proposal'),
      at: fc.integer({ min: 0, max: 90 * 24 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 30 }), async (entries) => {
        const rows = entries.map((e) => ({ deal: `D${e.deal}`, stage: e.stage, at: Date.UTC(2026, 7, 1) + e.at * 3_600_000 }));
        await table(
          'history',
          rows.map((r) => [r.deal, r.stage, r.at]),
        );
        const got = await query(engine, kpi('timeInStage').sql(duckdb, params()));
        // The reference: each deal's entries in time order (a tie by stage name), each lasting until the next.
        const spells = new Map<string, number[]>();
        const byDeal = new Map<string, typeof rows>();
        for (const r of rows) byDeal.set(r.deal, [...(byDeal.get(r.deal) ?? []), r]);
        for (const list of byDeal.values()) {
          list.sort((a, b) => a.at - b.at || (a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0));
          list.forEach((r, i) => spells.set(r.stage, [...(spells.get(r.stage) ?? []), ((list[i + 1]?.at ?? NOW) - r.at) / 86_400_000]));
        }
        expect(got.map((g) => g.stage)).toEqual([...spells.keys()].sort());
        for (const g of got) {
          const days = spells.get(String(g.stage))!;
          expect(g.spells).toBe(days.length);
          expect(g.mean_days as number).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 6);
          expect(g.median_days as number).toBeCloseTo(percentile(days, 0.5), 6);
        }
      }),
      { numRuns: 40 },
    );
  });
});
