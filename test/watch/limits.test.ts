// The lead watch at its limits, in the host against the built bundle: any id text (a line feed, 40
// characters, a UUID, none and a long source) kept safely and in bounded bytes; a backlog drained
// fairly; the log sheet set up once whatever cuts it; no e-mail given up for a transient failure
// or a quota that another script spent.
import { describe, expect, it } from 'vitest';
import { cutPoints } from '../helpers/cuts';
import type { Host } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { utf8Length } from '../../src/properties';
import { MAX_ACTIONS } from '../../src/watch/decide';
import { MEMORY_KEY, readMailQueue } from '../../src/watch/memory';
import { storeBytes, STORE_BYTES } from '../../src/settings/storage';
import { at, log, watchHost } from '../helpers/watch';
import { runCut } from '../helpers/faults';

const sweepAt = (host: Host, minute: number) => {
  host.clock.set(at(minute));
  host.run('watchOnChange', {});
};
const actionsOf = (host: Host, id: string) =>
  log(host)
    .filter((r) => r[1] === id)
    .map((r) => r[5]);

describe('any id text', () => {
  for (const max of [2, 0]) {
    it(`an id holding a line feed keeps its memory: with ${max} re-routes allowed it is ${max ? 're-routed twice, then escalated once' : 'escalated once'}, in an hour of sweeps every minute`, () => {
      const id = 'LEAD\n42';
      const host = watchHost({ max, leads: [[id, at(0), '', 'Anna', at(0), 'Site']] });
      for (let minute = 11; minute <= 71; minute++) sweepAt(host, minute);
      expect(actionsOf(host, id)).toEqual([...Array(max).fill('rerouted'), 'escalated']);
      expect(host.outbox.filter((m) => m.to === 'head@example.com')).toHaveLength(1);
    });
  }

  const kinds: Record<string, (i: number) => [string, string]> = {
    '40-character ids': (i) => [`deal-${String(i).padStart(6, '0')}-${'x'.repeat(28)}`, 'Site'],
    UUIDs: (i) => [`${String(i).padStart(8, '0')}-4a1b-4c2d-8e3f-${String(i).padStart(12, '0')}`, 'Site'],
    'no id and a long source': (i) => ['', `Campaign "Winter sale ${i}" via partner portal, landing page B`],
  };
  for (const [kind, make] of Object.entries(kinds)) {
    it(`5,000 overdue leads with ${kind}: every sweep succeeds, the store stays inside 500 KB, memory about 30 bytes a lead`, () => {
      const n = 5_000;
      const rows = Array.from({ length: n }, (_, i) => {
        const [id, source] = make(i);
        return [id, new Date(at(-20).getTime() + i * 100), '', ['Anna', 'Boris', 'David'][i % 3], '', source];
      });
      const host = watchHost({ leads: rows, notify: false, max: 1 });
      let largest = 0;
      for (let minute = 0; minute < 80 && log(host).length < 2 * n; minute++) {
        sweepAt(host, minute);
        const all = host.documentProperties.getProperties();
        expect(storeBytes(all), `minute ${minute}`).toBeLessThan(STORE_BYTES);
        largest = Math.max(
          largest,
          Object.keys(all)
            .filter((k) => k.startsWith(MEMORY_KEY))
            .reduce((sum, k) => sum + utf8Length(all[k]), 0),
        );
      }
      // One re-route and one escalation each, none missing.
      expect(log(host)).toHaveLength(2 * n);
      expect(largest).toBeLessThan(n * 32);
    });
  }
});

describe('a backlog', () => {
  it(`drained fairly: every lead's first re-route comes before anyone's second, ${MAX_ACTIONS} a sweep, even when sweeps come every 30 minutes (SLA 10)`, () => {
    const n = 3_000;
    const rows = Array.from({ length: n }, (_, i) => [`L${i}`, new Date(at(-20).getTime() + i * 1000), '', 'Anna', '', 'Site']);
    const host = watchHost({ leads: rows, notify: false });
    const sweeps = Math.ceil(n / MAX_ACTIONS);
    for (let s = 0; s < sweeps; s++) sweepAt(host, s * 30);
    const rerouted = log(host)
      .filter((r) => r[5] === 'rerouted')
      .map((r) => String(r[1]));
    // All first re-routes within n / MAX_ACTIONS sweeps, none twice before that.
    expect(new Set(rerouted).size).toBe(n);
    expect(rerouted).toHaveLength(n);
    // The oldest first.
    expect(rerouted.slice(0, 3)).toEqual(['L0', 'L1', 'L2']);
  });
});

describe('the log sheet set up', () => {
  for (const fault of ['kill', 'failure'] as const) {
    it(`a ${fault} at each call of the sweep that sets it up: the next sweep makes no "Lead watch log 2"`, () => {
      const probe = watchHost();
      sweepAt(probe, 11);
      const n = probe.lastRunCalls();
      for (const k of cutPoints(n)) {
        const host = watchHost();
        host.clock.set(at(11));
        runCut(host, fault, k, 'watchOnChange', {});
        sweepAt(host, 12);
        const logs = host.book.sheets.filter((s) => s.name.startsWith('Lead watch log'));
        expect(
          logs.map((s) => s.name),
          `${fault} at call ${k}`,
        ).toEqual(['Lead watch log']);
        expect(isOwnedSheetRecord(logs[0], 'salesKpi.watchLog'), `${fault} at call ${k}`).toBe(true);
        expect(host.book.rows('Lead watch log')[0][0], `${fault} at call ${k}`).toBe('Time');
        expect(log(host), `${fault} at call ${k}`).toHaveLength(1);
      }
    });
  }
});

describe('e-mails', () => {
  /** Ten leads due at minute 11, each a re-route with an e-mail to its new manager. */
  const tenDue = () => watchHost({ leads: Array.from({ length: 10 }, (_, i) => [`L${i}`, at(0), '', 'Anna', at(0), 'Site']) });

  it('a failure at each call of a sweep that sends: every e-mail goes exactly once, none given up', () => {
    const probe = tenDue();
    sweepAt(probe, 11);
    expect(probe.outbox).toHaveLength(10);
    const n = probe.lastRunCalls();
    for (const k of cutPoints(n)) {
      const host = tenDue();
      host.clock.set(at(11));
      host.failAtCall(k);
      try {
        host.run('watchOnChange', {});
      } catch {
        // the failure reached the top: the next sweep goes on
      }
      sweepAt(host, 12);
      const label = `failure at call ${k} of ${n}`;
      expect(host.outbox.map((m) => m.subject).sort(), label).toEqual(probe.outbox.map((m) => m.subject).sort());
      expect(readMailQueue(host.documentProperties.getProperties()), label).toMatchObject({ mails: [], dropped: 0 });
    }
  });

  it('a kill at each call of a sweep that sends: never an e-mail twice, at most the one being sent given up, the rest sent', () => {
    const probe = tenDue();
    sweepAt(probe, 11);
    const n = probe.lastRunCalls();
    let sentAndGivenUp = 0;
    for (const k of cutPoints(n)) {
      const host = tenDue();
      host.clock.set(at(11));
      host.killAtCall(k);
      try {
        host.run('watchOnChange', {});
      } catch {
        // killed
      }
      sweepAt(host, 12);
      const label = `kill at call ${k} of ${n}`;
      const subjects = host.outbox.map((m) => m.subject);
      expect(new Set(subjects).size, label).toBe(subjects.length);
      const queue = readMailQueue(host.documentProperties.getProperties());
      expect(queue.mails, label).toEqual([]);
      expect(queue.dropped, label).toBeLessThanOrEqual(1);
      // A kill right after MailApp returned cannot know the e-mail went: it is counted as given up too.
      expect([10, 11], label).toContain(subjects.length + queue.dropped);
      if (subjects.length + queue.dropped === 11) sentAndGivenUp++;
    }
    // That window is one call per e-mail, no more.
    expect(sentAndGivenUp).toBeLessThanOrEqual(10);
  });

  it('Google refusing on quota while getRemainingDailyQuota() says 100 (another script spent it): nothing given up in four sweeps, all sent the next day', () => {
    const host = watchHost({
      mailSpentElsewhere: 100,
      leads: Array.from({ length: 10 }, (_, i) => [`L${i}`, at(0), '', 'Anna', at(0), 'Site']),
    });
    for (const minute of [11, 30, 60, 120]) sweepAt(host, minute);
    expect(host.outbox).toEqual([]);
    expect(readMailQueue(host.documentProperties.getProperties())).toMatchObject({ dropped: 0 });
    const waiting = readMailQueue(host.documentProperties.getProperties()).mails.length;
    expect(waiting).toBeGreaterThanOrEqual(10);
    sweepAt(host, 11 + 24 * 60 + 1);
    expect(host.outbox).toHaveLength(waiting);
    expect(readMailQueue(host.documentProperties.getProperties())).toMatchObject({ mails: [], dropped: 0 });
  });

  it('a transient failure of every attempt for three days: the e-mail waits, not given up', () => {
    const host = watchHost();
    const refuse = host.calls.before('MailApp.sendEmail', () => {
      throw new Error("We're sorry, a server error occurred. Please wait a bit and try again.");
    });
    for (let hour = 0; hour < 72; hour += 6) sweepAt(host, 11 + hour * 60);
    expect(readMailQueue(host.documentProperties.getProperties()).dropped).toBe(0);
    refuse();
    sweepAt(host, 11 + 72 * 60);
    expect(host.outbox.length).toBeGreaterThan(0);
    expect(readMailQueue(host.documentProperties.getProperties())).toMatchObject({ mails: [], dropped: 0 });
  });
});
