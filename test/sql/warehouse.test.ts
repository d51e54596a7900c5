// A warehouse table with the user's own columns read into the KPI queries' typed deals table
// (src/sql/warehouse.ts): row by row what the tracker reads from the same cells in a sheet, and
// every deals KPI over it parsed as BigQuery GoogleSQL.
import { Parser } from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, query, type Engine } from '../../dev/engine/duckdb';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { bigquery, duckdb } from '../../src/sql/dialect';
import { DEAL_KPIS, type KpiParams } from '../../src/sql/kpis';
import { warehouseDeals, warehouseView } from '../../src/sql/warehouse';
import { nameKey } from '../../src/tracker/names';
import { dayOrderOfLocale, zoneClock } from '../../src/tracker/dates';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readDeals } from '../../src/tracker/table';

const HEADERS = ['Deal №', 'Клиент', 'Менеджер', 'Этап', 'Статус', 'Этап отказа', 'Создана', 'Сумма, ₽'];
const W = (d: number) => Date.UTC(2026, 10, d, 9, 30);

/** Cells a tracker holds: known stages, an alias, stage cells that are status words, unknown and blank stages, status words in both languages and camelCase, lost-at-stage, names spelled two ways. */
const ROWS: unknown[][] = [
  ['A-1', 'Ромашка', 'Анна Ёлкина', 'Лид', '', '', W(1), 1000],
  ['A-2', 'ромашка ', ' анна  елкина', 'Встреча', 'Открыта', '', W(2), 2500.5],
  ['A-3', 'Lilac Ltd', 'Bob', 'КП', 'ClosedWon', '', W(3), 3000],
  ['A-4', 'Lilac Ltd', 'Bob', 'Лид', 'Отказ', 'КП', W(4), 0],
  ['A-5', 'Oak', 'bob', 'Встреча', 'lost', 'Лид', W(5), null],
  ['A-6', 'Oak', 'Bob', 'Успешно реализовано', '', '', W(6), 700],
  ['A-7', '', 'Bob', 'Закрыто и не реализовано', '', '', W(7), 100],
  ['A-8', 'Pine', 'Carol', 'Неизвестный этап', '', '', W(8), 100],
  ['A-9', 'Pine', 'Carol', 'Неизвестный этап', 'Won', '', W(9), 900],
  ['A-10', 'Pine', 'Carol', '', 'Won', '', W(10), 900],
  ['A-11', 'Elm', 'Carol', 'предложение', '', '', null, 50],
  ['A-12', 'Elm', 'Carol', 'Договор', 'проиграна', 'Нет такого', W(12), 50],
  ['A-13', 'Elm', 'Carol', 'Встреча', 'Проиграна', 'Договор', W(13), 50],
  ['A-14', 'Elm', 'Carol', 'Договор', 'won', 'Лид', W(14), 50],
];

let engine: Engine;
let settings: Settings;

beforeAll(async () => {
  engine = await openEngine('256MB');
  const types = ['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'TIMESTAMP', 'DOUBLE'];
  const literal = (v: unknown, i: number) =>
    v === null || v === ''
      ? 'NULL'
      : types[i] === 'TIMESTAMP'
        ? `TIMESTAMP '${new Date(v as number).toISOString().replace('T', ' ').replace('Z', '')}'`
        : types[i] === 'DOUBLE'
          ? String(v)
          : `'${String(v).replace(/'/g, "''")}'`;
  await query(engine, `CREATE TABLE raw (${HEADERS.map((h, i) => `${duckdb.ident(h)} ${types[i]}`).join(', ')})`);
  await query(engine, `INSERT INTO raw VALUES ${ROWS.map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`);
  settings = {
    ...defaultSettings(),
    funnel: ['Лид', 'Встреча', 'КП', 'Договор'],
    stageAliases: [{ alias: 'Предложение', stage: 'КП' }],
    lostWords: ['Открыта-нет'],
  };
});
afterAll(() => engine?.close());

const COLUMNS = {
  id: 'Deal №',
  client: 'Клиент',
  manager: 'Менеджер',
  stage: 'Этап',
  status: 'Статус',
  lost_stage: 'Этап отказа',
  created: 'Создана',
  amount: 'Сумма, ₽',
} as const;

describe('a warehouse table read into the typed deals table', () => {
  it('gives each row the status, furthest stage, lost-at stage and name keys the tracker reads from the same cells', async () => {
    const rows = await query(
      engine,
      `SELECT * FROM (${warehouseView(duckdb, warehouseDeals('raw', settings, COLUMNS, 'UTC'))}) ORDER BY row_no`,
    );
    const funnel = makeFunnel(settings.funnel, 'funnel', settings.stageAliases);
    const clock = zoneClock('UTC');
    const sheet = [HEADERS, ...ROWS.map((r) => r.map((v, i) => (v === null ? '' : i === 6 ? new Date(v as number) : v)))];
    const ctx = {
      order: () => dayOrderOfLocale('ru_RU'),
      wall: clock,
      words: statusWords(settings.wonWords, settings.lostWords),
      notes: [],
    };
    const t = readDeals(sheet, { sheet: 'Deals', columns: COLUMNS, stageColumns: [] }, funnel, ctx);
    const expected = ROWS.map((_, r) => ({
      row_no: r,
      id: t.id[r],
      client_key: t.client[r] ? nameKey(t.client[r]) : '',
      manager_key: nameKey(t.manager[r]),
      stage: t.stage[r],
      status: t.status[r],
      furthest: t.furthest[r],
      lost_at: t.lostAt[r],
      created: Number.isNaN(t.created[r]) ? null : t.created[r],
      amount: t.amount[r],
    }));
    const got = rows.map((row) => Object.fromEntries(Object.keys(expected[0]).map((k) => [k, row[k]])));
    expect(got).toEqual(expected);
    // The cases are there: a lost deal raised to its stage, a won status over an unknown stage, an unknown stage left out, names folded.
    expect(new Set(expected.map((e) => e.furthest))).toEqual(new Set([-1, 0, 1, 2, 3]));
    expect(expected.filter((e) => e.status === 'lost' && e.lost_at >= 0).length).toBeGreaterThanOrEqual(2);
    expect(expected[1].manager_key).toBe(expected[0].manager_key);
  });

  it('every deals KPI over it parses as BigQuery GoogleSQL, the table and its columns quoted', () => {
    const parser = new Parser();
    const params: KpiParams = {
      stages: 4,
      range: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) },
      now: Date.UTC(2026, 10, 27, 10),
      stalledDays: 14,
      slaMinutes: 10,
      spans: [{ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }],
      tables: { deals: bigquery.ident('acme-crm.sales.deals') },
      warehouse: warehouseDeals('acme-crm.sales.deals', settings, COLUMNS, 'Europe/Moscow'),
    };
    for (const k of DEAL_KPIS) {
      const sql = k.sql(bigquery, params);
      expect(sql).toMatch(/^WITH warehouse_deals AS \(/);
      expect(sql).toContain('FROM `acme-crm.sales.deals`');
      expect(sql).toContain("DATETIME(SAFE_CAST(CAST(`Создана` AS STRING) AS TIMESTAMP), 'Europe/Moscow')");
      expect(parser.astify(sql.replace(/ NULLS (FIRST|LAST)/g, ''), { database: 'BigQuery' }), k.key).toBeTruthy();
    }
  });
});
