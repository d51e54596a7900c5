// The KPI queries' text in both dialects: GoogleSQL parsed by a BigQuery-dialect parser, and each known
// difference between DuckDB and BigQuery pinned on the generated text (docs/sql.md "Dialects").
import { readFileSync } from 'node:fs';
import { Parser } from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, query, type Engine } from '../../dev/engine/duckdb';
import { normalQuantile, percentile } from '../../src/metrics/stats';
import { bigquery, duckdb, numberLiteral, type Dialect } from '../../src/sql/dialect';
import { KPIS, kpi, type KpiParams } from '../../src/sql/kpis';
import { createTable, TABLES, type TableName } from '../../src/sql/tables';

const params = (d: Dialect): KpiParams => ({
  stages: 4,
  range: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) },
  now: Date.UTC(2026, 10, 27, 10, 30, 15, 250),
  stalledDays: 14,
  stalledDaysByStage: [
    { stage: 1, days: 7 },
    { stage: 2, days: 21 },
  ],
  slaMinutes: 10,
  spans: [
    { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) },
    { from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) },
  ],
  tables: {
    deals: d.ident('deals'),
    leads: d.ident('leads'),
    activities: d.ident('activities'),
    history: d.ident('history'),
    stageDays: d.ident('stage_days'),
    openSince: d.ident('open_since'),
    dealKeys: d.ident('deal_keys'),
    activityDeals: d.ident('activity_deals'),
  },
});
const allTime = (d: Dialect): KpiParams => ({
  ...params(d),
  range: { from: -Infinity, to: Infinity },
  spans: [{ from: -Infinity, to: Infinity }],
  // The stalled list without stages' own thresholds: its other form, parsed too.
  stalledDaysByStage: undefined,
});
const texts = (d: Dialect) => KPIS.flatMap((k) => [k.sql(d, params(d)), k.sql(d, allTime(d))]);

/**
 * node-sql-parser's BigQuery grammar has no NULLS FIRST / NULLS LAST in ORDER BY, which GoogleSQL has
 * ("ORDER BY expression [{ ASC | DESC }] [{ NULLS FIRST | NULLS LAST }]", the query syntax reference):
 * they are taken out before parsing and pinned by a test of their own below.
 */
const forParser = (sql: string) => sql.replace(/ NULLS (FIRST|LAST)/g, '');

describe('the GoogleSQL of every KPI', () => {
  it('is documented: docs/sql.md lists every KPI query', () => {
    const doc = readFileSync('docs/sql.md', 'utf8');
    for (const k of KPIS) expect(doc, k.key).toContain(`| \`${k.key}\` |`);
  });

  it('names every table it reads (no KPI refers to a table the parameters leave out)', () => {
    for (const sql of [...texts(bigquery), ...texts(duckdb)]) expect(sql).not.toContain('undefined');
  });

  const parser = new Parser();
  for (const k of KPIS) {
    it(`${k.key} parses as BigQuery, for a period and for all time`, () => {
      for (const p of [params(bigquery), allTime(bigquery)]) {
        const ast = parser.astify(forParser(k.sql(bigquery, p)), { database: 'BigQuery' });
        expect(ast).toBeTruthy();
      }
    });
  }

  it("a query in DuckDB's dialect does not pass as BigQuery (the parser is not lenient)", () => {
    expect(() => parser.astify(forParser(kpi('funnel').sql(duckdb, params(duckdb))), { database: 'BigQuery' })).toThrow();
  });
});

describe("the dialects' known differences, on the generated text", () => {
  it('division: every "/" of a count or a sum is guarded by NULLIF (no division-by-zero error in BigQuery)', () => {
    for (const sql of [...texts(bigquery), ...texts(duckdb)]) {
      // The only other divisors are constants: 2, 60000 (minutes), 86400000 (days) and 1 + z²/n (at least 1).
      for (const m of sql.matchAll(/ \/ (\S+(?: \S+){0,2})/g)) expect(m[1], sql).toMatch(/^(NULLIF\(|\d+\b|\(1 \+ |\(4 \* NULLIF\()/);
    }
    expect(kpi('managers').sql(bigquery, params(bigquery))).toContain('CAST(won AS FLOAT64) / NULLIF(closed, 0)');
  });

  it('differences of dates: DuckDB date_diff(part, start, end), BigQuery DATETIME_DIFF(end, start, part), in milliseconds', () => {
    const bq = kpi('won').sql(bigquery, params(bigquery));
    const dd = kpi('won').sql(duckdb, params(duckdb));
    expect(bq).toContain('DATETIME_DIFF(`closed`, `created`, MILLISECOND)');
    expect(dd).toContain(`date_diff('millisecond', "created", "closed")`);
    for (const sql of [...texts(bigquery), ...texts(duckdb)]) expect(sql).not.toMatch(/\b(MINUTE|SECOND|DAY)\)|'(minute|second|day)'/i);
  });

  it('the SLA is compared in milliseconds (10 min 59 s is a breach of 10 minutes), never by minute boundaries', () => {
    for (const d of [bigquery, duckdb]) expect(kpi('response').sql(d, params(d))).toMatch(/ > 600000\b/);
  });

  it('weeks start on Monday: WEEK(MONDAY) in BigQuery (WEEK alone is Sunday), ISO date_trunc in DuckDB', () => {
    expect(kpi('touches').sql(bigquery, params(bigquery))).toContain('DATETIME_TRUNC(`date`, WEEK(MONDAY))');
    expect(kpi('touches').sql(duckdb, params(duckdb))).toContain(`date_trunc('week', "date")`);
  });

  it("exact percentiles like Sheets' PERCENTILE: PERCENTILE_CONT as a window in BigQuery, from ranks in DuckDB; never APPROX_QUANTILES", () => {
    const bq = texts(bigquery).join('\n');
    const dd = texts(duckdb).join('\n');
    expect(bq).toContain('PERCENTILE_CONT(days, 0.9) OVER ()');
    expect(bq).toContain('PERCENTILE_CONT(minutes, 0.5) OVER (PARTITION BY manager_key)');
    expect(dd).toContain('ROW_NUMBER() OVER ( ORDER BY days ASC NULLS LAST)\n      - 1 AS i');
    expect(dd).toContain('CAST(0.9 AS DOUBLE) * (COUNT(*) OVER () - 1) AS r1');
    expect(bq + dd).not.toMatch(/APPROX_QUANTILES|approx_quantile|quantile_disc|PERCENTILE_DISC/i);
  });

  it("DuckDB's percentiles from ranks are the JavaScript's to the last bit (quantile_cont is an ulp away: 3.25 days showed as 3.2 beside 3.3)", async () => {
    // Groups of four: hours as days, and a third of one of them (medians between two such values).
    const values = Array.from({ length: 400 }, (_, i) => {
      const hours = (i * 7919 + 13) % 2000;
      return { group: Math.floor(i / 4), days: i % 4 === 3 ? hours / 24 / 3 : hours / 24 };
    });
    const rows = values.map((v) => `(${v.group}, CAST(${v.days} AS DOUBLE))`).join(', ');
    const from = `(SELECT * FROM (VALUES ${rows}) AS t(grp, days))`;
    const engine = await openEngine();
    const got = await query(
      engine,
      `${duckdb.groupPercentiles(
        from,
        'days',
        ['grp'],
        [
          { p: 0.5, as: 'median' },
          { p: 0.9, as: 'p90' },
        ],
      )} ORDER BY grp`,
    );
    const cont = await query(engine, `SELECT grp, quantile_cont(days, 0.5) AS median FROM ${from} AS t GROUP BY grp ORDER BY grp`);
    engine.close();
    let ulpsApart = 0;
    for (const [g, row] of got.entries()) {
      const mine = values.filter((v) => v.group === g).map((v) => v.days);
      expect(row.median, `group ${g}`).toBe(percentile(mine, 0.5));
      expect(row.p90, `group ${g}`).toBe(percentile(mine, 0.9));
      if (cont[g].median !== row.median) ulpsApart++;
    }
    // Why the ranks: DuckDB's own interpolation differs somewhere here.
    expect(ulpsApart).toBeGreaterThan(0);
  });

  it("every ORDER BY says where NULLs go (the dialects' defaults differ)", () => {
    for (const sql of [...texts(bigquery), ...texts(duckdb)]) {
      for (const line of sql.split('\n')) {
        const at = line.indexOf('ORDER BY ');
        if (at < 0) continue;
        const terms = line
          .slice(at + 9)
          .replace(/ LIMIT .*$/, '')
          .replace(/\) AS \w+,?$/, '')
          .replace(/\)$/, '');
        for (const term of terms.split(', ')) expect(term, line).toMatch(/ (ASC|DESC) NULLS (FIRST|LAST)$/);
      }
    }
  });

  it('powers by POW, never ^ (XOR in DuckDB, an error in BigQuery)', () => {
    const all = [...texts(bigquery), ...texts(duckdb)].join('\n');
    expect(all).toContain(`POW(${numberLiteral(normalQuantile(0.975))}, 2)`);
    expect(all).not.toContain('^');
  });

  it('counts come back as numbers: CAST to INT64 / INTEGER (a 64-bit BIGINT would be a BigInt in Node)', () => {
    for (const [d, type] of [
      [bigquery, 'INT64'],
      [duckdb, 'INTEGER'],
    ] as const) {
      const sql = kpi('cohort').sql(d, params(d));
      expect(sql).toContain(`CAST(COUNT(*) AS ${type}) AS deals`);
      expect(sql.match(/COUNT\(/g)!.length).toBe(sql.match(/CAST\(COUNT\(/g)!.length + 2);
    }
  });

  it("dates are typed wall times of the spreadsheet's zone: DATETIME / TIMESTAMP without a zone, to the millisecond", () => {
    expect(kpi('stalled').sql(bigquery, params(bigquery))).toContain(`DATETIME '2026-11-27 10:30:15.250'`);
    expect(kpi('stalled').sql(duckdb, params(duckdb))).toContain(`TIMESTAMP '2026-11-27 10:30:15.250'`);
    expect(createTable(bigquery, 'deals')).toContain('`created` DATETIME');
    expect(createTable(duckdb, 'deals')).toContain('"created" TIMESTAMP');
    expect([...texts(bigquery), ...texts(duckdb)].join('\n')).not.toMatch(/TIMESTAMPTZ|TIMESTAMP\(|AT TIME ZONE/);
  });
});

describe('safe identifiers', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine();
  });
  afterAll(() => engine.close());

  it('any header is a column name: quotes, backticks, keywords and Cyrillic survive in DuckDB', async () => {
    const names = ['select', 'Сумма, ₽', 'say "hi"', 'it`s', 'a\\b'];
    await engine.connection.run(`CREATE TABLE t (${names.map((n, i) => `${duckdb.ident(n)} INTEGER DEFAULT ${i}`).join(', ')})`);
    await engine.connection.run('INSERT INTO t DEFAULT VALUES');
    const [row] = await query(engine, `SELECT ${names.map((n) => duckdb.ident(n)).join(', ')} FROM t`);
    expect(Object.keys(row)).toEqual(names);
  });

  it('and in BigQuery: a backtick escaped as in string literals, the parser reads a quoted name back as one identifier', () => {
    // GoogleSQL's lexical rules: quoted identifiers take the escape sequences of string literals
    // (node-sql-parser's grammar does not know \` inside backticks, so that one is checked as text).
    expect(bigquery.ident('it`s \\ ok')).toBe('`it\\`s \\\\ ok`');
    const parser = new Parser();
    for (const n of ['select', 'Сумма, ₽', 'close value']) {
      const ast = parser.astify(`SELECT ${bigquery.ident(n)} FROM t`, { database: 'BigQuery' }) as unknown as
        | { columns: { expr: { column: unknown } }[] }[]
        | { columns: { expr: { column: unknown } }[] };
      const select = Array.isArray(ast) ? ast[0] : ast;
      expect(JSON.stringify(select.columns[0].expr.column)).toContain(n);
    }
  });

  it('the typed tables are created in both dialects with the same columns', async () => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      await engine.connection.run(createTable(duckdb, table, `copy_${table}`));
      const columns = await query(
        engine,
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'copy_${table}' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(Object.keys(TABLES[table]));
      expect(createTable(bigquery, table).match(/`\w+` [A-Z0-9]+/g)!.length).toBe(Object.keys(TABLES[table]).length);
    }
  });
});
