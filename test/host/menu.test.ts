// The add-on menu, the sample tracker and the settings document, through the host running dist/Code.js.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { loadSettings, SETTINGS_KEY } from '../../src/settings/storage';
import { hasDatasets, MAVEN, SKIP_REASON } from '../helpers/datasets';
import { readFileSync } from 'node:fs';

const captions = (host: ReturnType<typeof createHost>) => host.ui.menus[0].items.map((i) => i?.caption ?? '—');

function storedSettings(host: ReturnType<typeof createHost>) {
  return loadSettings(host.documentProperties).settings;
}

describe('onOpen', () => {
  it('builds the add-on menu in English', () => {
    const host = createHost({ locale: 'en_GB' });
    host.run('onOpen', { authMode: 'FULL' });
    expect(host.ui.menus).toHaveLength(1);
    expect(host.ui.menus[0].kind).toBe('addon');
    expect(captions(host)).toEqual([
      'Build KPI summary',
      'Settings…',
      'Insert sample tracker',
      'Refresh formulas',
      '—',
      'Lead watch: turn on',
      'Lead watch: turn off',
      'Lead watch: check now',
      '—',
      'Weekly digest: turn on',
      'Weekly digest: turn off',
      '—',
      'Help',
    ]);
  });

  it('builds it in Russian for a Russian user', () => {
    const host = createHost({ locale: 'ru_RU' });
    host.open({ enabled: true });
    expect(captions(host)[0]).toBe('Построить сводку KPI');
    expect(captions(host)).toContain('Контроль лидов: проверить сейчас');
  });

  it('in AuthMode.NONE (opened before the add-on is enabled) calls nothing but the Ui', () => {
    const host = createHost({ locale: 'ru_RU' });
    host.open({ enabled: false });
    expect(host.calls.names().every((n) => /^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(n))).toBe(true);
    expect(captions(host)).toHaveLength(13);
  });

  it('every menu item names a function the bundle defines', () => {
    const host = createHost();
    host.run('onInstall', { authMode: 'FULL' });
    for (const item of host.ui.menus[0].items) {
      if (item) expect(typeof (host.context as Record<string, unknown>)[item.functionName], item.functionName).toBe('function');
    }
  });
});

describe('Insert sample tracker', () => {
  it('adds Deals, Activities and Leads a human would believe, with a stage dropdown and settings', () => {
    const host = createHost();
    host.run('menuInsertSample');
    const deals = host.book.rows('Deals');
    const activities = host.book.rows('Activities');
    const leads = host.book.rows('Leads');
    expect(deals.length - 1).toBeGreaterThanOrEqual(250);
    expect(activities.length - 1).toBeGreaterThanOrEqual(1500);
    expect(leads.length - 1).toBeGreaterThanOrEqual(350);
    const managers = new Set(deals.slice(1).map((r) => r[3]));
    expect(managers.size).toBe(5);
    const statuses = new Set(deals.slice(1).map((r) => r[5]));
    expect(statuses).toEqual(new Set(['Won', 'Lost', 'Open']));
    // Some stalled deals (open, idle over 14 days) and some unanswered leads.
    const now = host.clock.now();
    expect(deals.slice(1).filter((r) => r[5] === 'Open' && now - (r[8] as Date).getTime() > 14 * 86400000).length).toBeGreaterThan(5);
    expect(leads.slice(1).filter((r) => r[2] === '').length).toBeGreaterThan(5);
    // All within the last three months.
    expect(deals.slice(1).every((r) => now - (r[1] as Date).getTime() < 92 * 86400000)).toBe(true);
    expect(host.book.sheet('Deals')!.validations.get('2:5')).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      values: [['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'], true],
    });
    const settings = storedSettings(host);
    expect(settings.sources.deals).toMatchObject({ sheet: 'Deals', columns: { stage: 'Stage', created: 'Created', manager: 'Manager' } });
    expect(settings.funnel).toEqual(['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid']);
    expect(settings.plans).toHaveLength(5);
  });

  it('is in Russian for a Russian user', () => {
    const host = createHost({ locale: 'ru_RU' });
    host.run('menuInsertSample');
    expect(host.book.rows('Сделки')[0]).toContain('Этап');
    expect(storedSettings(host).funnel[0]).toBe('Лид');
  });

  it('inserted twice changes nothing the second time', () => {
    const host = createHost();
    host.run('menuInsertSample');
    const before = JSON.stringify(host.book.sheets.map((s) => [s.name, s.values]));
    host.run('menuInsertSample');
    expect(JSON.stringify(host.book.sheets.map((s) => [s.name, s.values]))).toBe(before);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/already here/);
  });

  it('never clobbers a user’s own "Deals" sheet, and asks before replacing their settings', () => {
    const host = createHost();
    host.setSheet('Deals', [['My stage'], ['Mine']]);
    host.documentProperties.setProperty(
      `${SETTINGS_KEY}`,
      JSON.stringify({
        version: 1,
        sources: { deals: { sheet: 'Deals', columns: { stage: 'My stage' } }, activities: null, leads: null },
        funnel: ['Mine', 'Done'],
      }),
    );
    host.ui.answers.push('NO');
    host.run('menuInsertSample');
    expect(host.book.rows('Deals')).toEqual([['My stage'], ['Mine']]);
    expect(host.book.sheet('Deals (2)')).toBeDefined();
    expect(host.ui.dialogs.at(-2)!.text).toMatch(/Switch the settings/);
    const settings = storedSettings(host);
    expect(settings.sources.deals!.sheet).toBe('Deals');
  });
});

describe('settings auto-detection through the host', () => {
  it('on the sample tracker, finds every source and the funnel from the dropdown', () => {
    const host = createHost();
    host.run('menuInsertSample');
    host.documentProperties.deleteAllProperties();
    const found = JSON.parse(host.run('detectSources') as string);
    expect(found).toEqual({ deals: 'Deals', activities: 'Activities', leads: 'Leads' });
    const settings = storedSettings(host);
    expect(settings.funnel).toEqual(['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid']);
    expect(settings.sources.leads!.columns).toMatchObject({ created: 'Created', responded: 'Responded', manager: 'Manager' });
  });

  it.skipIf(!hasDatasets)(`on the Maven export imported as a sheet ${hasDatasets ? '' : SKIP_REASON}`, () => {
    const host = createHost();
    host.importCsv('sales_pipeline', readFileSync(MAVEN, 'utf8'));
    expect(JSON.parse(host.run('detectSources') as string)).toEqual({ deals: 'sales_pipeline' });
    const settings = storedSettings(host);
    expect(settings.sources.deals!.columns).toEqual({
      id: 'opportunity_id',
      manager: 'sales_agent',
      client: 'account',
      stage: 'deal_stage',
      closed: 'close_date',
      amount: 'close_value',
    });
    expect(settings.funnel).toEqual(['Prospecting', 'Engaging', 'Won']);
    // engage_date is the date a deal reached "Engaging" (and, with no created column, its created date).
    expect(settings.sources.deals!.stageDates).toEqual([{ stage: 'Engaging', column: 'engage_date' }]);
  });
});
