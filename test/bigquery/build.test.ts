// Build KPI summary with the deals in a BigQuery table, end to end in the host: the BigQuery build
// (its manifest enables the advanced service), the query jobs run on the emulated warehouse, and the
// summary sheet written is the one the same deals give from a sheet, figure by figure.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { cutPoints } from '../helpers/cuts';
import { createHost, type Host, type HostOptions } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import type { BigQueryEmulation } from '../../dev/host/bigquery';
import { buildAll } from '../../scripts/build';
import { bigQueryBuildText } from '../../src/i18n/bigquery';
import { loadSettings, saveSettings } from '../../src/settings/storage';
import type { Settings } from '../../src/settings/schema';
import { DEAL_KPIS } from '../../src/sql/kpis';
import { zoneClock } from '../../src/tracker/dates';
import { runCut } from '../helpers/faults';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-bq-build-'));
const BIGQUERY_BUILD = join(dir, 'dist', 'Code.js');
const database = join(dir, 'warehouse.duckdb');
const TABLE = 'acme-crm.sales.deals';
/** The sample tracker's deals columns, by the headers the user wrote. */
let dealsColumns: Settings['sources']['deals'];
let sampleSettings: Settings;

const sqlText = (v: string) => `'${v.replace(/'/g, "''")}'`;
const sqlIdent = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** The sample tracker's Deals sheet as a warehouse table: the same headers, text as text, dates as the wall times the sheet shows, amounts as numbers. */
async function warehouseFromSheet(host: Host, sheet = 'Deals', table = 'deals_raw'): Promise<void> {
  const [headers, ...rows] = host.book.rows(sheet);
  const clock = zoneClock(host.book.timeZone);
  const kinds = headers.map((h) => {
    const values = rows.map((r) => r[headers.indexOf(h)]).filter((v) => v !== '' && v !== null);
    return values.every((v) => v instanceof Date) ? 'TIMESTAMP' : values.every((v) => typeof v === 'number') ? 'DOUBLE' : 'VARCHAR';
  });
  const literal = (v: unknown, kind: string) => {
    if (v === '' || v === null || v === undefined) return 'NULL';
    if (kind === 'TIMESTAMP') return `TIMESTAMP '${new Date(clock.wallOf(v as Date)).toISOString().replace('T', ' ').replace('Z', '')}'`;
    return kind === 'DOUBLE' ? String(v) : sqlText(String(v));
  };
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  await connection.run(
    `CREATE OR REPLACE TABLE ${sqlIdent(table)} (${headers.map((h, i) => `${sqlIdent(String(h))} ${kinds[i]}`).join(', ')})`,
  );
  await connection.run(
    `INSERT INTO ${sqlIdent(table)} VALUES ${rows.map((r) => `(${headers.map((_, i) => literal(r[i], kinds[i])).join(', ')})`).join(', ')}`,
  );
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  await buildAll({ bigquery: true, dist: join(dir, 'dist') });
  const sample = createHost();
  sample.run('menuInsertSample');
  sampleSettings = loadSettings(sample.documentProperties).settings;
  dealsColumns = sampleSettings.sources.deals;
  await warehouseFromSheet(sample);
  const russian = createHost({ locale: 'ru_RU' });
  russian.setSheet('Сделки', russianTracker(400));
  await warehouseFromSheet(russian, 'Сделки', 'сделки');
}, 120_000);

/** A Russian tracker: stage aliases, won and lost words in the stage and status columns, lost-at-stage, unknown and empty stages, a manager spelled two ways. */
function russianTracker(n: number): unknown[][] {
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const day = (d: number) => new Date(2026, 6, 1 + d);
  const rows: unknown[][] = [
    ['№', 'Менеджер', 'Клиент', 'Этап', 'Статус', 'Этап отказа', 'Создана', 'Закрыта', 'Сумма', 'Последняя активность'],
  ];
  for (let i = 1; i <= n; i++) {
    const created = Math.floor(rnd() * 140);
    const roll = rnd();
    const at = pick(['Лид', 'Встреча', 'КП', 'Предложение', 'Договор']);
    const [stage, status, lost] =
      roll < 0.25
        ? [pick(['Оплачено', 'Договор']), roll < 0.12 ? 'Выиграна' : '', '']
        : roll < 0.5
          ? [pick([at, 'Отказ']), 'Проиграна', rnd() < 0.7 ? pick(['Лид', 'Встреча', 'КП', 'Договор']) : '']
          : roll < 0.53
            ? [pick(['Архив', '']), '', '']
            : [at, '', ''];
    const closed = status || stage === 'Оплачено' || stage === 'Отказ' ? day(created + Math.floor(rnd() * 40)) : '';
    rows.push([
      `Р-${i}`,
      pick(['Анна Ёлкина', 'анна  елкина', 'Борис Смирнов', 'Вера Ким', 'Вера Ким']),
      `Клиент ${Math.floor(rnd() * 120)}`,
      stage,
      status,
      lost,
      day(created),
      closed,
      rnd() < 0.1 ? '' : Math.floor(rnd() * 900 + 100) * 100,
      rnd() < 0.6 ? day(created + Math.floor(rnd() * 60)) : '',
    ]);
  }
  return rows;
}

/** The sample tracker, summarised from its deals alone (a BigQuery source brings deals only). */
function dealsOnly(settings: Settings): Settings {
  return { ...settings, period: 'last_30_days', sources: { ...settings.sources, activities: null, leads: null } };
}

/** The BigQuery build in the host, the sample tracker's settings with its deals in the warehouse; `bq` whole is kept (a test changes it between runs). */
function bigQueryHost(bq: Partial<BigQueryEmulation> = {}, options: HostOptions = {}): Host {
  const emulation = 'database' in bq ? (bq as BigQueryEmulation) : { database, tables: { [TABLE]: 'deals_raw' }, ...bq };
  const host = createHost({ codePath: BIGQUERY_BUILD, bigquery: emulation, ...options });
  host.run('menuInsertSample');
  const columns = dealsColumns!.columns;
  const settings: Settings = {
    ...dealsOnly(sampleSettings),
    bigquery: {
      table: TABLE,
      billingProject: '',
      location: '',
      maxGigabytesBilled: 1,
      columns: {
        id: columns.id,
        created: columns.created,
        client: columns.client,
        manager: columns.manager,
        stage: columns.stage,
        status: columns.status,
        amount: columns.amount,
        closed: columns.closed,
        last_activity: columns.last_activity,
      },
    },
  };
  saveSettings(host.documentProperties, settings);
  host.ui.dialogs.length = 0;
  return host;
}

const summaryOf = (host: Host) => {
  const sheet = host.book.sheets.find(
    (s) => isOwnedSheetRecord(s, 'salesKpi.summary') && !isOwnedSheetRecord(s, 'salesKpi.summary.building'),
  );
  return sheet ? host.book.rows(sheet.name) : null;
};

/** The summary's sections by title: each block of rows between blank rows, its first cell the title. */
function sections(rows: unknown[][]): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  let block: unknown[][] = [];
  const trim = (r: unknown[]) => {
    const cells = [...r];
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  };
  for (const row of [...rows, []]) {
    const cells = trim(row);
    if (cells.length) block.push(cells);
    else if (block.length) {
      out.set(String(block[0][0]), block);
      block = [];
    }
  }
  return out;
}

describe('Build KPI summary from a BigQuery table (the BigQuery build, in the host)', () => {
  it('writes the summary sheet the same deals give from the sheet, section by section for the deals sections', () => {
    const fromSheet = createHost();
    fromSheet.run('menuInsertSample');
    saveSettings(fromSheet.documentProperties, dealsOnly(sampleSettings));
    fromSheet.run('menuBuildSummary');
    const bq = bigQueryHost({ pendingPolls: 1, pageSize: 3 });
    bq.run('menuBuildSummary');
    expect(bq.ui.dialogs).toEqual([]);
    const sheet = sections(summaryOf(fromSheet)!);
    const warehouse = sections(summaryOf(bq)!);
    const compared = [...warehouse.keys()].filter((title) => sheet.has(title) && title !== 'Sales KPI summary');
    // The deals sections, each written from the KPI queries' results.
    expect(compared).toEqual(
      expect.arrayContaining(['Headline', 'Funnel', 'Where money leaks', 'Deal cycle (deals won in the period, days)']),
    );
    expect(compared.some((t) => t.startsWith('Weak links'))).toBe(true);
    expect(compared.some((t) => t.startsWith('Stalled open deals'))).toBe(true);
    expect(compared.some((t) => t.startsWith('Managers'))).toBe(true);
    for (const title of compared) expect(warehouse.get(title), title).toEqual(sheet.get(title));
    // The header names the table and its rows; nothing of the sheet-only sections is made up.
    expect(JSON.stringify(summaryOf(bq)!.slice(0, 5))).toContain(`${TABLE} (300 rows)`);
    expect(warehouse.has('Forecast')).toBe(false);
    // Every deals KPI was one query job.
    expect(bq.calls.total((n) => n === 'BigQuery.Jobs.query')).toBe(DEAL_KPIS.length);
  });
});

/** The run's clock where every build starts: the same "now" gives the same query texts (the host keeps their rows). */
const START = Date.UTC(2026, 10, 27, 9);
const snapshot = (host: Host) =>
  JSON.stringify(host.book.sheets.map((s) => ({ name: s.name, rows: host.book.rows(s.name), marks: s.metadata.map((m) => m.key) })));

describe('a Russian tracker (aliases, won and lost words, lost-at-stage) from a sheet and from BigQuery', () => {
  const columns = {
    id: '№',
    manager: 'Менеджер',
    client: 'Клиент',
    stage: 'Этап',
    status: 'Статус',
    lost_stage: 'Этап отказа',
    created: 'Создана',
    closed: 'Закрыта',
    amount: 'Сумма',
    last_activity: 'Последняя активность',
  } as const;
  const base = (): Settings => ({
    ...sampleSettings,
    sources: { deals: { sheet: 'Сделки', columns, stageColumns: [] }, activities: null, leads: null, history: null },
    funnel: ['Лид', 'Встреча', 'КП', 'Договор'],
    stageAliases: [{ alias: 'Предложение', stage: 'КП' }],
    targets: [0.5, 0.6, 0.7],
    plans: [{ manager: 'Анна Ёлкина', touchesPerWeek: 0, dealsPerMonth: 4, revenuePerMonth: 300_000 }],
    stalledDays: 20,
  });
  for (const period of ['all', 'this_quarter', 'last_month'] as const)
    it(`every deals section is the sheet's, period ${period}`, () => {
      const fromSheet = createHost({ locale: 'ru_RU' });
      fromSheet.setSheet('Сделки', russianTracker(400));
      saveSettings(fromSheet.documentProperties, { ...base(), period });
      fromSheet.run('menuBuildSummary');
      const host = createHost({
        locale: 'ru_RU',
        codePath: BIGQUERY_BUILD,
        bigquery: { database, tables: { 'acme-crm.sales.сделки': 'сделки' }, pendingPolls: 1 },
      });
      host.setSheet('Сделки', russianTracker(400));
      const bigquery = { table: 'acme-crm.продажи.сделки', billingProject: 'acme-billing', location: 'EU', maxGigabytesBilled: 5, columns };
      saveSettings(host.documentProperties, { ...base(), period, bigquery });
      host.run('menuBuildSummary');
      // A table's name may be Cyrillic, a dataset's may not: named in one line, nothing queried.
      expect(host.ui.dialogs.map((d) => d.text)).toEqual([expect.stringMatching(/^Источник BigQuery в настройках: набор данных/)]);
      expect(host.calls.total((n) => n.startsWith('BigQuery.'))).toBe(0);
      host.ui.dialogs.length = 0;
      saveSettings(host.documentProperties, { ...base(), period, bigquery: { ...bigquery, table: 'acme-crm.sales.сделки' } });
      host.run('menuBuildSummary');
      expect(host.ui.dialogs).toEqual([]);
      const sheet = sections(summaryOf(fromSheet)!);
      const warehouse = sections(summaryOf(host)!);
      // Every section but the first (the header, which names the source).
      const compared = [...warehouse.keys()].slice(1).filter((title) => sheet.has(title));
      expect(compared.length).toBeGreaterThanOrEqual(8);
      expect(compared).toEqual(expect.arrayContaining(['Воронка', 'Менеджеры']));
      // The data notes count the same rows; a table has no row numbers, so the examples are the values alone.
      const notes = 'Заметки о данных';
      const withoutRows = (rows: unknown[][] | undefined) => rows?.map((r) => r.map((cell) => String(cell).replace(/ — .*$/, '')));
      expect(withoutRows(warehouse.get(notes))).toEqual(withoutRows(sheet.get(notes)));
      expect(sheet.get(notes)!.length).toBe(4);
      expect(String(warehouse.get(notes)![2][0])).toMatch(/ — "Архив", …$/);
      for (const title of compared.filter((t) => t !== notes))
        expect(warehouse.get(title), `${period}: ${title}`).toEqual(sheet.get(title));
      expect(host.calls.total((n) => n === 'BigQuery.Jobs.query')).toBe(DEAL_KPIS.length);
    });
});

describe('what stops a BigQuery build: one dialog line, nothing written', () => {
  const refusals: [string, (em: BigQueryEmulation) => void, RegExp, RegExp][] = [
    [
      'missing permissions',
      (em) => {
        em.refuse = {
          reason: 'accessDenied',
          message: 'Access Denied: Project acme-crm: User does not have bigquery.jobs.create permission in project acme-crm.',
        };
      },
      /BigQuery Job User role on acme-crm/,
      /BigQuery Job User в acme-crm/,
    ],
    [
      'billing',
      (em) => {
        em.refuse = { reason: 'billingNotEnabled', message: 'Billing has not been enabled for this project.' };
      },
      /enable billing/,
      /нужен биллинг/,
    ],
    [
      'the bytes cap',
      (em) => {
        em.bytesBilled = 5e9;
      },
      /more than the 1 GB allowed in Settings/,
      /больше 1 GB/,
    ],
    [
      'a table that is not there',
      (em) => {
        em.tables = {};
      },
      /no table acme-crm\.sales\.deals/,
      /нет таблицы acme-crm\.sales\.deals/,
    ],
    [
      'a job still running after four minutes',
      (em) => {
        em.pendingPolls = 1_000;
      },
      /did not finish in time: try Build summary again in a minute/,
      /не успел выполнить запрос/,
    ],
  ];
  for (const [what, refuse, en, ru] of refusals)
    it(`${what}: one dialog in the user's language saying what to fix; the summary built before is untouched`, () => {
      for (const [locale, words] of [
        ['en_US', en],
        ['ru_RU', ru],
      ] as const) {
        const em: BigQueryEmulation = { database, tables: { [TABLE]: 'deals_raw' } };
        const host = bigQueryHost(em, { locale });
        host.run('menuBuildSummary');
        const before = snapshot(host);
        refuse(em);
        host.run('menuBuildSummary');
        expect(host.ui.dialogs, `${what} ${locale}`).toHaveLength(1);
        const [dialog] = host.ui.dialogs;
        expect(dialog.text).toMatch(words);
        expect(dialog.text).not.toContain('\n');
        expect(dialog.text).not.toMatch(/GoogleJsonResponseException|at \w+ \(/);
        expect(snapshot(host), `${what} ${locale}`).toBe(before);
      }
    });

  it('settings to fix (the table id, the stage column) are named in one line before any query', () => {
    const host = bigQueryHost();
    for (const [table, stage, words] of [
      ['sales.deals', 'Stage', /project\.dataset\.table/],
      ['Acme.sales.deals', 'Stage', /project id/],
      ['acme-crm.sal-es.deals', 'Stage', /dataset/],
      [TABLE, '', /column that holds each deal's stage/],
    ] as const) {
      const settings = loadSettings(host.documentProperties).settings;
      saveSettings(host.documentProperties, { ...settings, bigquery: { ...settings.bigquery!, table, columns: { stage } } });
      host.ui.dialogs.length = 0;
      host.run('menuBuildSummary');
      expect(host.ui.dialogs.map((d) => d.text)).toEqual([expect.stringMatching(words)]);
      expect(host.calls.total((n) => n.startsWith('BigQuery.'))).toBe(0);
    }
  });

  it('the default build (no BigQuery advanced service in its manifest) says how to get the BigQuery build, in one line', () => {
    for (const [locale, language] of [
      ['en_US', 'en'],
      ['ru_RU', 'ru'],
    ] as const) {
      const host = bigQueryHost({}, { locale, codePath: undefined });
      expect(host.script('return typeof BigQuery')).toBe('undefined');
      const before = snapshot(host);
      host.run('menuBuildSummary');
      expect(host.ui.dialogs.map((d) => d.text)).toEqual([bigQueryBuildText(language, 'noService')]);
      expect(bigQueryBuildText(language, 'noService')).toMatch(/docs\/deploying\.md/);
      expect(snapshot(host)).toBe(before);
    }
  });
});

describe('a BigQuery build cut at any of its service calls', () => {
  for (const fault of ['kill', 'failure'] as const)
    it(`a ${fault} at each call leaves the user's data whole and the next build completes`, () => {
      const em: BigQueryEmulation = { database, tables: { [TABLE]: 'deals_raw' }, pendingPolls: 1, pageSize: 4 };
      const host = bigQueryHost(em);
      const run = () => {
        host.clock.set(START);
        host.run('menuBuildSummary');
      };
      run();
      const expected = summaryOf(host);
      run();
      const calls = host.lastRunCalls();
      expect(host.calls.total((n) => n.startsWith('BigQuery.Jobs.getQueryResults'))).toBeGreaterThan(0);
      const deals = JSON.stringify(host.book.rows('Deals'));
      for (const k of cutPoints(calls)) {
        host.clock.set(START);
        runCut(host, fault, k, 'menuBuildSummary');
        // Never two summaries of ours, never none: the one built before stays until the new one is whole.
        const complete = host.book.sheets.filter(
          (s) => isOwnedSheetRecord(s, 'salesKpi.summary') && !isOwnedSheetRecord(s, 'salesKpi.summary.building'),
        );
        expect(complete.length, `${fault} at call ${k}`).toBeLessThanOrEqual(1);
        expect(
          host.book.sheets.some((s) => isOwnedSheetRecord(s, 'salesKpi.summary')),
          `${fault} at call ${k}`,
        ).toBe(true);
        run();
        expect(summaryOf(host), `${fault} at call ${k}`).toEqual(expected);
        expect(
          host.book.sheets.filter((s) => isOwnedSheetRecord(s, 'salesKpi.summary.building')),
          `${fault} at call ${k}`,
        ).toEqual([]);
        expect(JSON.stringify(host.book.rows('Deals')), `${fault} at call ${k}`).toBe(deals);
      }
      expect(calls).toBeGreaterThan(2 * DEAL_KPIS.length);
    }, 600_000);
});

describe('the BigQuery build and the manifest (RULES.md rule 39)', () => {
  it("only the BigQuery build enables the advanced service and its scope; its code is the default build's, byte for byte", async () => {
    const plain = join(dir, 'plain');
    await buildAll({ dist: plain });
    const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'appsscript.json'), 'utf8'));
    const withBigQuery = manifestOf(join(dir, 'dist'));
    expect(withBigQuery.dependencies).toEqual({
      enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
    });
    expect(withBigQuery.oauthScopes).toContain('https://www.googleapis.com/auth/bigquery');
    const without = manifestOf(plain);
    expect(without.dependencies).toBeUndefined();
    expect(JSON.stringify(without.oauthScopes)).not.toContain('bigquery');
    expect(withBigQuery.oauthScopes.filter((s: string) => !s.includes('bigquery'))).toEqual(without.oauthScopes);
    for (const file of ['Code.js', 'Actions.html', 'Sidebar.html'])
      expect(readFileSync(join(dir, 'dist', file), 'utf8') === readFileSync(join(plain, file), 'utf8'), file).toBe(true);
  });

  /** The BigQuery build's files with another manifest. */
  function buildWithManifest(name: string, change: (manifest: Record<string, unknown>) => void): string {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    for (const file of ['Code.js', 'Actions.html', 'Sidebar.html']) copyFileSync(join(dir, 'dist', file), join(folder, file));
    const manifest = JSON.parse(readFileSync(join(dir, 'dist', 'appsscript.json'), 'utf8'));
    change(manifest);
    writeFileSync(join(folder, 'appsscript.json'), JSON.stringify(manifest));
    return join(folder, 'Code.js');
  }

  it('the host has a BigQuery global only when the manifest enables the service, under its userSymbol; without the scope a call is refused', () => {
    const emulation: BigQueryEmulation = { database, tables: { [TABLE]: 'deals_raw' } };
    expect(createHost({ bigquery: emulation }).script('return typeof BigQuery')).toBe('undefined');
    expect(createHost({ codePath: BIGQUERY_BUILD, bigquery: emulation }).script('return typeof BigQuery.Jobs.query')).toBe('function');
    const renamed = buildWithManifest('renamed', (m) => {
      m.dependencies = { enabledAdvancedServices: [{ userSymbol: 'BQ', serviceId: 'bigquery', version: 'v2' }] };
    });
    const host = createHost({ codePath: renamed, bigquery: emulation });
    expect(host.script('return [typeof BQ, typeof BigQuery].join()')).toBe('object,undefined');
    const noScope = buildWithManifest('no-scope', (m) => {
      m.oauthScopes = (m.oauthScopes as string[]).filter((s) => !s.includes('bigquery'));
    });
    expect(() =>
      createHost({ codePath: noScope, bigquery: emulation }).script("BigQuery.Jobs.query({ query: 'SELECT 1' }, 'acme-crm')"),
    ).toThrow(/Specified permissions are not sufficient to call BigQuery\.Jobs\.query/);
  });
});
