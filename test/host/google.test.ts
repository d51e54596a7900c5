// What real Google does that the host now enforces (dev/host/RULES.md rules 3, 9, 12, 21–30): recalculation,
// #NAME?, trigger listings and runs, a clock run without the document, quotas, calendar triggers.
import { describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../dev/host/index';
import { SETTINGS_KEY } from '../../src/settings/storage';

const HOUR = 3_600_000;
const FORMULA = '=STAGE_CONVERSION(Deals!A2:A5,"Lead","Paid")';

/** Deals and one formula cell, the add-on enabled, the settings' funnel Lead → Meeting → Paid. */
function formulaHost(options: Parameters<typeof createHost>[0] = {}): Host {
  const host = createHost({ enabled: true, ...options });
  host.setSheet('Deals', [['Stage'], ['Lead'], ['Paid'], ['Meeting'], ['Lead']]);
  host.setSheet('KPI', [
    ['Conversion', '', ''],
    ['', '', ''],
  ]);
  host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, funnel: ['Lead', 'Meeting', 'Paid'] }));
  host.script(`SpreadsheetApp.getActive().getSheetByName('KPI').getRange('A2').setFormula('${FORMULA}');`);
  return host;
}
const cell = (host: Host) => host.book.sheet('KPI')!.get(2, 1);

describe('recalculation (rule 21)', () => {
  it('evaluates a custom function’s cell once, and again only when its formula text or a referenced value changes', () => {
    const host = formulaHost();
    expect(host.recalculate()).toBe(1);
    expect(cell(host)).toBe(0.25);
    expect(host.recalculate()).toBe(0);
    host.book.sheet('Deals')!.set(5, 1, 'Paid'); // a referenced cell changes
    expect(host.recalculate()).toBe(1);
    expect(cell(host)).toBe(0.5);
  });

  it('a function that reads the settings keeps its old value when only the settings change: rewriting the same formula is no change', () => {
    const host = formulaHost();
    host.recalculate();
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, funnel: ['Meeting', 'Lead', 'Paid'] }));
    expect(host.recalculate()).toBe(0);
    host.script(`SpreadsheetApp.getActive().getSheetByName('KPI').getRange('A2').setFormula('${FORMULA}');`);
    expect(host.recalculate()).toBe(0);
    expect(cell(host)).toBe(0.25);
  });

  it('a formula replaced and put back is evaluated again only if Sheets saw the replacement (a flush between)', () => {
    const host = formulaHost();
    host.recalculate();
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, funnel: ['Meeting', 'Lead', 'Paid'] }));
    const swap = (flush: boolean) =>
      host.script(`const r = SpreadsheetApp.getActive().getSheetByName('KPI').getRange('A2');
      r.setValue('x'); ${flush ? 'SpreadsheetApp.flush();' : ''} r.setFormula('${FORMULA}');`);
    swap(false);
    expect(host.recalculate()).toBe(0);
    swap(true);
    expect(host.recalculate()).toBe(1);
    expect(cell(host)).toBeCloseTo(1 / 3);
  });

  it('evaluates open-ended ranges to the sheet’s last row and leaves formulas of other functions alone', () => {
    const host = formulaHost();
    host.script(
      `const s = SpreadsheetApp.getActive().getSheetByName('KPI'); s.getRange('B2').setFormula('=STAGE_CONVERSION(Deals!A2:A,"Lead","Paid")'); s.getRange('C2').setFormula('=SUM(1,2)');`,
    );
    expect(host.recalculate()).toBe(2);
    expect(host.recalculated()).toEqual(['KPI!2:1', 'KPI!2:2']);
    expect(host.book.sheet('KPI')!.get(2, 2)).toBe(0.25);
  });
});

describe('#NAME? (rule 22)', () => {
  it('an add-on’s custom functions are unknown until it is used in the document', () => {
    const host = formulaHost({ enabled: false });
    host.recalculate();
    expect(cell(host)).toBe('#NAME?');
    expect(() => host.runCustomFunction('FUNNEL', [['Lead']])).toThrow("#NAME? Unknown function: 'FUNNEL'.");
    host.open({ enabled: false });
    host.book.sheet('Deals')!.set(5, 1, 'Paid');
    host.recalculate();
    expect(cell(host)).toBe('#NAME?');
    host.open({ enabled: true });
    host.book.sheet('Deals')!.set(5, 1, 'Lead');
    host.recalculate();
    expect(cell(host)).toBe(0.25);
  });

  it('in a test deployment they are never known, even enabled', () => {
    const host = formulaHost({ install: 'test' });
    host.open({ enabled: true });
    host.recalculate();
    expect(cell(host)).toBe('#NAME?');
  });
});

describe('trigger listings and runs', () => {
  const tick = (host: Host) => host.script(`this.tick = function () { ScriptApp.newTrigger('tick').timeBased().after(60000).create(); };`);

  it('rule 23: with clock triggers unlisted, getUserTriggers(document) omits an add-on’s clock trigger; getProjectTriggers lists it', () => {
    const host = createHost({ clockTriggersListed: false });
    const listed = () =>
      host.script(`const ss = SpreadsheetApp.getActive();
      return [ScriptApp.getUserTriggers(ss).length, ScriptApp.getProjectTriggers().length];`);
    host.script(
      `ScriptApp.newTrigger('a').timeBased().after(60000).create(); ScriptApp.newTrigger('c').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();`,
    );
    expect(listed()).toEqual([1, 2]);
    expect(
      createHost().script(
        `ScriptApp.newTrigger('a').timeBased().after(60000).create(); return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).length;`,
      ),
    ).toBe(1);
  });

  it('rule 24: with triggersFromTriggers "never", a trigger made during a trigger run is listed but never fires', () => {
    for (const reading of ['fire', 'never'] as const) {
      const host = createHost({ now: 0, triggersFromTriggers: reading });
      tick(host);
      host.script(`ScriptApp.newTrigger('tick').timeBased().after(60000).create();`);
      host.clock.set(60_000);
      expect(host.fireDueTriggers()).toEqual(['tick']); // made by a menu action: fires
      host.clock.set(120_000);
      expect(host.fireDueTriggers(), reading).toEqual(reading === 'fire' ? ['tick'] : []);
      expect(host.triggers.list).toHaveLength(1);
    }
  });

  it('rule 9: with clockSeesDocument false, a clock run gets null for the spreadsheet, the document properties and the document lock', () => {
    const host = createHost({ now: 0, clockSeesDocument: false });
    host.script(`this.look = function () { globalThis.seen = [SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(), LockService.getDocumentLock()].map((x) => x === null); };
      ScriptApp.newTrigger('look').timeBased().after(60000).create();`);
    host.clock.set(60_000);
    host.fireDueTriggers();
    expect(host.script('return globalThis.seen;')).toEqual([true, true, true]);
    expect(
      host.script(
        'return [SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(), LockService.getDocumentLock()].map((x) => x === null);',
      ),
    ).toEqual([false, false, false]);
  });

  it('rule 26: trigger runtime is 90 minutes a day per user; past it Google runs no more of that user’s triggers that day', () => {
    const host = createHost({ now: 0, install: 'bound', dailyTriggerRuntimeMs: 2_000 });
    host.script(
      `this.tick = function () { PropertiesService.getDocumentProperties().getProperty('x'); }; ScriptApp.newTrigger('tick').timeBased().everyMinutes(1).create();`,
    );
    let ran = 0;
    host.calls.before('Properties.getProperty', () => ran++);
    for (let m = 1; m <= 10; m++) {
      host.clock.set(m * 60_000);
      host.fireDueTriggers();
    }
    // Each run is charged 500 ms + 50 ms a call (2 calls): three runs spend the 2 s.
    expect(ran).toBe(4);
    expect(host.triggers.errors.at(-1)).toBe('tick: Service using too much computer time for one day');
    host.clock.set(86_400_000 + 60_000);
    host.fireDueTriggers();
    expect(ran).toBe(5);
  });

  it('rule 27: Properties reads and writes are counted per user per day', () => {
    const host = createHost({ dailyPropertyCalls: 3 });
    host.script(`const p = PropertiesService.getDocumentProperties(); p.setProperty('a', '1'); p.getProperty('a'); p.getProperties();`);
    expect(() => host.script(`PropertiesService.getUserProperties().getProperty('a');`)).toThrow(
      'Service invoked too many times for one day: properties.',
    );
    host.as('chloe@example.com').script(`PropertiesService.getDocumentProperties().getProperty('a');`);
  });

  it('rule 28: a trigger’s record holds data only (no builder method leaks into it)', () => {
    const host = createHost();
    host.script(`ScriptApp.newTrigger('c').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();
      ScriptApp.newTrigger('w').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(6).create();`);
    for (const record of host.triggers.list)
      expect(JSON.parse(JSON.stringify(record))).toEqual(Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)));
    expect(host.triggers.list[0].at).toBeUndefined();
  });
});

describe('calendar triggers (rule 29)', () => {
  it('a weekly trigger fires on its weekday within its hour, in its zone, at the same minute every week', () => {
    // Sunday 2026-11-29 20:00 UTC is Monday 05:00 in Tokyo.
    const host = createHost({ now: Date.UTC(2026, 10, 29, 20, 0) });
    host.script(
      `this.weekly = function () {}; ScriptApp.newTrigger('weekly').timeBased().everyWeeks(1).onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(6).inTimezone('Asia/Tokyo').create();`,
    );
    const firings: number[] = [];
    for (let t = Date.UTC(2026, 10, 29, 20, 0); t < Date.UTC(2026, 11, 13); t += 60_000) {
      host.clock.set(t);
      if (host.fireDueTriggers().length) firings.push(t);
    }
    expect(firings).toHaveLength(2);
    for (const t of firings) {
      const tokyo = new Date(t + 9 * HOUR);
      expect([tokyo.getUTCDay(), tokyo.getUTCHours()]).toEqual([1, 6]);
    }
    expect(firings[1] - firings[0]).toBe(7 * 24 * HOUR);
  });

  it('without inTimezone, the hour is the script’s zone (the manifest’s Moscow)', () => {
    const host = createHost({ now: Date.UTC(2026, 10, 30, 0, 0) });
    host.script(`ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();`);
    const at = host.triggers.list[0].at!;
    expect(new Date(at + 3 * HOUR).getUTCHours()).toBe(6);
  });
});

describe('zones by default (rule 12)', () => {
  it('the spreadsheet’s zone differs from the script’s whatever this process’s zone is', () => {
    expect(createHost().book.timeZone).not.toBe(createHost().scriptTimeZone);
    const sameAsProcess = createHost({ scriptTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(sameAsProcess.book.timeZone).not.toBe(sameAsProcess.scriptTimeZone);
  });
});

describe('TextFinder (rule 30)', () => {
  it('replaces in formula text only with matchFormulaText, exact case with matchCase, and counts what it replaced', () => {
    const host = createHost();
    host.setSheet('S', [['FUNNEL(x)', 'funnel(', '']]);
    host.script(`const s = SpreadsheetApp.getActive().getSheetByName('S'); s.getRange('C1').setFormula('=FUNNEL(A:A)+FUNNEL(B:B)');`);
    const replace = (code: string) => host.script(`return SpreadsheetApp.getActive().createTextFinder('FUNNEL(')${code};`);
    expect(replace(`.matchCase(true).matchFormulaText(true).replaceAllWith('X_FUNNEL(')`)).toBe(3);
    expect(host.book.sheet('S')!.formulas.get('1:3')).toBe('=X_FUNNEL(A:A)+X_FUNNEL(B:B)');
    expect(host.book.rows('S')[0].slice(0, 2)).toEqual(['X_FUNNEL(x)', 'funnel(']);
    expect(replace(`.replaceAllWith('Y(')`)).toBe(2); // values only, case-insensitive
    expect(host.book.sheet('S')!.formulas.get('1:3')).toBe('=X_FUNNEL(A:A)+X_FUNNEL(B:B)');
  });
});
