// The sidebar's server side through the host, as the page calls it: the first-paint page in the
// user's language, managers from the data, touches in the user's language first, what Detect
// says, and what a restored draft is told before anything is saved.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import type { SidebarData, FieldError } from '../../src/sidebar/contract';
import { loadSettings } from '../../src/settings/storage';

function sampleHost(locale: 'en_US' | 'ru_RU') {
  const host = createHost({ locale });
  host.run('menuInsertSample');
  return host;
}

describe.each(['en_US', 'ru_RU'] as const)('the sidebar server, %s', (locale) => {
  const ru = locale === 'ru_RU';

  it("sends the page already in the user's language", () => {
    const host = sampleHost(locale);
    host.run('menuOpenSettings');
    const html = host.ui.sidebar!.html;
    expect(html).toContain(`<html lang="${ru ? 'ru' : 'en'}">`);
    expect(html).toContain(ru ? '>Сохранить</button>' : '>Save</button>');
    expect(html).toContain(ru ? '<span>Загружаю…</span>' : '<span>Working…</span>');
  });

  it("offers each manager named in the data once, and the user's language's touch words first", () => {
    const host = sampleHost(locale);
    const data = host.run('sidebarLoad') as SidebarData;
    const plans = loadSettings(host.documentProperties).settings.plans.map((p) => p.manager);
    expect([...data.managers].sort()).toEqual([...plans].sort());
    const cyrillic = data.settings.effectiveTouches.map((s) => /[а-яё]/i.test(s));
    expect(cyrillic[0]).toBe(ru);
    expect(cyrillic.indexOf(!ru)).toBeGreaterThan(0);
    expect(cyrillic.slice(cyrillic.indexOf(!ru)).every((c) => c === !ru)).toBe(true);
    expect(data.boundScript).toBe(false);
  });

  it('Detect says why it changed nothing when every source is set, and what it found otherwise', () => {
    const host = sampleHost(locale);
    const data = host.run('sidebarLoad') as SidebarData;
    const again = host.run('sidebarDetect', data.settings) as SidebarData;
    expect(again.detected).toMatch(
      ru ? /^Ничего не изменено: все источники уже выбраны/ : /^Nothing changed: every source is already chosen/,
    );
    const cleared = { ...data.settings, sources: { deals: null, activities: null, leads: null } };
    const found = host.run('sidebarDetect', cleared) as SidebarData;
    expect(found.detected).toMatch(ru ? /^Найдено: сделки на листе «Сделки»/ : /^Found: deals on the sheet "Deals"/);
    expect(found.settings.sources.deals?.sheet).toBe(ru ? 'Сделки' : 'Deals');
  });

  it('checks a draft without saving: the errors Save would give, none for a valid one', () => {
    const host = sampleHost(locale);
    const before = JSON.stringify(loadSettings(host.documentProperties).settings);
    const { settings } = host.run('sidebarLoad') as SidebarData;
    expect(host.run('sidebarCheck', settings)).toEqual([]);
    const bad = { ...settings, stalledDays: 'abc', sla: { ...settings.sla, minutes: -5 } };
    const errors = host.run('sidebarCheck', bad) as FieldError[];
    expect(errors.map((e) => e.path).sort()).toEqual(['sla.minutes', 'stalledDays']);
    expect((host.run('sidebarSave', bad) as { errors: FieldError[] }).errors).toEqual(errors);
    expect(host.run('sidebarCheck', {})).toHaveLength(1);
    expect(JSON.stringify(loadSettings(host.documentProperties).settings)).toBe(before);
  });
});

describe('the watch wording follows the install', () => {
  it('says "every minute" only in a bound script', () => {
    const bound = createHost({ install: 'bound' });
    bound.run('menuInsertSample');
    expect((bound.run('sidebarLoad') as SidebarData).boundScript).toBe(true);
    const addon = createHost();
    addon.run('menuInsertSample');
    expect((addon.run('sidebarLoad') as SidebarData).boundScript).toBe(false);
  });
});

describe.each(['en_US', 'ru_RU'] as const)('the sidebar server and a BigQuery source, %s', (locale) => {
  const ru = locale === 'ru_RU';
  const source = { table: 'acme-crm.sales.deals', billingProject: '', location: '', maxGigabytesBilled: 10, columns: { stage: 'stage' } };

  it('names the part of the table id to fix, the billing project, the location and the stage column, one line each; nothing is saved', () => {
    const host = sampleHost(locale);
    const data = host.run('sidebarLoad') as SidebarData;
    const before = JSON.stringify(loadSettings(host.documentProperties).settings);
    for (const [change, path, words] of [
      [
        { table: 'deals' },
        'bigquery.table',
        ru ? /^укажите таблицу как проект\.набор\.таблица/ : /^write the table as project\.dataset\.table/,
      ],
      [{ table: 'Acme.sales.deals' }, 'bigquery.table', ru ? /^идентификатор проекта/ : /^the project id/],
      [{ table: 'acme-crm.sales-2024.deals' }, 'bigquery.table', ru ? /^набор данных/ : /^the dataset/],
      [{ table: 'acme-crm.sales.deals`x' }, 'bigquery.table', ru ? /^имя таблицы/ : /^the table name/],
      [{ billingProject: 'My Project' }, 'bigquery.billingProject', ru ? /^проект для оплаты/ : /^the billing project/],
      [{ location: 'eu west' }, 'bigquery.location', ru ? /^расположение/ : /^the location/],
      [{ columns: {} }, 'bigquery.columns.stage', ru ? /^выберите столбец/ : /^choose the table's column/],
    ] as const) {
      const result = host.run('sidebarSave', { ...data.settings, bigquery: { ...source, ...change } }, data.generation) as {
        ok: boolean;
        errors: FieldError[];
      };
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([{ path, message: expect.stringMatching(words) }]);
      expect(result.errors[0].message).not.toContain('\n');
    }
    expect(JSON.stringify(loadSettings(host.documentProperties).settings)).toBe(before);
  });

  it('saves a valid source (a domain-scoped project too); a draft from an earlier page, without the key, saves and keeps it', () => {
    const host = sampleHost(locale);
    const data = host.run('sidebarLoad') as SidebarData;
    const saved = host.run(
      'sidebarSave',
      { ...data.settings, bigquery: { ...source, table: 'example.com:acme-crm.sales.deals' } },
      data.generation,
    ) as {
      ok: boolean;
      generation: string;
    };
    expect(saved.ok).toBe(true);
    expect(loadSettings(host.documentProperties).settings.bigquery?.table).toBe('example.com:acme-crm.sales.deals');
    const { bigquery: _bigquery, ...earlier } = data.settings;
    expect((host.run('sidebarSave', { ...earlier, stalledDays: 21 }, saved.generation) as { ok: boolean }).ok).toBe(true);
    expect(loadSettings(host.documentProperties).settings.stalledDays).toBe(21);
    expect(loadSettings(host.documentProperties).settings.bigquery?.table).toBe('example.com:acme-crm.sales.deals');
  });
});
