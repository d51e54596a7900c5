// The forecast on Maven's pipeline, in the host against the built bundle: the summary's Forecast
// section and FORECAST_REVENUE in a cell give the same figure for the same data and day.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { loadSettings, saveSettings } from '../../src/settings/storage';
import { summaryText } from '../../src/i18n/summary';
import { hasDatasets, MAVEN, SKIP_REASON } from '../helpers/datasets';

/** Maven imported, detected, the summary built for this quarter as of a day (noon, like npm start's --as-of). */
function mavenSummary(day: string, locale = 'en_US') {
  const [y, m, d] = day.split('-').map(Number);
  const host = createHost({ now: new Date(y, m - 1, d, 12, 0), locale, spreadsheetTimeZone: 'UTC' });
  host.importCsv('sales_pipeline', readFileSync(MAVEN, 'utf8'));
  host.run('detectSources', { deals: 'sales_pipeline' });
  saveSettings(host.documentProperties, { ...loadSettings(host.documentProperties).settings, period: 'this_quarter' });
  host.run('menuBuildSummary');
  const sheet = host.book.sheets.find((s) => s.name === summaryText[locale.startsWith('ru') ? 'ru' : 'en'].sheetName)!;
  return { host, rows: host.book.rows(sheet.name) };
}

/** The team's line of the Forecast section: forecast, 80 % from, 80 % to. */
function teamForecast(rows: unknown[][], language: 'en' | 'ru'): number[] {
  const t = summaryText[language];
  const section = rows.findIndex((r) => r[0] === t.forecast);
  expect(section, 'the Forecast section').toBeGreaterThan(0);
  const team = rows.findIndex((r, i) => i > section && r[0] === t.team);
  return rows[team].slice(1, 4) as number[];
}

/** The Maven columns as Sheets passes a range: one column each, Date cells for dates. */
function column(host: ReturnType<typeof createHost>, header: string): unknown[][] {
  const [head, ...body] = host.book.rows('sales_pipeline');
  const i = head.indexOf(header);
  return body.map((r) => [r[i]]);
}

describe.skipIf(!hasDatasets)(`the forecast on Maven's pipeline ${hasDatasets ? '' : SKIP_REASON}`, () => {
  it('comes right after the headline, and FORECAST_REVENUE gives the same figure in a cell', () => {
    const { host, rows } = mavenSummary('2017-04-01');
    const headline = rows.findIndex((r) => r[0] === summaryText.en.headline);
    const forecast = rows.findIndex((r) => r[0] === summaryText.en.forecast);
    const funnel = rows.findIndex((r) => r[0] === summaryText.en.funnel);
    expect(headline).toBeLessThan(forecast);
    expect(forecast).toBeLessThan(funnel);
    const [point, low, high] = teamForecast(rows, 'en');
    const cell = host.runCustomFunction(
      'FORECAST_REVENUE',
      column(host, 'deal_stage'),
      '',
      column(host, 'close_value'),
      column(host, 'engage_date'),
      column(host, 'close_date'),
      new Date(Date.UTC(2017, 3, 1)),
      new Date(Date.UTC(2017, 5, 30)),
      new Date(Date.UTC(2017, 3, 1)),
      [['Prospecting'], ['Engaging'], ['Won']],
    ) as number[][];
    expect(cell[0][0]).toBeCloseTo(point, 6);
    expect(cell[0][1]).toBeCloseTo(low, 6);
    expect(cell[0][2]).toBeCloseTo(high, 6);
    // Q2 2017 won 3,086,111: the range holds it.
    expect(low).toBeLessThanOrEqual(3_086_111);
    expect(high).toBeGreaterThanOrEqual(3_086_111);
  });

  it('in Russian: «Прогноз» with the same figure', () => {
    const en = teamForecast(mavenSummary('2017-07-01').rows, 'en');
    const ru = teamForecast(mavenSummary('2017-07-01', 'ru_RU').rows, 'ru');
    expect(ru).toEqual(en);
  });
});

describe.skipIf(!hasDatasets)(`the forecast against the revenue plans ${hasDatasets ? '' : SKIP_REASON}`, () => {
  it('each manager against the plan for the whole period; the team against its planned managers', async () => {
    const { readDealsCsv, forecastAsOf } = await import('../../bench/forecast');
    const table = readDealsCsv(MAVEN);
    table.settings.plans = [
      { manager: 'Darcel Schlecht', revenuePerMonth: 120_000, touchesPerWeek: 0, dealsPerMonth: 0 },
      { manager: 'Vicki Laflamme', revenuePerMonth: 40_000, touchesPerWeek: 0, dealsPerMonth: 0 },
    ];
    const f = forecastAsOf(table, 'this_quarter', '2017-10-01');
    const darcel = f.managers.find((m) => m.name === 'Darcel Schlecht')!;
    const vicki = f.managers.find((m) => m.name === 'Vicki Laflamme')!;
    expect(darcel.plan).toBeCloseTo(360_000, 6);
    expect(darcel.gap).toBeCloseTo(darcel.point - 360_000, 6);
    expect(darcel.coverage).toBeCloseTo(darcel.openValue / 360_000, 9);
    expect(f.team.plan).toBeCloseTo(480_000, 6);
    expect(f.team.gap).toBeCloseTo(darcel.point + vicki.point - 480_000, 6);
    expect(f.plannedManagers).toBe(2);
    expect(f.managers.filter((m) => m.plan === null).length).toBe(f.managers.length - 2);
  });

  it('a period already over: the forecast is for the running one of its size, and says so', async () => {
    const { readDealsCsv, forecastAsOf } = await import('../../bench/forecast');
    const table = readDealsCsv(MAVEN);
    expect(forecastAsOf(table, 'last_quarter', '2017-10-01')).toEqual(forecastAsOf(table, 'this_quarter', '2017-10-01'));
    const { host } = mavenSummary('2017-10-01');
    saveSettings(host.documentProperties, { ...loadSettings(host.documentProperties).settings, period: 'last_month' });
    host.run('menuBuildSummary');
    const rows = host.book.rows(summaryText.en.sheetName);
    const at = rows.findIndex((r) => r[0] === summaryText.en.forecast);
    expect(rows[at + 1][0]).toBe(
      'This month to 2017-10-31, as of 2017-10-01: won so far + open deals × their chance to be won by the period’s end + what the period’s new deals usually bring; a point and an 80% range.',
    );
    expect(rows[at + 2][0]).toBe('The summary’s period is not running, so the forecast is for this month.');
  });
});
