// The one scheduler (docs/lead-watch.md › Scheduler and triggers): one clock trigger per user and
// document, the next wake-up set before the work, each job on its own, a weekly trigger when the
// watch is off, a clock run without the document returning quietly, and "Check now" telling when the
// clock had stopped.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/index';
import { LAST_KEY } from '../../src/refresh/formulas';
import { at, deadlineTriggers, expectRefusedAtMostOnce, log, T0, watchHost } from '../helpers/watch';
import { runCut } from '../helpers/faults';

const clockOf = (host: Host) => {
  const clocks = deadlineTriggers(host);
  expect(clocks.length).toBeLessThanOrEqual(1);
  return clocks[0];
};

/**
 * A fault injected into the deadline run at 10:05 needs that run to happen then: an add-on's one-shot
 * firing when asked, in the document's context. The other readings (listing, triggers made in trigger
 * runs) come from HOST_READINGS.
 */
const CLOCK_KEY = 'salesKpi.clock.local-spreadsheet-1';
const CLOCK_RUNS = { addonOneShot: 'asked', clockSeesDocument: true } as const;

describe('the wake-up', () => {
  it('with the watch off: one weekly trigger, Monday between 06:00 and 07:00 in the spreadsheet’s zone', () => {
    const host = watchHost({ on: false, spreadsheetTimeZone: 'Asia/Yekaterinburg' });
    host.run('menuBuildSummary'); // any menu action sets the clock (the summary itself may say what is missing)
    const clock = clockOf(host);
    expect(clock).toMatchObject({
      handler: 'onClock',
      kind: 'calendar',
      calendar: { weekDay: 1, hour: 6, days: 7, zone: 'Asia/Yekaterinburg' },
    });
    const local = new Date(clock.at! + 5 * 3_600_000);
    expect([local.getUTCDay(), local.getUTCHours()]).toEqual([1, 6]);
    // It stays the same trigger through later actions.
    host.run('menuRefreshFormulas');
    expect(clockOf(host).id).toBe(clock.id);
  });

  it('with the watch on: a one-shot at the next deadline, replaced, never doubled, as the day goes on', () => {
    const host = watchHost({ on: false, leads: [['L1', at(0), '', 'Anna', at(0), 'Site']] });
    host.run('menuWatchOn');
    expect(clockOf(host)).toMatchObject({ kind: 'after' });
    // Asked for the deadline + 5 s; Google may hold an add-on's one-shot to an hour (RULES.md rule 3).
    if (host.readings.addonOneShot === 'asked') expect(clockOf(host).at).toBe(at(10).getTime() + 5_000);
    for (let m = 1; m <= 120; m++) {
      host.clock.set(at(m));
      host.fireDueTriggers();
      if (m % 7 === 0) host.run('menuWatchCheck');
      clockOf(host);
    }
    expect(log(host).map((r) => r[5])).toEqual(['rerouted', 'rerouted', 'rerouted', 'escalated']);
    expect(host.triggers.refused).toEqual([]);
  });

  it('a job that fails does not stop the others: the refresh runs when the sweep fails, and the retry backs off', () => {
    // The clock's own retry timing: under the readings where its runs come when asked, see the document and make live triggers.
    const host = watchHost({ refreshed: false, addonOneShot: 'asked', clockSeesDocument: true, triggersFromTriggers: 'fire' });
    host.run('menuWatchCheck');
    host.documentProperties.setProperty(LAST_KEY, JSON.stringify({ at: T0 - 2 * 86_400_000, cells: 1 }));
    host.calls.before('Sheet.getDataRange', () => {
      throw new Error('Service error');
    });
    host.clock.set(at(11));
    host.fireDueTriggers();
    expect(JSON.parse(host.documentProperties.getProperty(LAST_KEY)!).at).toBe(at(11).getTime());
    expect(clockOf(host).at).toBe(at(11).getTime() + 2 * 60_000); // a failed run retries in 2 minutes (doubling with each one in a row)
    host.clock.set(at(13));
    host.fireDueTriggers();
    expect(clockOf(host).at).toBe(at(13).getTime() + 4 * 60_000);
  });
});

describe('a clock trigger made but never recorded (a run cut in between), with clock triggers unlisted', () => {
  it('is adopted when it fires, and from then on found: no second one is asked for again', () => {
    // Adopted by the run it fires: a run that sees the document (where it does not, the one-shot fires, does nothing, and goes).
    const cutAfterCreate = () => {
      for (let k = 1; k < 200; k++) {
        const h = watchHost({ on: false, clockTriggersListed: false, clockSeesDocument: true });
        runCut(h, 'kill', k, 'menuRefreshFormulas');
        if (deadlineTriggers(h).length === 1 && !h.userProperties.getProperty(CLOCK_KEY)) return h;
      }
      throw new Error('no call between making the clock and storing its id');
    };
    let host = cutAfterCreate();
    host.run('menuRefreshFormulas'); // cannot see it: Google refuses a second one
    expect(host.triggers.refused).toHaveLength(1);
    // …and the orphan (no document records it) is removed and the clock made again, recorded.
    expect(deadlineTriggers(host)).toHaveLength(1);
    expect(JSON.parse(host.userProperties.getProperty(CLOCK_KEY)!).id).toBe(deadlineTriggers(host)[0].id);
    // Or, before any other action, the orphan fires: the run adopts it.
    host = cutAfterCreate();
    host.clock.set(deadlineTriggers(host)[0].at!);
    expect(host.fireDueTriggers()).toEqual(['onClock']);
    const clock = deadlineTriggers(host);
    expect(clock).toHaveLength(1);
    expect(JSON.parse(host.userProperties.getProperty(CLOCK_KEY)!).id).toBe(clock[0].id);
    // From then on it is found: the next action replaces or keeps it, never asks for a second.
    host.run('menuRefreshFormulas');
    expect(host.triggers.refused).toEqual([]);
    expect(deadlineTriggers(host)).toHaveLength(1);
    expect(JSON.parse(host.userProperties.getProperty(CLOCK_KEY)!).id).toBe(deadlineTriggers(host)[0].id);
  });
});

describe('a clock trigger made but never recorded by a trigger run, unlisted, where such triggers never fire', () => {
  it('does not end the watch: the next check removes it and sets a clock that fires and acts', () => {
    const leadsNow = () => [
      ['L1', at(0), '', 'Anna', at(0), 'Site'],
      ['L2', at(30), '', 'Boris', at(30), 'Ads'],
    ];
    const readings = { clockTriggersListed: false, triggersFromTriggers: 'never', addonOneShot: 'asked', clockSeesDocument: true } as const;
    let host: Host | null = null;
    for (let k = 1; k < 300 && !host; k++) {
      const h = watchHost({ ...readings, on: false, leads: leadsNow() });
      h.run('menuWatchOn');
      h.clock.set(at(10).getTime() + 5_000);
      const first = deadlineTriggers(h)[0].id;
      h.killAtCall(k);
      h.fireDueTriggers();
      const left = deadlineTriggers(h);
      if (left.length === 1 && left[0].id !== first && !h.userProperties.getProperty(CLOCK_KEY)?.includes(left[0].id)) host = h;
    }
    expect(host, 'a call between making the next clock and storing its id').not.toBeNull();
    const h = host!;
    expect(deadlineTriggers(h)[0].inert).toBe(true); // made in a trigger run: never fires, and cannot be listed
    h.clock.set(at(12));
    h.run('menuWatchCheck');
    const clock = deadlineTriggers(h);
    expect(clock).toHaveLength(1);
    expect(clock[0].inert).toBeFalsy();
    expect(JSON.parse(h.userProperties.getProperty(CLOCK_KEY)!).id).toBe(clock[0].id);
    // It fires at the next deadline (L1's, with Boris now) and acts on it.
    h.clock.set(clock[0].at!);
    expect(h.fireDueTriggers()).toEqual(['onClock']);
    expect(log(h).map((r) => `${r[1]}:${r[2]}>${r[3]}`)).toEqual(['L1:Anna>Boris', 'L1:Boris>David']);
  });
});

describe('a clock run that cannot see the document', () => {
  it('returns quietly: no error, no write; the next change sets the clock again', () => {
    const host = watchHost({ on: false, clockSeesDocument: false });
    host.run('menuWatchOn');
    host.clock.set(Math.max(at(11).getTime(), deadlineTriggers(host)[0].at!));
    expect(host.fireDueTriggers()).toEqual(['onClock']);
    expect(host.triggers.errors).toEqual([]);
    expect(log(host)).toEqual([]);
    expect(deadlineTriggers(host)).toEqual([]);
    host.fireChange();
    expect(log(host).map((r) => r[3])).toEqual(['Boris']);
    expect(deadlineTriggers(host)).toHaveLength(1);
  });
});

describe('a deadline run with a failure at any of its calls', () => {
  it('still leaves the next clock trigger set, and the deadline is acted on once, within minutes', () => {
    const probe = watchHost({
      ...CLOCK_RUNS,
      on: false,
      leads: [
        ['L1', at(0), '', 'Anna', at(0), 'Site'],
        ['L2', at(3), '', 'Boris', at(3), 'Ads'],
      ],
    });
    probe.run('menuWatchOn');
    probe.clock.set(at(10).getTime() + 5_000);
    probe.fireDueTriggers();
    const n = probe.lastRunCalls();
    expect(n).toBeGreaterThan(30);
    for (let k = 1; k <= n; k++) {
      const host = watchHost({
        ...CLOCK_RUNS,
        on: false,
        leads: [
          ['L1', at(0), '', 'Anna', at(0), 'Site'],
          ['L2', at(3), '', 'Boris', at(3), 'Ads'],
        ],
      });
      host.run('menuWatchOn');
      host.clock.set(at(10).getTime() + 5_000);
      host.failAtCall(k);
      host.fireDueTriggers();
      expect(deadlineTriggers(host), `failure at call ${k}`).toHaveLength(1);
      for (let m = 11; m <= 20; m++) {
        host.clock.set(at(m));
        host.fireDueTriggers();
        expect(deadlineTriggers(host).length, `failure at call ${k}, minute ${m}`).toBeLessThanOrEqual(1);
      }
      // Where triggers made in a trigger run never fire, the retry never comes: the next check does the work.
      if (host.readings.triggersFromTriggers === 'never') host.run('menuWatchCheck');
      // L1 at its deadline (or the retry, 2 minutes later), L2 at 13: each once.
      const rows = log(host);
      expect(
        rows.map((r) => r[1]),
        `failure at call ${k}`,
      ).toEqual(['L1', 'L2']);
      if (host.readings.triggersFromTriggers === 'fire')
        expect((rows[0][0] as Date).getTime(), `failure at call ${k}`).toBeLessThanOrEqual(at(13).getTime());
      expectRefusedAtMostOnce(host, `failure at call ${k}`);
      expect(deadlineTriggers(host), `failure at call ${k}`).toHaveLength(1);
    }
  });
});

describe('a deadline run killed at any of its calls', () => {
  it('is completed by the next run — each deadline acted on once — and the next change sets the clock if the kill left none', () => {
    const leadsNow = () => [
      ['L1', at(0), '', 'Anna', at(0), 'Site'],
      ['L2', at(3), '', 'Boris', at(3), 'Ads'],
    ];
    const probe = watchHost({ ...CLOCK_RUNS, on: false, leads: leadsNow() });
    probe.run('menuWatchOn');
    probe.clock.set(at(10).getTime() + 5_000);
    probe.fireDueTriggers();
    const n = probe.lastRunCalls();
    for (let k = 1; k <= n; k++) {
      const host = watchHost({ ...CLOCK_RUNS, on: false, leads: leadsNow() });
      host.run('menuWatchOn');
      host.clock.set(at(10).getTime() + 5_000);
      host.killAtCall(k);
      host.fireDueTriggers();
      expect(deadlineTriggers(host).length, `kill at call ${k}`).toBeLessThanOrEqual(1);
      host.clock.set(at(11));
      host.fireDueTriggers();
      host.fireChange(); // someone edits: the change trigger sweeps and sets the clock again
      for (let m = 12; m <= 30; m++) {
        host.clock.set(at(m));
        host.fireDueTriggers();
        expect(deadlineTriggers(host).length, `kill at call ${k}, minute ${m}`).toBe(1);
      }
      if (host.readings.triggersFromTriggers === 'never') host.run('menuWatchCheck');
      const rows = log(host).map((r) => `${r[1]}:${r[2]}>${r[3]}`);
      expect(
        rows.filter((r) => r === 'L1:Anna>Boris'),
        `kill at call ${k}`,
      ).toHaveLength(1);
      expect(
        rows.filter((r) => r === 'L2:Boris>David'),
        `kill at call ${k}`,
      ).toHaveLength(1);
      expectRefusedAtMostOnce(host, `kill at call ${k}`);
      expect(deadlineTriggers(host), `kill at call ${k}`).toHaveLength(1);
    }
  });
});

describe('Check now', () => {
  it('says when the clock had stopped, and sets it again', () => {
    const host = watchHost({ on: false });
    host.run('menuWatchOn');
    const lost = deadlineTriggers(host)[0];
    host.triggers.list = host.triggers.list.filter((t) => t !== lost); // Google dropped it
    host.clock.set(at(30));
    host.run('menuWatchCheck');
    expect(host.ui.dialogs.at(-1)!.text).toMatch(
      /The timed check had stopped: the last one was due at 2026-11-25 10:10\. It is set again\.$/,
    );
    expect(deadlineTriggers(host)).toHaveLength(1);
    host.run('menuWatchCheck');
    expect(host.ui.dialogs.at(-1)!.text).not.toMatch(/stopped/);
  });

  it('in Russian too', () => {
    const host = watchHost({ on: false, locale: 'ru_RU' });
    host.run('menuWatchOn');
    host.triggers.list = host.triggers.list.filter((t) => t.kind === 'change');
    host.run('menuWatchCheck');
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/Проверка по таймеру была остановлена: последняя ожидалась в .*\. Она снова назначена\.$/);
  });
});
