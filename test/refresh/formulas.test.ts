// "Refresh formulas" in the host with Google's recalculation: after a settings save, from the menu and
// daily from the scheduler, every formula calling one of ours shows what the settings and the day say
// now — in a few batched calls, the formula text as the user wrote it, whole after a kill at any call.
import { describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../dev/host/index';
import { FUNCTION_NAMES } from '../../src/functions/names';
import { CUSTOM_FUNCTIONS } from '../../src/functions/registry';
import { CATCH_UP_AFTER_MS, LAST_KEY, PENDING_KEY } from '../../src/refresh/formulas';
import { defaultSettings } from '../../src/settings/schema';
import { saveSettings } from '../../src/settings/storage';
import { WATCH_ON_KEY } from '../../src/watch/memory';
import { runCut } from '../helpers/faults';

const DAY = 86_400_000;
/** Friday 2026-11-27 10:00 UTC (the spreadsheet's zone in tests). */
const NOW = Date.UTC(2026, 10, 27, 10, 0);
const CONVERSION = '=STAGE_CONVERSION(Deals!A2:A5, "Lead","Paid")';
const STALLED = '=STALLED_DEALS(Deals!B2:B5,14)';

/** Deals, a KPI sheet with formulas of ours (as the user typed them, spaces included) and one of Sheets' own. */
function kpiHost(cells = 1): Host {
  const host = createHost({ now: NOW, enabled: true });
  host.setSheet('Deals', [
    ['Stage', 'Last activity'],
    ['Lead', new Date(NOW - 13.5 * DAY)],
    ['Paid', new Date(NOW - 20 * DAY)],
    ['Meeting', new Date(NOW - 2 * DAY)],
    ['Lead', new Date(NOW - 30 * DAY)],
  ]);
  host.setSheet(
    'KPI',
    Array.from({ length: cells + 1 }, () => ['', '', '']),
  );
  saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Lead', 'Meeting', 'Paid'] });
  const formulas = Array.from({ length: cells }, () => [CONVERSION, STALLED, '=SUM(1,2)']);
  host.script(`SpreadsheetApp.getActive().getSheetByName('KPI').getRange(2, 1, ${cells}, 3).setFormulas(${JSON.stringify(formulas)});`);
  host.recalculate();
  return host;
}
const kpi = (host: Host) => host.book.rows('KPI')[1];
const formulas = (host: Host) => [...host.book.sheet('KPI')!.formulas.entries()].sort();

/** The settings page's save of a changed funnel, as the page sends it. */
function saveFunnel(host: Host, funnel: string[]): void {
  const page = host.run('sidebarLoad') as { settings: Record<string, unknown>; generation: string };
  expect((host.run('sidebarSave', { ...page.settings, funnel }, page.generation) as { ok: boolean }).ok).toBe(true);
}

describe('the functions’ names', () => {
  it('are the registry’s (a new function goes into src/functions/names.ts too, or Refresh formulas skips it)', () => {
    expect([...FUNCTION_NAMES]).toEqual(CUSTOM_FUNCTIONS.map((f) => f.name));
  });
});

describe('refresh after a settings save', () => {
  it('a conversion cell shows the new funnel’s result right after the save; the formula reads as the user wrote it', () => {
    const host = kpiHost();
    expect(kpi(host)[0]).toBe(0.25);
    const before = formulas(host);
    saveFunnel(host, ['Meeting', 'Lead', 'Paid']);
    host.recalculate();
    expect(kpi(host)[0]).toBeCloseTo(1 / 3);
    expect(formulas(host)).toEqual(before);
    expect(host.recalculated().every((c) => !c.endsWith(':3'))).toBe(true); // Sheets' own formula untouched
  });

  it('a =FUNNEL(…) table shows the new funnel’s stages right after the save', () => {
    const host = createHost({ now: NOW, enabled: true });
    host.setSheet('Deals', [['Stage'], ['Lead'], ['Paid'], ['Lead'], ['Lead']]);
    host.setSheet(
      'KPI',
      Array.from({ length: 6 }, () => ['', '', '', '', '']),
    );
    saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Lead', 'Meeting', 'Paid'] });
    host.script(`SpreadsheetApp.getActive().getSheetByName('KPI').getRange('A1').setFormula('=FUNNEL(Deals!A2:A)');`);
    host.recalculate();
    const stages = () =>
      host.book
        .rows('KPI')
        .slice(1)
        .map((r) => r[0])
        .filter((v) => v !== '');
    expect(stages()).toEqual(['Lead', 'Meeting', 'Paid']);
    saveFunnel(host, ['Lead', 'Qualified', 'Paid']);
    host.recalculate();
    expect(stages()).toEqual(['Lead', 'Qualified', 'Paid']);
    expect(host.book.sheet('KPI')!.formulas.get('1:1')).toBe('=FUNNEL(Deals!A2:A)');
  });

  it('without the refresh the same save leaves the cell stale (what Google does)', () => {
    const host = kpiHost();
    saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Meeting', 'Lead', 'Paid'] });
    host.recalculate();
    expect(kpi(host)[0]).toBe(0.25);
  });
});

describe('Refresh formulas (menu)', () => {
  it('recomputes every cell of ours in a number of calls that does not grow with the cells, and says how many', () => {
    const counts = [1, 50].map((cells) => {
      const host = kpiHost(cells);
      saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Meeting', 'Lead', 'Paid'] });
      host.calls.reset();
      host.run('menuRefreshFormulas');
      const calls = host.calls.total((n) => /^(Spreadsheet|TextFinder|SpreadsheetApp\.flush)/.test(n));
      expect(host.recalculate()).toBe(2 * cells);
      expect(host.ui.dialogs.at(-1)!.text).toBe(
        `Recomputed ${2 * cells} formula cells that call Sales KPI functions; each reads as you wrote it.`,
      );
      return calls;
    });
    expect(counts[1]).toBe(counts[0]);
  });

  it('says it in Russian for a Russian user', () => {
    const host = createHost({ locale: 'ru_RU', enabled: true });
    host.run('menuRefreshFormulas');
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/^Пересчитано ячеек с формулами Sales KPI: 0/);
  });

  for (const fault of ['kill', 'failure'] as const) {
    it(`a ${fault} at any of its calls: the next refresh leaves every formula as written and recomputed`, () => {
      const probe = kpiHost();
      probe.run('menuRefreshFormulas');
      const n = probe.lastRunCalls();
      for (let k = 1; k <= n; k++) {
        const host = kpiHost();
        const before = formulas(host);
        saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Meeting', 'Lead', 'Paid'] });
        runCut(host, fault, k, 'menuRefreshFormulas');
        host.run('menuRefreshFormulas');
        expect(formulas(host), `${fault} at call ${k}`).toEqual(before);
        expect(host.documentProperties.getProperty(PENDING_KEY), `${fault} at call ${k}`).toBeNull();
        host.recalculate();
        expect(kpi(host)[0], `${fault} at call ${k}`).toBeCloseTo(1 / 3);
      }
    });
  }
});

describe('the daily refresh', () => {
  it('a STALLED_DEALS cell shows the new day’s count after the scheduler’s refresh past midnight — or, where the clock run cannot see the document, after the next menu action', () => {
    const host = kpiHost();
    expect(kpi(host)[1]).toBe(2); // idle 20 and 30 days; the one idle 13.5 days is not stalled yet
    host.run('menuRefreshFormulas'); // any menu action sets the clock
    host.recalculate();
    const clock = host.triggers.list.find((t) => t.handler === 'onClock')!;
    expect(new Date(clock.at!).toISOString()).toBe('2026-11-28T00:30:00.000Z');
    host.clock.set(Date.UTC(2026, 10, 28, 0, 31));
    host.recalculate();
    expect(kpi(host)[1]).toBe(2); // Sheets alone does not recompute it
    expect(host.fireDueTriggers()).toEqual(['onClock']);
    host.recalculate();
    if (host.readings.clockSeesDocument) {
      expect(kpi(host)[1]).toBe(3);
      expect(JSON.parse(host.documentProperties.getProperty(LAST_KEY)!).at).toBe(Date.UTC(2026, 10, 28, 0, 31));
    } else {
      // The clock's run could do nothing: the first menu action once the refresh is CATCH_UP_AFTER_MS late does it.
      expect(kpi(host)[1]).toBe(2);
      host.clock.set(Date.UTC(2026, 10, 28, 0, 30) + CATCH_UP_AFTER_MS - 60_000);
      host.run('menuBuildSummary');
      host.recalculate();
      expect(kpi(host)[1]).toBe(2);
      host.clock.set(Date.UTC(2026, 10, 28, 0, 30) + CATCH_UP_AFTER_MS);
      host.run('menuBuildSummary');
      host.recalculate();
      expect(kpi(host)[1]).toBe(3);
      expect(formulas(host).map(([, f]) => f)).toEqual([CONVERSION, STALLED, '=SUM(1,2)']);
    }
    // And the clock is set for the next night.
    expect(host.triggers.list.filter((t) => t.handler === 'onClock').map((t) => new Date(t.at!).toISOString())).toEqual([
      '2026-11-29T00:30:00.000Z',
    ]);
  });
});

describe('a refresh cut halfway', () => {
  for (const fault of ['kill', 'failure'] as const) {
    it(`a ${fault} at any of its calls: the next menu action of any kind, or the next change, finishes it — every formula as written and recomputed, before any clock run`, () => {
      const probe = kpiHost();
      probe.run('menuRefreshFormulas');
      const n = probe.lastRunCalls();
      let halfway = 0;
      for (let k = 1; k <= n; k++) {
        for (const next of ['menuBuildSummary', 'change'] as const) {
          const host = kpiHost();
          const before = formulas(host);
          saveSettings(host.documentProperties, { ...defaultSettings(), funnel: ['Meeting', 'Lead', 'Paid'] });
          runCut(host, fault, k, 'menuRefreshFormulas');
          // Cut after its flag was set: stand-ins may be in the formulas, and the next action must finish the refresh.
          const cut = host.documentProperties.getProperty(PENDING_KEY) !== null;
          if (cut) halfway++;
          if (next === 'change') {
            // The change trigger of a user who had the watch on.
            host.documentProperties.setProperty(WATCH_ON_KEY, 'true');
            host.script(`ScriptApp.newTrigger('watchOnChange').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();`);
            expect(host.fireChange()).toEqual(['watchOnChange']);
          } else host.run(next);
          const label = `${fault} at call ${k}, then ${next}`;
          expect(formulas(host), label).toEqual(before);
          expect(host.documentProperties.getProperty(PENDING_KEY), label).toBeNull();
          host.recalculate();
          if (cut) expect(kpi(host)[0], label).toBeCloseTo(1 / 3);
          expect(host.triggers.errors, label).toEqual([]);
        }
      }
      expect(halfway).toBeGreaterThan(10);
    });
  }
});
