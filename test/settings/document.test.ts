// The settings document: stored in chunks, migrated from older versions, repaired — never a crash.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { parseSettingsDocument } from '../../src/settings/document';
import { defaultSettings, SETTINGS_VERSION } from '../../src/settings/schema';
import { loadSettings, saveSettings, SETTINGS_KEY, type PropertyStore } from '../../src/settings/storage';

/** Document properties in ten lines, with Apps Script's 9 KB limit per value. */
function fakeStore(): PropertyStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getProperties: () => Object.fromEntries(data),
    setProperties: (props) => {
      for (const [k, v] of Object.entries(props)) {
        if (v.length > 9 * 1024) throw new Error('Argument too large: value');
        data.set(k, v);
      }
    },
    setProperty: (key, value) => {
      if (value.length > 9 * 1024) throw new Error('Argument too large: value');
      data.set(key, value);
    },
    deleteProperty: (key) => data.delete(key),
  };
}

describe('the settings document', () => {
  it('round-trips, split into chunks when it outgrows one property value', () => {
    const store = fakeStore();
    const settings = defaultSettings();
    settings.funnel = ['Лид', 'Встреча', 'КП', 'Оплата'];
    settings.plans = Array.from({ length: 100 }, (_, i) => ({
      manager: `Менеджер номер ${i} с длинным именем`,
      touchesPerWeek: 10,
      dealsPerMonth: 20,
      revenuePerMonth: 3e6,
    }));
    saveSettings(store, settings);
    const parts = () => [...store.data.keys()].filter((k) => /\.g[^.]+\.\d+$/.test(k));
    expect(parts().length).toBeGreaterThan(1);
    // Parts are at most 8 KB of UTF-8: a Russian document has half the characters per part.
    for (const key of parts()) expect(Buffer.byteLength(store.data.get(key)!, 'utf8')).toBeLessThanOrEqual(8 * 1024);
    expect(loadSettings(store)).toEqual({ settings, stored: true, notes: [], sealed: true });
    // Two saves later only the current and the previous generation are left.
    saveSettings(store, defaultSettings());
    saveSettings(store, defaultSettings());
    expect(parts()).toHaveLength(2);
    expect(loadSettings(store).settings).toEqual(defaultSettings());
  });

  it('a new spreadsheet gets the defaults, marked as not stored', () => {
    expect(loadSettings(fakeStore())).toMatchObject({
      stored: false,
      notes: [],
      settings: { version: SETTINGS_VERSION, stalledDays: 14, sla: { minutes: 10, maxReassignments: 3 } },
    });
  });

  it('migrates the pre-release shape (funnel as text, flat slaMinutes) and says so', () => {
    const loaded = parseSettingsDocument(JSON.stringify({ funnel: 'Lead, Meeting > Paid', slaMinutes: 15, stalledDays: 7 }));
    expect(loaded.settings).toMatchObject({
      version: SETTINGS_VERSION,
      funnel: ['Lead', 'Meeting', 'Paid'],
      stalledDays: 7,
      sla: { minutes: 15 },
    });
    expect(loaded.notes).toEqual([{ kind: 'migrated', from: 0 }]);
  });

  it('repairs only the damaged fields and keeps the rest of the user’s work', () => {
    const loaded = parseSettingsDocument(
      JSON.stringify({ version: 1, funnel: ['A', 'B'], stalledDays: -4, headOfSalesEmail: 'not an address', period: 'last_month' }),
    );
    expect(loaded.settings).toMatchObject({ funnel: ['A', 'B'], period: 'last_month', stalledDays: 14, headOfSalesEmail: '' });
    expect(loaded.notes).toEqual([{ kind: 'repaired', fields: ['headOfSalesEmail', 'stalledDays'] }]);
  });

  it('unreadable text, a missing chunk or a non-object become the defaults with a note, never a crash', () => {
    for (const text of ['{"version":1,', '[1,2]', 'null', '42']) {
      expect(parseSettingsDocument(text)).toMatchObject({ stored: true, notes: [{ kind: 'unreadable' }], settings: defaultSettings() });
    }
    const store = fakeStore();
    store.data.set(`${SETTINGS_KEY}.chunks`, '2');
    store.data.set(`${SETTINGS_KEY}.0`, '{"version":1,');
    expect(loadSettings(store).notes).toEqual([{ kind: 'unreadable' }]);
  });
});

describe('the settings document through the host', () => {
  it('an older document is migrated on first use, the user told once, and stored as the current version', () => {
    const host = createHost();
    host.setSheet('Deals', [['Stage'], ['Lead']]);
    host.documentProperties.setProperty(
      SETTINGS_KEY,
      JSON.stringify({
        funnel: 'Lead, Paid',
        slaMinutes: 20,
        sources: { deals: { sheet: 'Deals', columns: { stage: 'Stage' } }, activities: null, leads: null },
      }),
    );
    host.run('menuBuildSummary');
    expect(host.book.toasts.map((t) => t.message)).toContain('The settings were updated from an older version.');
    const stored = loadSettings(host.documentProperties);
    expect(stored.notes).toEqual([]);
    expect(stored.settings).toMatchObject({ version: SETTINGS_VERSION, funnel: ['Lead', 'Paid'], sla: { minutes: 20 } });
    host.book.toasts.length = 0;
    host.run('menuBuildSummary');
    expect(host.book.toasts.map((t) => t.message)).not.toContain('The settings were updated from an older version.');
  });
});
