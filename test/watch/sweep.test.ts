// The lead watch in the host, with its clock: sweeps, triggers, the lock, and what it may change.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/index';
import { WATCH_ON_KEY } from '../../src/watch/triggers';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { at, CLOCK_WORKS, deadlineTriggers, editSettings, expectRefusedAtMostOnce, leads, log, T0, watchHost } from '../helpers/watch';
import { runCut } from '../helpers/faults';

/** Every cell of the leads sheet that differs, as "row:column". */
function changedCells(before: unknown[][], after: unknown[][]): string[] {
  const out: string[] = [];
  const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  for (let r = 0; r < Math.max(before.length, after.length); r++) {
    for (let c = 0; c < Math.max(before[r]?.length ?? 0, after[r]?.length ?? 0); c++) {
      if (norm(before[r]?.[c]) !== norm(after[r]?.[c])) out.push(`${r + 1}:${c + 1}`);
    }
  }
  return out;
}

describe('a sweep', () => {
  it('re-routes a lead unanswered at 11 minutes once, logs it and mails the new manager', () => {
    const host = watchHost();
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(leads(host)[1][3]).toBe('Boris');
    expect((leads(host)[1][4] as Date).getTime()).toBe(at(11).getTime());
    expect(log(host)).toEqual([[at(11), 'L1', 'Anna', 'Boris', 11, 'rerouted', 'reroute']]);
    expect(host.outbox).toEqual([
      {
        to: 'boris@example.com',
        subject: 'Lead L1 is yours now: please answer it',
        body: expect.stringContaining('waited 11 minutes'),
        at: expect.any(Number),
      },
    ]);
    host.run('menuWatchCheck');
    expect(log(host)).toHaveLength(1);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/0 re-routed/);
  });

  it('Check now reads the leads’ rows once: the prerequisite looks only at the header row', () => {
    const host = watchHost();
    host.clock.set(at(5));
    host.calls.reset();
    host.run('menuWatchCheck');
    expect(host.calls.count('Sheet.getDataRange')).toBe(1);
    expect(host.calls.count('Range.getValues')).toBe(2); // the header row, then the rows
  });

  it('leaves a lead answered at 9 minutes untouched', () => {
    const host = watchHost({ leads: [['L1', at(0), at(9), 'Anna', at(0), 'Site']] });
    const before = leads(host);
    host.clock.set(at(30));
    host.run('menuWatchCheck');
    expect(leads(host)).toEqual(before);
    expect(log(host)).toEqual([]);
  });

  it('counts working hours: a lead at Friday 18:55 is due Monday 09:05', () => {
    const friday = new Date(2026, 10, 27, 18, 55);
    const host = watchHost({
      now: friday.getTime(),
      workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' },
      leads: [['L1', friday, '', 'Anna', friday, 'Site']],
    });
    host.clock.set(new Date(2026, 10, 30, 9, 4));
    host.run('menuWatchCheck');
    expect(log(host)).toEqual([]);
    host.clock.set(new Date(2026, 10, 30, 9, 6));
    host.run('menuWatchCheck');
    expect(log(host).map((r) => [r[2], r[3], r[4]])).toEqual([['Anna', 'Boris', 11]]);
  });

  it('two sweeps racing re-route once: the second cannot take the lock, and after it nothing is due', () => {
    const host = watchHost();
    host.clock.set(at(11));
    const results: unknown[] = [];
    const remove = host.calls.before('Range.getValues', () => {
      remove();
      results.push(host.run('watchOnChange', { changeType: 'EDIT' }));
    });
    host.run('watchOnChange', { changeType: 'EDIT' });
    host.run('watchOnChange', { changeType: 'EDIT' });
    expect(log(host)).toHaveLength(1);
    expect(leads(host)[1][3]).toBe('Boris');
  });

  it('a manager cell edited between read and write: that row is left alone, and handled next sweep', () => {
    const host = watchHost();
    host.clock.set(at(11));
    let reads = 0;
    // The sweep reads the sheet once, then re-reads the row it is about to change: type in between.
    const remove = host.calls.before('Range.getValues', () => {
      if (++reads === 2) host.book.sheet('Leads')!.set(2, 4, 'David');
    });
    host.run('watchOnChange', { changeType: 'EDIT' });
    remove();
    expect(leads(host)[1][3]).toBe('David');
    expect((leads(host)[1][4] as Date).getTime()).toBe(at(0).getTime());
    expect(log(host)).toEqual([]);
    host.clock.set(at(12));
    host.run('menuWatchCheck');
    expect(log(host).map((r) => [r[2], r[3]])).toEqual([['David', 'Anna']]);
  });

  it('rows sorted between sweeps: each lead is still found by its id', () => {
    const host = watchHost({
      leads: [
        ['L1', at(0), '', 'Anna', at(0), 'Site'],
        ['L2', at(5), '', 'Boris', at(5), 'Ads'],
      ],
    });
    host.clock.set(at(16));
    host.run('menuWatchCheck');
    const sheet = host.book.sheet('Leads')!;
    sheet.values = [sheet.values[0], sheet.values[2], sheet.values[1]]; // the user sorts by newest first
    host.clock.set(at(27));
    host.run('menuWatchCheck');
    // The second sweep meets L2 first (sheet order) and re-routes each lead from its own manager.
    expect(log(host).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['L1', 'Anna', 'Boris'],
      ['L2', 'Boris', 'David'],
      ['L2', 'David', 'Anna'],
      ['L1', 'Boris', 'David'],
    ]);
    expect(
      leads(host)
        .slice(1)
        .map((r) => [r[0], r[3]]),
    ).toEqual([
      ['L2', 'Anna'],
      ['L1', 'David'],
    ]);
  });

  it('an e-mail refused on quota does not lose the re-route or the watch’s count, and waits for the next day, never given up', () => {
    const host = watchHost();
    const refuse = host.calls.before('MailApp.sendEmail', () => {
      throw new Error('Service invoked too many times for one day: email.');
    });
    for (const m of [11, 22, 33, 44]) {
      host.clock.set(at(m));
      host.run('menuWatchCheck');
    }
    expect(log(host).map((r) => r[5])).toEqual(['rerouted', 'rerouted', 'rerouted', 'escalated']);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/4 e-mails are waiting to be sent/);
    expect(host.ui.dialogs.at(-1)!.text).not.toMatch(/given up/);
    refuse();
    host.clock.set(at(44 + 24 * 60));
    host.run('menuWatchCheck');
    expect(host.outbox).toHaveLength(4);
  });

  it("the KPI summary counts the watch's re-routes and escalation from its log", () => {
    const host = watchHost();
    for (const m of [11, 22, 33, 44]) {
      host.clock.set(at(m));
      host.run('menuWatchCheck');
    }
    host.setSheet('Deals', [
      ['Stage', 'Created'],
      ['Lead', new Date(T0)],
      ['Paid', new Date(T0)],
    ]);
    editSettings(host, (settings) => {
      settings.sources.deals = { sheet: 'Deals', columns: { stage: 'Stage', created: 'Created' } };
      settings.funnel = ['Lead', 'Paid'];
    });
    host.run('menuBuildSummary');
    const rows = host.book.rows(host.book.sheets[0].name);
    const header = rows.findIndex((r) => r[3] === 'Re-routed leads');
    expect(rows[header].slice(3, 5)).toEqual(['Re-routed leads', 'Escalated leads']);
    expect(rows[header + 1].slice(3, 5)).toEqual([3, 1]);
  });

  it('the fourth breach escalates to the head of sales', () => {
    const host = watchHost();
    for (const m of [11, 22, 33, 44, 55]) {
      host.clock.set(at(m));
      host.run('menuWatchCheck');
    }
    expect(log(host).map((r) => r[5])).toEqual(['rerouted', 'rerouted', 'rerouted', 'escalated']);
    expect(host.outbox.at(-1)).toEqual({
      to: 'head@example.com',
      subject: 'Lead L1 is still unanswered',
      body: expect.stringContaining('re-routed 3 times'),
      at: expect.any(Number),
    });
  });

  it('changes only the manager and assigned-at cells of re-routed rows', () => {
    const host = watchHost({
      leads: [
        ['L1', at(0), '', 'Anna', at(0), 'Site'],
        ['L2', at(0), at(3), 'Anna', at(0), 'Site'],
        ['L3', at(8), '', 'Boris', at(8), 'Ads'],
      ],
    });
    const before = leads(host);
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(changedCells(before, leads(host))).toEqual(['2:4', '2:5']);
  });
});

describe('triggers, by how the add-on is installed', () => {
  const kinds = (host: Host) => host.triggers.list.map((t) => [t.handler, t.kind]).sort();

  it('add-on: one change trigger and one clock trigger, a one-shot at the earliest deadline', () => {
    const host = watchHost({
      on: false,
      addonOneShot: 'asked',
      leads: [
        ['L1', at(0), '', 'Anna', at(0), 'Site'],
        ['L2', at(-4), '', 'Boris', at(-4), 'Ads'],
      ],
    });
    host.run('menuWatchOn');
    expect(kinds(host)).toEqual([
      ['onClock', 'after'],
      ['watchOnChange', 'change'],
    ]);
    expect(deadlineTriggers(host)[0].at).toBe(at(6).getTime() + 5_000);
    host.run('menuWatchCheck');
    host.run('menuWatchCheck');
    expect(deadlineTriggers(host)).toHaveLength(1);
    expect(host.triggers.refused).toEqual([]);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/0 re-routed/);
  });

  it('add-on: with nothing pending, the one clock trigger is an hour ahead (the safety net)', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked', leads: [['L1', at(0), at(2), 'Anna', at(0), 'Site']] });
    host.run('menuWatchOn');
    expect(deadlineTriggers(host).map((t) => t.at)).toEqual([T0 + 3_600_000]);
  });

  it('add-on, where Google runs a one-shot no sooner than an hour: the lead is re-routed at the next change', () => {
    const host = watchHost({ on: false, addonOneShot: 'hourly' });
    host.run('menuWatchOn');
    expect(deadlineTriggers(host)[0].at).toBe(T0 + 3_600_000);
    host.clock.set(at(12));
    expect(host.fireDueTriggers()).toEqual([]);
    host.fireChange();
    expect(log(host).map((r) => r[3])).toEqual(['Boris']);
    expect(host.triggers.refused).toEqual([]);
  });

  it('the deadline trigger fires, re-routes and sets the next one; turn off leaves no trigger', () => {
    const host = watchHost({ on: false, ...CLOCK_WORKS });
    host.run('menuWatchOn');
    host.clock.set(at(10).getTime() + 5_000);
    expect(host.fireDueTriggers()).toEqual(['onClock']);
    expect(log(host)).toHaveLength(1);
    expect(deadlineTriggers(host).map((t) => t.at)).toEqual([at(20).getTime() + 10_000]);
    host.run('menuWatchOff');
    // The change trigger goes; the clock stays for the scheduler's other jobs, weekly now.
    expect(kinds(host)).toEqual([['onClock', 'calendar']]);
    expect(host.ui.dialogs.at(-1)!.text).toBe('The lead watch is off; triggers removed: 1.');
  });

  it('when Google refuses the one-shot trigger, the sweep still works and says when the next check comes', () => {
    const host = watchHost({ on: false });
    host.run('menuWatchOn');
    host.calls.before('TriggerBuilder.after', () => {
      throw new Error('Service error');
    });
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(log(host)).toHaveLength(1);
    expect(deadlineTriggers(host)).toEqual([]);
    expect(kinds(host)).toEqual([['watchOnChange', 'change']]);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/comes with the next change in the spreadsheet or within the hour/);
  });

  it('a busy lock still leaves the next clock trigger set', () => {
    const host = watchHost({ addonOneShot: 'asked' });
    let reads = 0;
    let afterBusy = -1;
    // The second read is the sweep's, under the lock: the deadline trigger fires right then.
    host.calls.before('Range.getValues', () => {
      if (++reads !== 2) return;
      host.run('watchDeadline', {});
      afterBusy = deadlineTriggers(host).length;
    });
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(afterBusy).toBe(1);
    expect(log(host)).toHaveLength(1);
  });

  it('a clock trigger that cannot see the spreadsheet (the other reading of an undocumented rule) does no harm; the change trigger re-routes', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked', clockSeesDocument: false });
    host.run('menuWatchOn');
    host.clock.set(at(11));
    expect(host.fireDueTriggers()).toEqual(['onClock']);
    expect(log(host)).toEqual([]);
    host.fireChange();
    expect(log(host).map((r) => r[3])).toEqual(['Boris']);
    expect(deadlineTriggers(host)).toHaveLength(1);
  });

  it('bound script: the change trigger and a 1-minute clock, no one-shots', () => {
    const host = watchHost({ on: false, install: 'bound' });
    host.run('menuWatchOn');
    expect(kinds(host)).toEqual([
      ['watchOnChange', 'change'],
      ['watchSafetyNet', 'every'],
    ]);
    expect(host.triggers.list.find((t) => t.kind === 'every')!.everyMs).toBe(60_000);
    host.clock.set(at(10).getTime() + 30_000);
    host.fireDueTriggers();
    // A minute run that cannot see the document (RULES.md rule 9) leaves the deadline to the next change.
    if (!host.readings.clockSeesDocument) host.fireChange();
    expect(log(host)).toHaveLength(1);
    expect(kinds(host)).toEqual([
      ['watchOnChange', 'change'],
      ['watchSafetyNet', 'every'],
    ]);
  });

  it('test deployment: turning on explains that Google runs no triggers there, and stays off; check now works', () => {
    const host = watchHost({ on: false, install: 'test' });
    host.run('menuWatchOn');
    expect(host.triggers.list).toEqual([]);
    expect(host.documentProperties.getProperty(WATCH_ON_KEY)).toBeNull();
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/stays off.*test deployment.*check now/);
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(log(host)).toHaveLength(1);
  });

  it('test deployment where Google accepts triggers but never runs them: nothing half on, check now works', () => {
    const host = watchHost({ on: false, install: 'test', testTriggers: 'inert' });
    host.run('menuWatchOn');
    host.clock.set(at(11));
    expect(host.fireDueTriggers()).toEqual([]);
    host.run('menuWatchCheck');
    expect(log(host)).toHaveLength(1);
  });

  it('a second user turning the watch off stops the first user’s triggers: they remove themselves', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked' });
    host.run('menuWatchOn');
    const chloe = host.as('chloe@example.com');
    chloe.run('menuWatchOff');
    expect(host.ui.dialogs.at(-1)!.text).toBe('The lead watch is off; triggers removed: 0.');
    expect(host.triggers.list.filter((t) => t.user === host.user)).toHaveLength(2); // the first user's, invisible to Chloe
    host.clock.set(at(11));
    chloe.fireChange();
    expect(log(host)).toEqual([]);
    expect(leads(host)[1][3]).toBe('Anna');
    // No change trigger is left; each user keeps one clock trigger, for the scheduler's other jobs.
    expect(host.triggers.list.filter((t) => t.kind === 'change')).toEqual([]);
    for (const user of [host.user, 'chloe@example.com']) expect(deadlineTriggers(host, user).length).toBeLessThanOrEqual(1);
  });

  it('each user sees and removes only their own triggers', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked' });
    host.run('menuWatchOn');
    host.as('chloe@example.com').run('menuWatchOn');
    expect(host.triggers.list.map((t) => t.user).sort()).toEqual([
      'chloe@example.com',
      'chloe@example.com',
      'head@example.com',
      'head@example.com',
    ]);
    expect(host.triggers.refused).toEqual([]);
  });

  it('refuses to turn on without an assigned-at column, saying what to map', () => {
    const host = watchHost({ on: false });
    host.setSheet('Leads', [
      ['ID', 'Created', 'Responded', 'Manager'],
      ['L1', at(0), '', 'Anna'],
    ]);
    host.run('menuWatchOn');
    expect(host.triggers.list).toEqual([]);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/"assigned at".*Nothing was changed/);
  });
});

describe('turning the watch on or off, cut at each of its calls', () => {
  const kinds = (host: Host) => host.triggers.list.map((t) => t.handler).sort();
  const callsOf = (action: string, prepare: (host: Host) => void) => {
    const host = watchHost({ on: false, addonOneShot: 'asked' });
    prepare(host);
    host.run(action);
    return host.lastRunCalls();
  };

  for (const fault of ['kill', 'failure'] as const) {
    it(`turn on, with a ${fault} at each call: never half on — the next change or a second "turn on" leaves one change trigger and one clock trigger, each deadline acted on once`, () => {
      const n = callsOf('menuWatchOn', () => undefined);
      for (let k = 1; k <= n; k++) {
        const host = watchHost({ on: false, addonOneShot: 'asked' });
        runCut(host, fault, k, 'menuWatchOn');
        host.clock.set(at(11));
        host.fireChange(); // a change: a change trigger that finds the watch off removes itself
        if (host.documentProperties.getProperty(WATCH_ON_KEY) === 'true')
          expect(kinds(host), `${fault} at call ${k}`).toContain('watchOnChange');
        else
          expect(
            kinds(host).filter((h) => h !== 'onClock'),
            `${fault} at call ${k}`,
          ).toEqual([]);
        host.run('menuWatchOn');
        expect(kinds(host), `${fault} at call ${k}`).toEqual(['onClock', 'watchOnChange']);
        host.clock.set(at(12));
        host.fireChange();
        expect(log(host).filter((r) => r[1] === 'L1' && r[5] === 'rerouted').length, `${fault} at call ${k}`).toBe(1);
        expectRefusedAtMostOnce(host, `${fault} at call ${k}`);
      }
    });

    it(`turn off, with a ${fault} at each call: a second "turn off" leaves nothing, and nothing is re-routed after it`, () => {
      const n = callsOf('menuWatchOff', (host) => host.run('menuWatchOn'));
      for (let k = 1; k <= n; k++) {
        const host = watchHost({ on: false, addonOneShot: 'asked' });
        host.run('menuWatchOn');
        runCut(host, fault, k, 'menuWatchOff');
        host.run('menuWatchOff');
        host.clock.set(at(30));
        host.fireChange();
        host.fireDueTriggers();
        // Only the scheduler's clock is left, weekly now that nothing is due sooner.
        expect(
          host.triggers.list.map((t) => [t.handler, t.kind]),
          `${fault} at call ${k}`,
        ).toEqual([['onClock', 'calendar']]);
        expect(log(host), `${fault} at call ${k}`).toEqual([]);
      }
    });
  }
});

describe('a day of leads', () => {
  it('ends with the right re-routes and escalations, an exact log, and no other cell changed', () => {
    // Lead i arrives at minute 60·i and is answered after `answer[i]` minutes (null: never).
    const answer = [4, 15, 27, 38, null, 9];
    const rows = answer.map((_, i) => [`L${i + 1}`, at(60 * i), '', 'Anna', at(60 * i), 'Site']);
    const host = watchHost({ leads: rows, on: false, ...CLOCK_WORKS });
    host.run('menuWatchOn');
    const before = leads(host);
    for (let minute = 1; minute <= 8 * 60; minute++) {
      host.clock.set(at(minute));
      answer.forEach((a, i) => {
        if (a !== null && minute === 60 * i + a) {
          host.book.sheet('Leads')!.set(i + 2, 3, at(minute)); // the manager answers
          host.fireChange();
        }
      });
      host.fireDueTriggers();
    }
    const got = log(host).map((r) => [r[1], r[2], r[3], r[4], r[5]]);
    // Deadlines are acted on at the first minute after deadline + 5 s: 11, then every 11 minutes.
    expect(got).toEqual([
      ['L2', 'Anna', 'Boris', 11, 'rerouted'],
      ['L3', 'Anna', 'Boris', 11, 'rerouted'],
      ['L3', 'Boris', 'David', 11, 'rerouted'],
      ['L4', 'Anna', 'Boris', 11, 'rerouted'],
      ['L4', 'Boris', 'David', 11, 'rerouted'],
      ['L4', 'David', 'Anna', 11, 'rerouted'],
      ['L5', 'Anna', 'Boris', 11, 'rerouted'],
      ['L5', 'Boris', 'David', 11, 'rerouted'],
      ['L5', 'David', 'Anna', 11, 'rerouted'],
      ['L5', 'Anna', '', 11, 'escalated'],
    ]);
    const changed = changedCells(before, leads(host)).filter((cell) => !cell.endsWith(':3'));
    expect(changed.every((cell) => /:(4|5)$/.test(cell))).toBe(true);
    expect(
      leads(host)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(['Anna', 'Boris', 'David', 'Anna', 'Anna', 'Anna']);
    expect(host.triggers.refused).toEqual([]);
  });

  it('with two users who both turned it on (an add-on install): the same exact log, no e-mail twice; the second user’s "turn off" stops all re-routing', () => {
    const answer = [4, 15, 27, 38, null, 9];
    const rows = answer.map((_, i) => [`L${i + 1}`, at(60 * i), '', 'Anna', at(60 * i), 'Site']);
    const host = watchHost({ leads: rows, on: false, ...CLOCK_WORKS });
    const chloe = host.as('chloe@example.com');
    host.run('menuWatchOn');
    chloe.run('menuWatchOn');
    expect(host.triggers.list).toHaveLength(4);
    for (let minute = 1; minute <= 8 * 60; minute++) {
      host.clock.set(at(minute));
      answer.forEach((a, i) => {
        if (a !== null && minute === 60 * i + a) {
          host.book.sheet('Leads')!.set(i + 2, 3, at(minute));
          chloe.fireChange();
        }
      });
      host.fireDueTriggers();
      chloe.fireDueTriggers();
    }
    expect(log(host).map((r) => [r[1], r[3] || r[5]])).toEqual([
      ['L2', 'Boris'],
      ['L3', 'Boris'],
      ['L3', 'David'],
      ['L4', 'Boris'],
      ['L4', 'David'],
      ['L4', 'Anna'],
      ['L5', 'Boris'],
      ['L5', 'David'],
      ['L5', 'Anna'],
      ['L5', 'escalated'],
    ]);
    const mails = host.outbox.map((m) => `${m.to}|${m.subject}`);
    expect(new Set(mails).size).toBe(mails.length);
    expect(mails).toHaveLength(10);
    expect(host.triggers.refused).toEqual([]);
    // Chloe turns it off: the head's triggers find the switch off and remove themselves; nothing more is re-routed.
    chloe.run('menuWatchOff');
    host.book.sheet('Leads')!.values.push(['L7', at(8 * 60), '', 'Anna', at(8 * 60), 'Site']);
    host.clock.set(at(9 * 60));
    host.fireChange();
    host.fireDueTriggers();
    expect(log(host)).toHaveLength(10);
    expect(host.triggers.list.filter((t) => t.kind === 'change')).toEqual([]);
    for (const user of [host.user, 'chloe@example.com']) expect(deadlineTriggers(host, user).length).toBeLessThanOrEqual(1);
  });

  it('the KPI summary counts the re-routed leads from the log', () => {
    const host = watchHost();
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    host.setSheet('Deals', [['Stage'], ['Lead']]);
    editSettings(host, (settings) => {
      settings.sources.deals = { sheet: 'Deals', columns: { stage: 'Stage' } };
      settings.funnel = ['Lead', 'Paid'];
      settings.period = 'all';
    });
    host.run('menuBuildSummary');
    const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))!;
    const rows = host.book.rows(summary.name);
    const header = rows.findIndex((r) => r[0] === 'Median response, min');
    expect(rows[header + 1][3]).toBe(1);
  });
});
