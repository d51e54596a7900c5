// Each of Google's rules in dev/host/RULES.md, pinned: every test here fails if its rule is taken out of the host.
import { describe, expect, it } from 'vitest';
import { createHost, RunKilled } from '../../dev/host/index';
import { SETTINGS_KEY } from '../../src/settings/storage';

const HOUR = 3_600_000;

describe('triggers', () => {
  it('an add-on may have one clock trigger per user per document, with Google’s error text', () => {
    const host = createHost();
    host.script(`ScriptApp.newTrigger('a').timeBased().after(7200000).create();`);
    expect(() => host.script(`ScriptApp.newTrigger('b').timeBased().everyHours(2).create();`)).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    // …one of each type: a change trigger is still allowed, and another user has their own.
    host.script(`ScriptApp.newTrigger('c').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();`);
    host.as('chloe@example.com').script(`ScriptApp.newTrigger('a').timeBased().after(7200000).create();`);
    expect(host.triggers.list.map((t) => `${t.user}:${t.handler}`)).toEqual([
      'head@example.com:a',
      'head@example.com:c',
      'chloe@example.com:a',
    ]);
  });

  it('an add-on’s recurring clock triggers run at most hourly; a bound script may tick every minute', () => {
    expect(() => createHost().script(`ScriptApp.newTrigger('t').timeBased().everyMinutes(1).create();`)).toThrow(/more than once per hour/);
    const bound = createHost({ install: 'bound' });
    bound.script(
      `ScriptApp.newTrigger('t').timeBased().everyMinutes(1).create(); ScriptApp.newTrigger('u').timeBased().after(60000).create();`,
    );
    expect(bound.triggers.list).toHaveLength(2);
  });

  it('an add-on’s one-shot fires when asked by default (what published add-ons rely on), or (the other reading) no sooner than an hour', () => {
    const asked = createHost({ now: 0 });
    asked.script(`ScriptApp.newTrigger('t').timeBased().after(60000).create();`);
    expect(asked.triggers.list[0].at).toBe(60_000);
    const hourly = createHost({ now: 0, addonOneShot: 'hourly' });
    hourly.script(`ScriptApp.newTrigger('t').timeBased().after(60000).create();`);
    expect(hourly.triggers.list[0].at).toBe(HOUR);
  });

  it('20 triggers per user per script', () => {
    const host = createHost({ install: 'bound' });
    host.script(`for (let i = 0; i < 20; i++) ScriptApp.newTrigger('t' + i).timeBased().everyHours(1).create();`);
    expect(() => host.script(`ScriptApp.newTrigger('t').timeBased().everyHours(1).create();`)).toThrow(
      'This script has too many triggers.',
    );
    host.as('chloe@example.com').script(`ScriptApp.newTrigger('t').timeBased().everyHours(1).create();`);
  });

  it('a test deployment runs no installable triggers: creation refused, or (the other reading) never fired', () => {
    expect(() => createHost({ install: 'test' }).script(`ScriptApp.newTrigger('t').timeBased().after(60000).create();`)).toThrow(
      /not supported in test deployments/,
    );
    const inert = createHost({ install: 'test', testTriggers: 'inert', now: 0 });
    inert.script(`ScriptApp.newTrigger('t').timeBased().after(60000).create();`);
    inert.clock.set(2 * HOUR);
    expect(inert.fireDueTriggers()).toEqual([]);
  });

  it('a user sees only their own triggers: getProjectTriggers and getUserTriggers(spreadsheet)', () => {
    const host = createHost({ install: 'bound' });
    host.script(`ScriptApp.newTrigger('mine').timeBased().everyHours(1).create();`);
    const chloe = host.as('chloe@example.com');
    chloe.script(`ScriptApp.newTrigger('hers').timeBased().everyHours(1).create();`);
    expect(chloe.script(`return ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction());`)).toEqual(['hers']);
    expect(host.script(`return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((t) => t.getHandlerFunction());`)).toEqual([
      'mine',
    ]);
    chloe.script(`ScriptApp.getProjectTriggers().forEach((t) => ScriptApp.deleteTrigger(t));`);
    expect(host.triggers.list.map((t) => t.handler)).toEqual(['mine']);
  });

  it('says how it is installed', () => {
    const source = (install: 'addon' | 'bound' | 'test') =>
      createHost({ install }).script(`return String(ScriptApp.getInstallationSource());`);
    expect([source('addon'), source('bound'), source('test')]).toEqual(['WEB_STORE_ADD_ON', 'NONE', 'NONE']);
  });

  it('hands a clock trigger an event with no source, and a change trigger one with the spreadsheet', () => {
    const host = createHost({ install: 'bound', now: 0 });
    host.script(`
      this.seen = [];
      this.tick = (e) => seen.push(['tick', 'source' in e, e.authMode, typeof e.triggerUid]);
      this.changed = (e) => seen.push(['changed', e.source.getId(), e.changeType, e.authMode]);
      ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
      ScriptApp.newTrigger('changed').forSpreadsheet(SpreadsheetApp.getActive()).onChange().create();`);
    host.clock.set(HOUR);
    host.fireDueTriggers();
    host.fireChange();
    expect(host.script('return seen;')).toEqual([
      ['tick', false, 'FULL', 'string'],
      ['changed', 'local-spreadsheet-1', 'EDIT', 'FULL'],
    ]);
  });
});

describe('authorization modes', () => {
  it('onOpen before the add-on is enabled runs in NONE: the menu, nothing else', () => {
    const host = createHost();
    host.script(`SpreadsheetApp.getUi().createAddonMenu().addItem('x', 'y').addToUi();`, 'NONE');
    expect(() => host.script(`PropertiesService.getDocumentProperties();`, 'NONE')).toThrow(
      'You do not have permission to call PropertiesService.getDocumentProperties',
    );
    expect(() => host.script(`Session.getActiveUserLocale();`, 'NONE')).toThrow(
      'You do not have permission to call Session.getActiveUserLocale',
    );
    expect(() => host.script(`SpreadsheetApp.getActiveSpreadsheet();`, 'NONE')).toThrow(/permission/);
  });

  it('opening the document runs the add-on’s onOpen in NONE until it is enabled, then in LIMITED', () => {
    const host = createHost({ locale: 'ru_RU' });
    host.open({ enabled: false });
    expect(host.ui.menus[0].items[0]!.caption).toBe('Build KPI summary');
    host.open({ enabled: true });
    expect(host.ui.menus[0].items[0]!.caption).toBe('Построить сводку KPI');
  });

  it('a custom function reads (get*, properties) but may not write, show UI, mail or make triggers', () => {
    const host = createHost();
    host.documentProperties.setProperty('k', 'v');
    expect(
      host.script(
        `return [SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone() !== '', PropertiesService.getDocumentProperties().getProperty('k')];`,
        'CUSTOM_FUNCTION',
      ),
    ).toEqual([true, 'v']);
    const refused: [string, string | RegExp][] = [
      [
        `SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').setValue(1);`,
        'You do not have permission to call Range.setValue',
      ],
      [`SpreadsheetApp.getUi();`, 'Cannot call SpreadsheetApp.getUi() from this context.'],
      [`MailApp.sendEmail('a@b.c', 's', 'b');`, /permission to call MailApp.sendEmail/],
      [`ScriptApp.newTrigger('t');`, /permission to call ScriptApp.newTrigger/],
      [`PropertiesService.getDocumentProperties().setProperty('k', 'w');`, /permission to call Properties.setProperty/],
      [`SpreadsheetApp.getActiveSpreadsheet().toast('hi');`, /permission to call Spreadsheet.toast/],
    ];
    for (const [code, error] of refused) expect(() => host.script(code, 'CUSTOM_FUNCTION'), code).toThrow(error);
    expect(host.book.sheets[0].get(1, 1)).toBe('');
  });

  it('a cell’s call runs in CUSTOM_FUNCTION mode', () => {
    const host = createHost({ enabled: true });
    host.script(`this.WRITES = () => SpreadsheetApp.getActive().getActiveSheet().getRange('A1').setValue(1);`);
    expect(() => host.runCustomFunction('WRITES')).toThrow('You do not have permission to call Range.setValue');
  });

  it('our custom functions run in CUSTOM_FUNCTION mode, with settings stored', () => {
    const host = createHost({ enabled: true });
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, funnel: ['Lead', 'Meeting', 'Paid'] }));
    expect(host.runCustomFunction('STAGE_CONVERSION', [['Lead'], ['Paid'], ['Meeting'], ['Lead']], 'Lead', 'Paid')).toBe(0.25);
  });
});

describe('time zones', () => {
  it('the script’s zone is the manifest’s; the spreadsheet has its own', () => {
    const host = createHost({ spreadsheetTimeZone: 'America/New_York' });
    expect(host.script(`return [Session.getScriptTimeZone(), SpreadsheetApp.getActive().getSpreadsheetTimeZone()];`)).toEqual([
      'Europe/Moscow',
      'America/New_York',
    ]);
  });

  it('the script’s local time is the script’s zone: new Date(2024, 2, 5) is midnight in Moscow', () => {
    const host = createHost();
    expect(host.script(`const d = new Date(2024, 2, 5); return [d.toISOString(), d.getHours(), d.getTimezoneOffset()];`)).toEqual([
      '2024-03-04T21:00:00.000Z',
      0,
      -180,
    ]);
    const berlin = createHost({ scriptTimeZone: 'Europe/Berlin' });
    // Across Berlin's spring change: local fields stay whole, the offset follows the date.
    expect(
      berlin.script(
        `const d = new Date(2024, 2, 31, 12); d.setDate(d.getDate() - 1); return [d.toISOString(), d.getHours(), d.getTimezoneOffset()];`,
      ),
    ).toEqual(['2024-03-30T11:00:00.000Z', 12, -60]);
  });

  it('a custom function on a Berlin spreadsheet with working hours gives the same answer whatever the script’s zone', () => {
    // 08:50 → 09:20 Berlin time (UTC+1 in January) with working hours from 09:00: 20 working minutes.
    const created = new Date(Date.UTC(2026, 0, 12, 7, 50));
    const responded = new Date(Date.UTC(2026, 0, 12, 8, 20));
    const answers = ['Europe/Moscow', 'UTC', 'America/Los_Angeles', 'Asia/Tokyo'].map((scriptTimeZone) => {
      const host = createHost({ spreadsheetTimeZone: 'Europe/Berlin', scriptTimeZone, enabled: true });
      host.documentProperties.setProperty(
        SETTINGS_KEY,
        JSON.stringify({ version: 1, sla: { workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' } } }),
      );
      return host.runCustomFunction('RESPONSE_TIME', [[created]], [[responded]]);
    });
    expect(answers).toEqual([20, 20, 20, 20]);
  });
});

describe('sizes and quotas', () => {
  it('counts property values in UTF-8 bytes: 9 KB of Russian is half the characters of English', () => {
    const host = createHost();
    host.script(`PropertiesService.getDocumentProperties().setProperty('en', 'x'.repeat(9000));`);
    expect(() => host.script(`PropertiesService.getDocumentProperties().setProperty('ru', 'ж'.repeat(5000));`)).toThrow(
      'Argument too large: value',
    );
  });

  it('a property store holds 500 KB, keys and values', () => {
    const host = createHost();
    host.script(
      `const p = PropertiesService.getScriptProperties(); for (let i = 0; i < 56; i++) p.setProperty('k' + i, 'x'.repeat(9000));`,
    );
    expect(() => host.script(`PropertiesService.getScriptProperties().setProperty('k99', 'x'.repeat(9000));`)).toThrow(
      /property storage quota/,
    );
  });

  it('a cell holds 50,000 characters; the whole write is refused past that', () => {
    const host = createHost();
    expect(() =>
      host.script(`SpreadsheetApp.getActive().getActiveSheet().getRange('A1:B1').setValues([['ok', 'x'.repeat(50001)]]);`),
    ).toThrow('maximum of 50000 characters');
    expect(host.book.sheets[0].get(1, 1)).toBe('');
    host.script(`SpreadsheetApp.getActive().getActiveSheet().getRange('A1').setValue('x'.repeat(50000));`);
  });

  it('a spreadsheet holds 10 million cells', () => {
    const host = createHost();
    expect(() => host.script(`const s = SpreadsheetApp.getActive().getActiveSheet(); s.insertRowsAfter(1000, 400000);`)).toThrow(
      'above the limit of 10000000 cells',
    );
  });

  it('e-mail recipients per day per user (consumer accounts: 100)', () => {
    const host = createHost({ mailQuota: 2 });
    host.script(`MailApp.sendEmail('a@b.c', 's', 'b'); MailApp.sendEmail('d@e.f', 's', 'b');`);
    expect(() => host.script(`MailApp.sendEmail('g@h.i', 's', 'b');`)).toThrow('Service invoked too many times for one day: email.');
    expect(host.as('chloe@example.com').script(`return MailApp.getRemainingDailyQuota();`)).toBe(2);
  });

  it('the e-mail quota resets 24 hours after the first request, not before', () => {
    const host = createHost({ mailQuota: 1 });
    host.script(`MailApp.sendEmail('a@b.c', 's', 'b');`);
    host.clock.advance(23 * 3_600_000);
    expect(() => host.script(`MailApp.sendEmail('d@e.f', 's', 'b');`)).toThrow('Service invoked too many times for one day: email.');
    host.clock.advance(3_600_000);
    host.script(`MailApp.sendEmail('d@e.f', 's', 'b');`);
    expect(host.outbox).toHaveLength(2);
  });

  it('undocumented: other scripts of the account spent the quota while getRemainingDailyQuota() still says it is whole (mailSpentElsewhere)', () => {
    const host = createHost({ mailQuota: 100, mailSpentElsewhere: 100 });
    expect(host.script(`return MailApp.getRemainingDailyQuota();`)).toBe(100);
    expect(() => host.script(`MailApp.sendEmail('a@b.c', 's', 'b');`)).toThrow('Service invoked too many times for one day: email.');
  });
});

describe('a run killed or failing', () => {
  const snippet = `
    const lock = LockService.getDocumentLock();
    lock.tryLock(1000);
    const p = PropertiesService.getDocumentProperties();
    try {
      p.setProperty('a', '1');
      p.setProperty('b', '2');
    } catch (e) {
      p.setProperty('caught', String(e));
    } finally {
      p.setProperty('finally', 'ran');
      lock.releaseLock();
    }`;

  it('a kill at a call stops the run there: no later call, not even in catch or finally, does anything', () => {
    const host = createHost();
    // Calls: getDocumentLock, tryLock, getDocumentProperties, setProperty a, setProperty b, …
    host.killAtCall(5);
    expect(() => host.script(snippet)).toThrow(RunKilled);
    expect(host.documentProperties.getProperties()).toEqual({ a: '1' });
    // Google releases a killed execution's lock: the next run takes it.
    expect(host.script(`return LockService.getDocumentLock().tryLock(0);`)).toBe(true);
  });

  it('an injected failure is an ordinary exception the script may catch, once', () => {
    const host = createHost();
    host.failAtCall(5);
    host.script(snippet);
    expect(host.documentProperties.getProperties()).toEqual({ a: '1', caught: expect.stringMatching(/server error/), finally: 'ran' });
    host.script(snippet);
    expect(host.documentProperties.getProperty('b')).toBe('2');
  });

  it('a multi-key setProperties may be cut between its keys', () => {
    const host = createHost();
    host.killAtCall(3);
    expect(() => host.script(`PropertiesService.getDocumentProperties().setProperties({ a: '1', b: '2' });`)).toThrow(RunKilled);
    expect(host.documentProperties.getProperties()).toEqual({ a: '1' });
  });
});
