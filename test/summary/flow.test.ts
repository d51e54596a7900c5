// Build KPI summary through the host running dist/Code.js: figures, safety promises, call budget.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { shownRows } from '../../dev/host/render';
import { loadSettings, readDamagedCopy, SETTINGS_KEY } from '../../src/settings/storage';
import { hasDatasets, MAVEN, readRecords, SKIP_REASON } from '../helpers/datasets';

const summaryOf = (host: Host) => host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'));
const shown = (host: Host) => shownRows(host.book, summaryOf(host)!).map((r) => r.map((c) => c.text));
/** The rows under a section title, up to the next blank row. */
function section(host: Host, title: string): string[][] {
  const rows = shown(host);
  const start = rows.findIndex((r) => r[0] === title);
  const end = rows.findIndex((r, i) => i > start && r.every((c) => c === ''));
  return rows.slice(start + 1, end === -1 ? undefined : end);
}
/** A section's table: from its header row (first cell `first`) to the section's end. */
function table(host: Host, title: string, first: string): string[][] {
  const rows = section(host, title);
  return rows.slice(rows.findIndex((r) => r[0] === first));
}
const number = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function sheetSnapshot(host: Host, name: string): string {
  const s = host.book.sheet(name)!;
  return JSON.stringify({
    values: s.values,
    formulas: [...s.formulas],
    styles: [...s.styles].map(([k, v]) => [k, [...v]]),
    validations: [...s.validations],
    size: [s.maxRows, s.maxColumns],
  });
}
function saveSettings(host: Host, settings: object): void {
  host.documentProperties.deleteAllProperties();
  host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, ...settings }));
}

/** n synthetic deals for the call-budget test. */
function dealRows(n: number): unknown[][] {
  const stages = ['Lead', 'Meeting', 'Paid'];
  return [
    ['ID', 'Created', 'Manager', 'Stage', 'Status', 'Amount', 'Closed'],
    ...Array.from({ length: n }, (_, i) => {
      const stage = stages[i % 3];
      return [
        `D${i}`,
        new Date(2026, 10, 1 + (i % 25)),
        `M${i % 4}`,
        stage,
        stage === 'Paid' ? 'Won' : i % 5 === 0 ? 'Lost' : '',
        1000 + i,
        stage === 'Paid' ? new Date(2026, 10, 26) : '',
      ];
    }),
  ];
}
const dealSettings = {
  sources: {
    deals: {
      sheet: 'Deals',
      columns: { id: 'ID', created: 'Created', manager: 'Manager', stage: 'Stage', status: 'Status', amount: 'Amount', closed: 'Closed' },
    },
    activities: null,
    leads: null,
  },
  funnel: ['Lead', 'Meeting', 'Paid'],
  period: 'all',
};

describe('Build KPI summary on the sample tracker', () => {
  const host = createHost();
  host.run('menuInsertSample');
  const deals = host.book.rows('Deals');
  const before = ['Deals', 'Activities', 'Leads'].map((n) => sheetSnapshot(host, n));
  host.run('menuBuildSummary');

  it('writes one summary sheet, first, named KPI Summary, and says so', () => {
    expect(host.book.sheets[0].name).toBe('KPI Summary');
    expect(host.book.toasts.map((t) => t.message)).toContain('KPI summary updated.');
  });

  it('its funnel, open and lost deals, leaks and headline match the Deals sheet counted another way', () => {
    const funnel = ['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'];
    const from = new Date(host.clock.now() - 29 * 86400000);
    from.setHours(0, 0, 0, 0);
    const inPeriod = deals.slice(1).filter((r) => (r[1] as Date).getTime() >= from.getTime());
    const reached = funnel.map((_, i) => inPeriod.filter((r) => r[5] === 'Won' || funnel.indexOf(r[4] as string) >= i).length);
    const at = (status: string, i: number) => inPeriod.filter((r) => r[5] === status && r[4] === funnel[i]).length;
    const rows = table(host, 'Funnel', 'Stage').slice(1);
    expect(rows.map((r) => r[0])).toEqual(funnel);
    expect(rows.map((r) => number(r[1]))).toEqual(reached);
    expect(rows[1][2]).toBe(pct(reached[1] / reached[0]));
    expect(rows.map((r) => number(r[4]))).toEqual(funnel.map((_, i) => at('Open', i)));
    expect(rows.map((r) => number(r[5]))).toEqual(funnel.map((_, i) => at('Lost', i)));
    // Decided conversion into a stage: those who got there ÷ (those + those lost at the stage before).
    const decided = funnel.map((_, i) => (i === 0 ? null : reached[i] / (reached[i] + at('Lost', i - 1))));
    expect(rows.slice(1).map((r) => r[6])).toEqual(decided.slice(1).map((x) => pct(x!)));
    // Money leaks: lost × average won (deals won in the period), and +5 pp with later steps unchanged.
    const wonRows = deals.slice(1).filter((r) => r[5] === 'Won' && (r[7] as Date).getTime() >= from.getTime());
    const average = wonRows.reduce((a, r) => a + (r[6] as number), 0) / wonRows.length;
    const leaks = table(host, 'Where money leaks', 'Step').slice(1, funnel.length);
    const gains = funnel.slice(0, -1).map((_, i) => {
      let later = 1;
      for (let j = i + 2; j < funnel.length; j++) later *= decided[j]!;
      return (reached[i + 1] + at('Lost', i)) * Math.min(0.05, 1 - decided[i + 1]!) * later * average;
    });
    expect(leaks.map((r) => number(r[1]))).toEqual(funnel.slice(0, -1).map((_, i) => at('Lost', i)));
    expect(leaks.map((r) => number(r[3]))).toEqual(funnel.slice(0, -1).map((_, i) => at('Open', i)));
    expect(leaks.map((r) => number(r[4]))).toEqual(gains.map((g) => Math.round(g)));
    expect(leaks.findIndex((r) => r[5] === '◀ growth point')).toBe(gains.indexOf(Math.max(...gains)));
    const headline = (label: string) => table(host, 'Headline', 'Figure').find((r) => r[0] === label)!;
    expect(number(headline('Won revenue, closed in period')[1])).toBe(wonRows.reduce((a, r) => a + (r[6] as number), 0));
    expect(number(headline('Won deals, closed in period')[1])).toBe(wonRows.length);
    const closed = inPeriod.filter((r) => r[5] !== 'Open');
    expect(headline('Win rate (won ÷ closed, deals created in the period)')[1]).toBe(
      pct(closed.filter((r) => r[5] === 'Won').length / closed.length),
    );
    expect(number(headline('Open pipeline now, deals')[1])).toBe(deals.slice(1).filter((r) => r[5] === 'Open').length);
  });

  it('its weak links and the rest of its headline match the sheets counted another way', () => {
    const funnel = ['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'];
    const now = host.clock.now();
    const from = new Date(now - 29 * 86400000);
    from.setHours(0, 0, 0, 0);
    const inPeriod = deals.slice(1).filter((r) => (r[1] as Date).getTime() >= from.getTime());
    const decided = (rows: unknown[][], i: number) => {
      const advanced = rows.filter((r) => r[5] === 'Won' || funnel.indexOf(r[4] as string) > i).length;
      const lost = rows.filter((r) => r[5] === 'Lost' && r[4] === funnel[i]).length;
      return advanced + lost ? pct(advanced / (advanced + lost)) : '';
    };
    const weak = table(host, 'Weak links: decided conversion per manager and step', 'Manager');
    expect(weak[0].slice(1, 6)).toEqual(funnel.slice(0, -1).map((s, i) => `${s} → ${funnel[i + 1]}`));
    expect(weak[1].slice(1, 6)).toEqual(funnel.slice(0, -1).map((_, i) => decided(inPeriod, i)));
    for (const row of weak.slice(2)) {
      const mine = inPeriod.filter((r) => r[3] === row[0]);
      expect(row.slice(1, 6), row[0]).toEqual(funnel.slice(0, -1).map((_, i) => decided(mine, i)));
    }
    const headline = (label: string) => table(host, 'Headline', 'Figure').find((r) => r[0] === label)![1];
    const won = deals.slice(1).filter((r) => r[5] === 'Won' && (r[7] as Date).getTime() >= from.getTime());
    const days = won.map((r) => ((r[7] as Date).getTime() - (r[1] as Date).getTime()) / 86400000);
    expect(number(headline('Average won, closed in period'))).toBe(Math.round(won.reduce((a, r) => a + (r[6] as number), 0) / won.length));
    expect(headline('Mean cycle, won in period, days')).toBe((days.reduce((a, b) => a + b, 0) / days.length).toFixed(1));
    expect(number(headline('Open pipeline now, value'))).toBe(
      deals
        .slice(1)
        .filter((r) => r[5] === 'Open')
        .reduce((a, r) => a + (r[6] as number), 0),
    );
    // Leads created in the period: answered minutes, and breaches of the 10-minute SLA (unanswered ones once older than it).
    const leads = host.book
      .rows('Leads')
      .slice(1)
      .filter((r) => (r[1] as Date).getTime() >= from.getTime());
    const answered = leads
      .filter((r) => r[2] instanceof Date)
      .map((r) => ((r[2] as Date).getTime() - (r[1] as Date).getTime()) / 60000)
      .sort((a, b) => a - b);
    const mid = (answered.length - 1) / 2;
    expect(headline('Median lead response, min')).toBe(((answered[Math.floor(mid)] + answered[Math.ceil(mid)]) / 2).toFixed(1));
    const waiting = leads.filter((r) => !(r[2] instanceof Date)).map((r) => (now - (r[1] as Date).getTime()) / 60000);
    const breaches = answered.filter((m) => m > 10).length + waiting.filter((m) => m > 10).length;
    expect(headline('SLA breach rate')).toBe(pct(breaches / (answered.length + waiting.filter((m) => m > 10).length)));
    // Effective touches: the sample's meetings, demos, proposals and invoices, and calls that set a meeting.
    const touches = host.book
      .rows('Activities')
      .slice(1)
      .filter(
        (r) =>
          (r[0] as Date).getTime() >= from.getTime() &&
          (['Meeting', 'Demo', 'Proposal sent', 'Invoice'].includes(r[2] as string) || r[3] === 'Meeting scheduled'),
      );
    expect(number(headline('Effective touches'))).toBe(touches.length);
  });

  it('has every section and both charts', () => {
    const titles = shown(host).map((r) => r[0]);
    for (const t of [
      'Headline',
      'Funnel',
      'Where money leaks',
      'Weak links: decided conversion per manager and step',
      'Lead response',
      'Managers',
      'Repeat sales',
      'Data notes',
    ])
      expect(titles).toContain(t);
    expect(summaryOf(host)!.charts.map((c) => c.type)).toEqual(['BAR', 'COLUMN']);
  });

  it('never writes a source sheet', () => {
    expect(['Deals', 'Activities', 'Leads'].map((n) => sheetSnapshot(host, n))).toEqual(before);
  });

  it('rebuilding replaces its own summary and leaves one', () => {
    host.run('menuBuildSummary');
    expect(host.book.sheets.filter((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))).toHaveLength(1);
    expect(host.book.sheets.filter((s) => s.name.startsWith('KPI Summary'))).toHaveLength(1);
  });
});

describe('safety', () => {
  it('a user’s own "KPI Summary" sheet survives; the summary takes another name', () => {
    const host = createHost();
    host.setSheet('KPI Summary', [['my notes']]);
    host.run('menuInsertSample');
    host.run('menuBuildSummary');
    host.run('menuBuildSummary');
    expect(host.book.rows('KPI Summary')).toEqual([['my notes']]);
    expect(summaryOf(host)!.name).toBe('KPI Summary 2');
  });

  it('a failure mid-build leaves the previous summary as it was', () => {
    const host = createHost();
    host.run('menuInsertSample');
    host.run('menuBuildSummary');
    const previous = summaryOf(host)!;
    const snapshot = sheetSnapshot(host, previous.name);
    const names = host.book.sheets.map((s) => s.name);
    host.calls.before('Range.setFontSizes', () => {
      throw new Error('Service Spreadsheets failed while accessing document');
    });
    expect(() => host.run('menuBuildSummary')).toThrow(/Service Spreadsheets failed/);
    expect(summaryOf(host)).toBe(previous);
    expect(sheetSnapshot(host, previous.name)).toBe(snapshot);
    expect(host.book.sheets.map((s) => s.name)).toEqual(names);
  });

  it('a client named =IMPORTXML(…) stays text', () => {
    const host = createHost();
    host.setSheet('Deals', [
      ['Stage', 'Client', 'Manager', 'Status', 'Last activity'],
      ['Lead', '=IMPORTXML("http://x","//a")', '=HYPERLINK("http://evil")', '', new Date(2026, 0, 1)],
    ]);
    saveSettings(host, {
      sources: {
        deals: {
          sheet: 'Deals',
          columns: { stage: 'Stage', client: 'Client', manager: 'Manager', status: 'Status', last_activity: 'Last activity' },
        },
        activities: null,
        leads: null,
      },
      funnel: ['Lead', 'Paid'],
      period: 'all',
    });
    host.run('menuBuildSummary');
    const summary = summaryOf(host)!;
    expect(summary.formulas.size).toBe(0);
    const texts = summary.values.flat();
    expect(texts).toContain('=IMPORTXML("http://x","//a")');
    expect(texts).toContain('=HYPERLINK("http://evil")');
  });

  it('with no deals sheet set, a dialog says what to do and nothing changes', () => {
    const host = createHost();
    host.setSheet('Stuff', [['a']]);
    const names = host.book.sheets.map((s) => s.name);
    host.run('menuBuildSummary');
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/needs a deals sheet.*Settings.*Nothing was changed/);
    expect(host.book.sheets.map((s) => s.name)).toEqual(names);
  });

  it('a mapped column missing from the sheet gives a dialog naming it', () => {
    const host = createHost({ locale: 'ru_RU' });
    host.setSheet('Deals', [['Этап'], ['Лид']]);
    saveSettings(host, {
      sources: { deals: { sheet: 'Deals', columns: { stage: 'Этап', amount: 'Бюджет' } }, activities: null, leads: null },
      funnel: ['Лид', 'Оплата'],
    });
    host.run('menuBuildSummary');
    expect(host.ui.dialogs.at(-1)!.text).toBe(
      'Столбца «Бюджет» (роль amount) нет в первой строке листа «Deals». Исправьте сопоставление в настройках. Ничего не изменено.',
    );
    expect(summaryOf(host)).toBeUndefined();
  });

  it('a damaged settings document is repaired with a message, the damaged text kept', () => {
    const host = createHost();
    host.setSheet('Deals', dealRows(30));
    host.documentProperties.setProperty(
      SETTINGS_KEY,
      JSON.stringify({ ...dealSettings, version: 1, stalledDays: 'soon', sla: { minutes: -3 } }),
    );
    host.run('menuBuildSummary');
    expect(host.book.toasts.map((t) => t.message).join('\n')).toMatch(/damaged \(sla\.minutes, stalledDays\).*reset to defaults/);
    expect(readDamagedCopy(host.documentProperties.getProperties())).toContain('"stalledDays":"soon"');
    expect(summaryOf(host)).toBeDefined();
  });

  it('unreadable JSON in the settings never crashes: defaults and a dialog', () => {
    const host = createHost();
    host.documentProperties.setProperty(SETTINGS_KEY, '{"version":1, "funnel": [');
    host.run('menuBuildSummary');
    expect(host.book.toasts.at(-1)!.message).toMatch(/could not be read/);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/needs a deals sheet/);
  });
});

describe('call budget', () => {
  /** Spreadsheet calls of one build with every section fed (deals, activities, leads, the watch's log); fixed by structure, not rows. */
  function callsFor(n: number): Map<string, number> {
    const host = createHost();
    host.setSheet('Deals', dealRows(n));
    host.setSheet('Activities', [
      ['Date', 'Manager', 'Type'],
      ...Array.from({ length: 3 * n }, (_, i) => [new Date(2026, 10, 1 + (i % 25)), `M${i % 4}`, i % 3 ? 'Call' : 'Meeting']),
    ]);
    host.setSheet('Leads', [
      ['Created', 'Responded', 'Manager'],
      ...Array.from({ length: n }, (_, i) => [
        new Date(2026, 10, 1 + (i % 25), 10),
        i % 7 ? new Date(2026, 10, 1 + (i % 25), 10, i % 30) : '',
        `M${i % 4}`,
      ]),
    ]);
    host.book.sheet('Deals')!.setStyle('numberFormat', 2, 6, '"$"#,##0');
    saveSettings(host, {
      ...dealSettings,
      sources: {
        ...dealSettings.sources,
        activities: { sheet: 'Activities', columns: { date: 'Date', manager: 'Manager', type: 'Type' } },
        leads: { sheet: 'Leads', columns: { created: 'Created', responded: 'Responded', manager: 'Manager' } },
      },
      plans: [{ manager: 'M1', touchesPerWeek: 5, dealsPerMonth: 10, revenuePerMonth: 50_000 }],
    });
    host.calls.reset();
    host.run('menuBuildSummary');
    const shownText = shown(host).flat().join(' ');
    expect(shownText).toContain('Weak links');
    expect(shownText).toContain('Revenue plan');
    return new Map([...host.calls.counts].filter(([name]) => /^(Spreadsheet|Sheet|Range|SpreadsheetApp)\./.test(name)));
  }

  it('is identical for 1,000 and 50,000 deals (with 3× activities and as many leads), and under 200 calls', () => {
    const small = callsFor(1_000);
    const large = callsFor(50_000);
    // The weekly record's hidden sheets grow their grid when a week's rows outgrow it: one call per sheet, not per row.
    const growth = (m: Map<string, number>) => m.get('Sheet.insertRowsAfter') ?? 0;
    const withoutGrowth = (m: Map<string, number>) => new Map([...m].filter(([name]) => name !== 'Sheet.insertRowsAfter'));
    expect(withoutGrowth(large)).toEqual(withoutGrowth(small));
    expect(growth(large)).toBeLessThanOrEqual(growth(small) + 2);
    // 150 before the weekly record: its two hidden sheets (found, made, read, written) and three sections add about 40,
    // the Time in stage section a few more (192 measured).
    expect([...small.values()].reduce((a, b) => a + b, 0)).toBeLessThan(200);
    // The three sources and the two hidden sheets of the weekly record; the summary and those two sheets.
    expect(small.get('Range.getValues')).toBe(5);
    expect(small.get('Range.setValues')).toBe(3);
    // The data's currency: one read of the amount column's format.
    expect(small.get('Range.getNumberFormat')).toBe(1);
  });
});

describe.skipIf(!hasDatasets)(`Build KPI summary on the Maven export ${hasDatasets ? '' : SKIP_REASON}`, () => {
  it('detects the headers and gives the funnel, leaks, weak links and headline computed another way', () => {
    const host = createHost();
    host.importCsv('sales_pipeline', readFileSync(MAVEN, 'utf8'));
    host.run('detectSources');
    const settings = loadSettings(host.documentProperties).settings;
    expect(settings.sources.deals!.stageDates).toEqual([{ stage: 'Engaging', column: 'engage_date' }]);
    saveSettings(host, { ...settings, period: 'all' });
    host.run('menuBuildSummary');
    const records = readRecords(MAVEN);
    const of = (stage: string) => records.filter((r) => r.deal_stage === stage);
    const won = of('Won');
    const lost = of('Lost');
    // Every lost deal has an engage_date: it was lost at Engaging, never at the first stage.
    expect(lost.every((r) => r.engage_date)).toBe(true);
    const funnel = table(host, 'Funnel', 'Stage').slice(1);
    expect(funnel.map((r) => [r[0], number(r[1]), number(r[4]), number(r[5])])).toEqual([
      ['Prospecting', records.length, of('Prospecting').length, 0],
      ['Engaging', records.length - of('Prospecting').length, of('Engaging').length, lost.length],
      ['Won', won.length, 0, 0],
    ]);
    const winRate = won.length / (won.length + lost.length);
    expect(funnel[2][6]).toBe(pct(winRate));
    const headline = (label: string) => table(host, 'Headline', 'Figure').find((r) => r[0] === label)!;
    // The funnel's last step and the headline's win rate are one figure.
    expect(headline('Win rate (won ÷ closed, deals created in the period)')[1]).toBe(pct(winRate));
    const revenue = won.reduce((a, r) => a + Number(r.close_value), 0);
    expect(number(headline('Won revenue, closed in period')[1])).toBe(revenue);
    expect(number(headline('Won deals, closed in period')[1])).toBe(won.length);
    expect(number(headline('Open pipeline now, deals')[1])).toBe(of('Prospecting').length + of('Engaging').length);
    // Maven's open deals carry no close_value: the pipeline's value is unknown, not $0.
    expect(headline('Open pipeline now, value')[1]).toBe('');
    const average = revenue / won.length;
    const leaks = table(host, 'Where money leaks', 'Step').slice(1, 3);
    expect(leaks.map((r) => [r[0], number(r[1]), number(r[3])])).toEqual([
      ['Prospecting → Engaging', 0, of('Prospecting').length],
      ['Engaging → Won', lost.length, of('Engaging').length],
    ]);
    expect(number(leaks[1][2])).toBe(Math.round(lost.length * average));
    expect(number(leaks[1][4])).toBe(Math.round((won.length + lost.length) * 0.05 * average));
    expect(leaks[1][5]).toBe('◀ growth point');
    // Weak links: each agent's Engaging → Won is their won ÷ (won + lost).
    const weak = table(host, 'Weak links: decided conversion per manager and step', 'Manager');
    for (const row of weak.slice(2)) {
      const mine = records.filter((r) => r.sales_agent === row[0]);
      const w = mine.filter((r) => r.deal_stage === 'Won').length;
      expect(row[2]).toBe(pct(w / (w + mine.filter((r) => r.deal_stage === 'Lost').length)));
    }
    expect(weak.length - 2).toBe(new Set(records.map((r) => r.sales_agent)).size);
    const days = won.map((r) => (Date.parse(r.close_date) - Date.parse(r.engage_date)) / 86400000);
    const cycle = section(host, 'Deal cycle (deals won in the period, days)')[1];
    expect(cycle[0]).toBe((days.reduce((a, b) => a + b, 0) / days.length).toFixed(1));
    expect(table(host, 'Where money leaks', 'Average won deal')[0][1]).toBe(`$${Math.round(average).toLocaleString('en-US')}`);
  });

  it("in a Russian spreadsheet, dollars formatted in the amount column stay dollars; with no format, the settings' currency", () => {
    const build = (format: string | null, currency = '') => {
      const host = createHost({ locale: 'ru_RU' });
      host.importCsv('sales_pipeline', readFileSync(MAVEN, 'utf8'));
      if (format) host.book.sheet('sales_pipeline')!.setStyle('numberFormat', 2, 8, format);
      host.run('detectSources');
      saveSettings(host, { ...loadSettings(host.documentProperties).settings, period: 'all', currency });
      host.run('menuBuildSummary');
      return table(host, 'Где теряются деньги', 'Средний чек')[0][1];
    };
    expect(build('[$$-409]#,##0.00')).toMatch(/^\$2\s?361$/);
    expect(build(null, 'USD')).toMatch(/^\$2\s?361$/);
    expect(build(null)).toMatch(/^2\s?361 ₽$/);
  });
});

describe('npm start', () => {
  it('prints the summary of the sample tracker and writes both files', () => {
    const out = mkdtempSync(join(tmpdir(), 'kpi-'));
    const printed = execFileSync('npx', ['tsx', 'dev/start.ts', '--out', out], { encoding: 'utf8' });
    expect(printed).toMatch(/■ FUNNEL/);
    expect(printed).toMatch(/Lead\s+\d+/);
    expect(existsSync(join(out, 'summary.csv'))).toBe(true);
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('background:#d9ead3');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split(/\r?\n/)[0]).toMatch(/^Sales KPI summary,+$/);
  });

  it('refuses an unknown period with the usage', () => {
    expect(() => execFileSync('npx', ['tsx', 'dev/start.ts', '--period', 'yesterday'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(
      /--period must be one of/,
    );
  });
});
