// npm start --engine duckdb against the default engine, as a user runs them (subprocesses): the same
// summary.csv and summary.html, weekly sections and all, on Maven, on the sample tracker's deals and
// on generated exports with lost-at-stage, stage dates and history, Russian dates and amounts, and
// plans — period by period.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { dealsExport, generateDeals, historyExport } from '../helpers/crmExports';
import { hasDatasets, MAVEN, SKIP_REASON } from '../helpers/datasets';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-engine-'));

/** Small chunks in the DuckDB engine: notes, examples and rows are carried across chunk boundaries. */
let chunkRows = '';
/** Fewer rows kept in memory by the DuckDB engine than its 500,000: a file over the limit, in a test's time. */
let keepRows = '';

function summaryBy(engine: 'sheet' | 'duckdb', name: string, ...args: string[]): { csv: string; html: string; out: string } {
  const out = join(dir, `${name}-${engine}`);
  const run = spawnSync('npx', ['tsx', 'dev/start.ts', '--engine', engine, '--out', out, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SALES_KPI_CHUNK_ROWS: chunkRows, SALES_KPI_KEEP_ROWS: keepRows },
  });
  expect(run.status, run.stderr).toBe(0);
  return { csv: readFileSync(join(out, 'summary.csv'), 'utf8'), html: readFileSync(join(out, 'summary.html'), 'utf8'), out: run.stdout };
}

/** The weekly sections' titles: This week, Trends (12 weeks), Pipeline change. */
const WEEKLY = [/^"?(This week|На этой неделе)/m, /^"?(Trends: |Динамика: )/m, /^"?(Pipeline change: |Движение сделок: )/m];

function expectSameSummary(name: string, ...args: string[]): string {
  const sheet = summaryBy('sheet', name, ...args);
  const duck = summaryBy('duckdb', name, ...args);
  expect(duck.out).toMatch(/DuckDB: [\d,]+ deals(, [\d,]+ [a-z ]+)* loaded/);
  expect(duck.out).not.toMatch(/left out of this summary/);
  // The comparison has the sections computed from the deals in memory to compare: cohorts and the weekly ones.
  expect(sheet.csv).toMatch(/Cohorts|Когорты/);
  for (const title of WEEKLY) expect(sheet.csv).toMatch(title);
  // Up to 500,000 deals the engine computes the forecast, loss reasons, cohorts and weekly sections with
  // the JavaScript from the deals it keeps: the whole summary is the same, the file as the sheet.
  expect(duck.csv).toBe(sheet.csv);
  expect(duck.html).toBe(sheet.html);
  return duck.csv;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A Russian CRM's export: dd.mm.yyyy dates, "1 234,50" amounts, lost deals with their stage, stage dates, managers spelled two ways. */
function russianExport(n: number): string {
  const rnd = random(7);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const date = (t: number) => {
    const d = new Date(t);
    return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  };
  const stages = ['Лид', 'Встреча', 'КП', 'Договор'];
  const lines = ['ID;Менеджер;Клиент;Этап;Этап отказа;Дата встречи;Создана;Закрыта;Сумма;Последняя активность'];
  for (let i = 0; i < n; i++) {
    const created = Date.UTC(2025, 6, 1) + Math.floor(rnd() * 500) * 86_400_000;
    const roll = rnd();
    const at = pick(stages);
    const stage = roll < 0.3 ? 'Оплачено' : roll < 0.55 ? 'Отказ' : at;
    const closed = roll < 0.55 ? date(created + Math.floor(rnd() * 60 - 3) * 86_400_000) : '';
    const meeting = rnd() < 0.4 ? date(created + 3 * 86_400_000) : '';
    const amount =
      rnd() < 0.1 ? '' : `${Math.floor(rnd() * 900) + 1} ${String(Math.floor(rnd() * 1000)).padStart(3, '0')},${rnd() < 0.5 ? '50' : '00'}`;
    const last = rnd() < 0.5 ? date(created + Math.floor(rnd() * 100) * 86_400_000) : '';
    lines.push(
      [
        `S-${i}`,
        pick(['Анна Ёлкина', 'анна елкина', 'Борис', 'Вера', '']),
        pick(['ООО Ромашка', 'ооо ромашка', 'ИП Петров', 'АО Вектор', '']),
        stage,
        stage === 'Отказ' && rnd() < 0.7 ? at : '',
        meeting,
        rnd() < 0.03 ? 'вчера' : date(created),
        closed,
        `"${amount}"`,
        last,
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const HOUR = 3_600_000;
const STAGES = ['Lead', 'Meeting', 'Proposal', 'Contract', 'Paid'];

/**
 * A CRM's four exports: deals (open at every stage, won, lost — some with the stage they were lost at),
 * the stage history of most of them (with deals no export holds), activities naming deals and clients
 * (some cancelled, some undated), and leads (some unanswered, answered to the second).
 */
function crmExports(n: number): Record<'deals' | 'history' | 'activities' | 'leads', string> {
  const rnd = random(11);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const stamp = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
  const managers = ['Anna Smith', 'anna smith', 'Boris', 'Chen', ''];
  const deals = ['Deal ID,Manager,Client,Stage,Status,Lost stage,Created,Closed,Amount'];
  const history = ['Deal ID,Stage,Date', 'X-1,Lead,2026-01-05 10:00:00', 'X-1,Meeting,2026-01-09 10:00:00', 'X-2,Lead,2026-02-01 09:00:00'];
  const activities = ['Date,Manager,Type,Result,Deal'];
  const leads = ['Lead ID,Created,Responded,Manager'];
  for (let i = 0; i < n; i++) {
    const created = Date.UTC(2025, 8, 1) + Math.floor(rnd() * 420 * 24) * HOUR;
    const roll = rnd();
    const status = roll < 0.25 ? 'Won' : roll < 0.55 ? 'Lost' : 'Open';
    const top = status === 'Won' ? 4 : Math.floor(rnd() * 4);
    let at = created;
    const path: [string, number][] = [[STAGES[0], at]];
    for (let s = 1; s <= top; s++) path.push([STAGES[s], (at += Math.floor(rnd() * 20 * 24 + 1) * HOUR)]);
    if (status === 'Lost') path.push(['Lost', (at += Math.floor(rnd() * 10 * 24 + 1) * HOUR)]);
    const id = `G-${i}`;
    if (rnd() < 0.9 && at < Date.UTC(2026, 10, 1)) for (const [stage, t] of path) history.push(`${id},${stage},${stamp(t)}`);
    const lostStage = status === 'Lost' && rnd() < 0.3 ? STAGES[top] : '';
    const amount = rnd() < 0.1 ? '' : (100 + Math.floor(rnd() * 90000) / 10).toFixed(2);
    const client = pick(['Acme', 'ACME', 'Beta', 'Gamma', '']);
    deals.push(
      [
        id,
        pick(managers),
        client,
        status === 'Won' ? 'Paid' : STAGES[top],
        status,
        lostStage,
        stamp(created),
        status === 'Open' ? '' : stamp(at),
        amount,
      ].join(','),
    );
    for (let k = 0; k < 2; k++) {
      const t = created + Math.floor(rnd() * 60 * 24) * HOUR;
      const deal = rnd() < 0.7 ? id : pick(['Acme', 'Beta', '']);
      activities.push(
        [
          rnd() < 0.02 ? '' : stamp(t),
          pick(managers),
          pick(['Call', 'Meeting', 'Demo', 'Email']),
          pick(['', 'held', 'cancelled']),
          deal,
        ].join(','),
      );
    }
    if (i % 3 === 0) {
      const t = created + Math.floor(rnd() * 600) * 60_000;
      const responded = rnd() < 0.15 ? '' : stamp(t + Math.floor(rnd() * 30) * 60_000 + Math.floor(rnd() * 60) * 1000);
      leads.push([`L-${i}`, stamp(t), responded, pick(managers)].join(','));
    }
  }
  const file = (lines: string[]) => `${lines.join('\n')}\n`;
  return { deals: file(deals), history: file(history), activities: file(activities), leads: file(leads) };
}

/** The sample tracker's sheets saved as CSV files, as a user exports them: deals, activities, leads. */
function sampleExports(): string[] {
  const host = createHost({ now: new Date(2026, 10, 27, 10, 0).getTime() });
  host.run('menuInsertSample');
  const two = (n: number) => String(n).padStart(2, '0');
  const cell = (v: unknown) => {
    if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
      const d = v as Date;
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    }
    const text = String(v ?? '');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return ['deal|сделк', 'activit|активн', 'lead|лид'].map((kind) => {
    const sheet = host.book.sheets.find((s) => new RegExp(kind, 'i').test(s.name))!;
    const file = join(dir, `sample-${sheet.name}.csv`);
    writeFileSync(
      file,
      `${host.book
        .rows(sheet.name)
        .map((r) => r.map(cell).join(','))
        .join('\n')}\n`,
    );
    return file;
  });
}

describe("npm start --engine duckdb writes the default engine's summary", () => {
  it.skipIf(!hasDatasets)(
    `on Maven CRM, identical summary.csv for all time and for a quarter ${hasDatasets ? '' : SKIP_REASON}`,
    () => {
      const csv = expectSameSummary('maven', '--deals', MAVEN, '--as-of', '2017-12-31');
      expect(csv).toContain('Deals: sales_pipeline (8,800 rows)');
      expectSameSummary('maven-q', '--deals', MAVEN, '--as-of', '2017-06-15', '--period', 'last_quarter');
    },
    120_000,
  );

  it('on a generated Russian export with lost-at-stage, stage dates, unreadable dates and plans, in every period', () => {
    const deals = join(dir, 'сделки.csv');
    writeFileSync(deals, russianExport(3000));
    const settings = join(dir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        funnel: ['Лид', 'Встреча', 'КП', 'Договор', 'Оплачено'],
        plans: [
          { manager: 'Анна Ёлкина', dealsPerMonth: 10, revenuePerMonth: 500000 },
          { manager: 'Борис', touchesPerWeek: 5 },
          { manager: 'Никто', dealsPerMonth: 1 },
        ],
        targets: [0.8, 0.6, null, 0.5],
      }),
    );
    let csv = '';
    chunkRows = '700';
    for (const period of ['all', 'this_month', 'last_quarter', 'this_year']) {
      csv = expectSameSummary(
        `ru-${period}`,
        '--deals',
        deals,
        '--settings',
        settings,
        '--period',
        period,
        '--as-of',
        '2026-09-15',
        '--locale',
        'ru_RU',
      );
    }
    chunkRows = '';
    // The comparison had something to compare: notes, plans and lost deals placed at their stage.
    expect(csv).toMatch(/вчера/);
    expect(csv).toMatch(/Никто/);
    expect(csv).toMatch(/Анна Ёлкина/);
  }, 240_000);

  it("on the sample tracker's deals, and with its activities and leads, saved as CSV", () => {
    const [deals, activities, leads] = sampleExports();
    for (const period of ['all', 'this_month', 'last_month'])
      expectSameSummary(`sample-${period}`, '--deals', deals, '--period', period, '--as-of', '2026-11-27 10:00');
    let csv = '';
    for (const period of ['all', 'this_month', 'last_month'])
      csv = expectSameSummary(
        `sample-all-${period}`,
        ...['--deals', deals, '--activities', activities, '--leads', leads],
        ...['--period', period, '--as-of', '2026-11-27 10:00'],
      );
    // Something to compare: effective touches, response and SLA breaches per manager.
    expect(csv).toMatch(/Effective touches,\d+/);
    expect(csv).toMatch(/SLA breach rate,\d/);
    expect(csv).toMatch(/Activities: sample-\w+ \([\d,]+ rows\) · Leads/);
  }, 240_000);

  it('on generated exports with open deals, lost-at-stage, a stage history, activities, leads and plans, in chunks', () => {
    const files = crmExports(1500);
    const path = (name: string) => join(dir, `${name}.csv`);
    for (const [name, text] of Object.entries(files)) writeFileSync(path(name), text);
    const settings = join(dir, 'crm-settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        funnel: STAGES,
        // A stage's own threshold: time in the stage (from the history) makes a deal stalled too.
        stalledDaysByStage: [{ stage: 'Meeting', days: 5 }],
        plans: [
          { manager: 'Anna Smith', dealsPerMonth: 10, revenuePerMonth: 50000, touchesPerWeek: 5 },
          { manager: 'Boris', touchesPerWeek: 3 },
          { manager: 'Nobody', dealsPerMonth: 1 },
        ],
      }),
    );
    chunkRows = '400';
    let csv = '';
    for (const period of ['all', 'this_quarter', 'last_month'])
      csv = expectSameSummary(
        `crm-${period}`,
        ...['--deals', path('deals'), '--history', path('history'), '--activities', path('activities'), '--leads', path('leads')],
        ...['--settings', settings, '--period', period, '--as-of', '2026-11-20 12:00'],
      );
    chunkRows = '';
    // Time in stage from the history, its deals no export holds, touch plans: all there, and equal above.
    expect(csv).toMatch(/Time in stage/);
    expect(csv).toMatch(/Stage history: history \([\d,]+ rows\)/);
    expect(csv).toMatch(/Nobody/);
    const duck = summaryBy('duckdb', 'crm-notes', '--deals', path('deals'), '--history', path('history'), '--as-of', '2026-11-20 12:00');
    expect(duck.out).toMatch(/DuckDB: 1,500 deals, [\d,]+ history rows loaded/);
  }, 300_000);

  it('on amoCRM\'s and Bitrix24\'s exports (Windows-1251, ";") with their stage history, in Russian', () => {
    for (const crm of ['amocrm', 'bitrix24'] as const) {
      const { deals } = generateDeals(crm);
      const path = (kind: string, content: Buffer) => {
        const file = join(dir, `${crm}-${kind}.csv`);
        writeFileSync(file, content);
        return file;
      };
      const args = ['--deals', path('deals', dealsExport(crm, deals)), '--history', path('history', historyExport(crm, deals))];
      const csv = expectSameSummary(crm, ...args, '--as-of', '2026-06-01');
      // The history was read: time in stage, and the weeks back-filled from it.
      expect(csv).toMatch(/Время на этапе/);
    }
  }, 240_000);

  it('above the deals, activities or leads it keeps in memory, the sections computed from them are left out, and it says which', () => {
    const files = crmExports(600);
    const path = (name: string) => join(dir, `limit-${name}.csv`);
    for (const [name, text] of Object.entries(files)) writeFileSync(path(name), text);
    const args = ['--deals', path('deals'), '--as-of', '2026-11-20 12:00'];
    keepRows = '500';
    const over = summaryBy('duckdb', 'limit-deals', ...args);
    expect(over.out).toMatch(
      /The forecast, loss reasons, cohorts and weekly sections \(This week, Trends, Pipeline change\) are left out of this summary: above 500 deals/,
    );
    expect(over.csv).not.toMatch(/Cohorts/);
    for (const title of WEEKLY) expect(over.csv).not.toMatch(title);
    // 600 deals kept, 1,200 activities not: the weekly sections (their effective touches) are left out, the rest is whole.
    keepRows = '1000';
    const activities = summaryBy('duckdb', 'limit-activities', ...args, '--activities', path('activities'));
    keepRows = '';
    expect(activities.out).toMatch(
      /The weekly sections \(This week, Trends, Pipeline change\) are left out of this summary: they are computed from the deals, activities and leads held in memory, up to 1,000 rows each/,
    );
    expect(activities.csv).toMatch(/Cohorts/);
    for (const title of WEEKLY) expect(activities.csv).not.toMatch(title);
    // Under the limit the same files have them all.
    const whole = summaryBy('duckdb', 'limit-whole', ...args, '--activities', path('activities'));
    expect(whole.out).not.toMatch(/left out/);
    for (const title of WEEKLY) expect(whole.csv).toMatch(title);
  }, 180_000);

  it('chooses itself above 64 MB of files together, whichever sources they are (here a small deals file beside a large activities file)', () => {
    const [deals, activities] = sampleExports();
    const large = join(dir, 'large-activities.csv');
    // The sample's activities with a long note each: over 64 MB in a few thousand rows.
    const [header, ...rows] = readFileSync(activities, 'utf8').trimEnd().split('\n');
    const note = 'x'.repeat(Math.ceil((65 * 1024 * 1024) / rows.length));
    writeFileSync(large, `${header},Notes\n${rows.map((r) => `${r},${note}`).join('\n')}\n`);
    const run = spawnSync(
      'npx',
      ['tsx', 'dev/start.ts', '--deals', deals, '--activities', large, '--as-of', '2026-11-27 10:00', '--out', join(dir, 'auto')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/the files are \d+ MB: summarised with DuckDB \(--engine duckdb\)/);
    expect(run.stdout).toMatch(/DuckDB: 300 deals, [\d,]+ activities loaded/);
  }, 300_000);

  it('lead response in working hours: not in SQL, computed from the leads in memory, and said so; the same summary', () => {
    const [deals, , leads] = sampleExports();
    const settings = join(dir, 'hours.json');
    writeFileSync(settings, JSON.stringify({ sla: { minutes: 10, workingHours: { days: [1, 2, 3, 4, 5], from: '10:00', to: '12:00' } } }));
    const args = ['--deals', deals, '--leads', leads, '--as-of', '2026-11-27 10:00'];
    const hours = expectSameSummary('hours', ...args, '--settings', settings);
    expect(summaryBy('duckdb', 'hours-said', ...args, '--settings', settings).out).toMatch(
      /Lead response in working hours is not in SQL: computed from the leads held in memory/,
    );
    // The working hours changed the figures (the comparison above is about them).
    const calendar = summaryBy('duckdb', 'calendar', ...args).csv;
    const response = (csv: string) => csv.split('\r\n').find((line) => line.includes('Median lead response'));
    expect(response(hours)).toBeDefined();
    expect(response(hours)).not.toBe(response(calendar));
  }, 180_000);
});
