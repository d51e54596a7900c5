// The lead watch under failure and at scale (docs/lead-watch.md, "Nothing is lost or done twice"): a sweep killed or failing at
// any of its calls is completed, not repeated, by the next; memory stays bounded; turning on asks
// about old overdue leads; e-mails are safe and retried; only the decided cells are compared.
import { describe, expect, it } from 'vitest';
import { cutPoints } from '../helpers/cuts';
import type { Host } from '../../dev/host/index';
import { PART_BYTES, utf8Length } from '../../src/properties';
import { JOURNAL_KEY, MEMORY_KEY, readMailQueue, readMemory, SINCE_KEY } from '../../src/watch/memory';
import { at, leads, log, T0, watchHost } from '../helpers/watch';
import { MAX_ACTIONS } from '../../src/watch/decide';
import { runCut } from '../helpers/faults';

/** Three leads due at minute 11 (two re-routes, or with max 0 two escalations), one answered in time. */
function dueHost(max: number): Host {
  return watchHost({
    max,
    addonOneShot: 'asked',
    leads: [
      ['L1', at(0), '', 'Anna', at(0), 'Site'],
      ['L2', at(-4), '', 'Boris', at(-4), 'Ads'],
      ['L3', at(0), at(3), 'Anna', at(0), 'Site'],
      ['L4', at(1), '', 'David', at(1), 'Site'],
    ],
  });
}

const propertyKeys = (host: Host, prefix: string) =>
  Object.keys(host.documentProperties.getProperties()).filter((k) => k.startsWith(prefix));

/** What must hold after any sweep, however the one before it ended. */
function expectWhole(host: Host, max: number, label: string): void {
  const rows = log(host);
  // Every due deadline acted on exactly once.
  expect(rows.map((r) => r[1]).sort(), label).toEqual(['L1', 'L2', 'L4']);
  const byLead = Object.fromEntries(rows.map((r) => [r[1], r]));
  const sheet = Object.fromEntries(
    leads(host)
      .slice(1)
      .map((r) => [r[0], r]),
  );
  for (const id of ['L1', 'L2', 'L4']) {
    if (max === 0) {
      expect(byLead[id][5], label).toBe('escalated');
      expect(sheet[id][3], label).toBe(byLead[id][2]); // escalation changes no cell
    } else {
      // The log and the sheet agree: the manager the log gave the lead is the one the sheet shows.
      expect(byLead[id][5], label).toBe('rerouted');
      expect(sheet[id][3], label).toBe(byLead[id][3]);
      expect((sheet[id][4] as Date).getTime(), label).toBe(at(11).getTime());
    }
  }
  expect(sheet.L3[3], label).toBe('Anna');
  // E-mails: never twice; each one sent, waiting or counted as given up (an interrupted send may
  // count the one it had just sent as given up too: it cannot know).
  const sent = host.outbox.map((m) => `${m.to}|${m.subject}`);
  expect(new Set(sent).size, label).toBe(sent.length);
  const queue = readMailQueue(host.documentProperties.getProperties());
  expect(sent.length + queue.mails.length + queue.dropped, label).toBeGreaterThanOrEqual(3);
  expect(sent.length + queue.mails.length + queue.dropped, label).toBeLessThanOrEqual(4);
  expect(propertyKeys(host, JOURNAL_KEY), label).toEqual([]);
}

describe('a sweep cut at any of its calls', () => {
  for (const max of [3, 0]) {
    for (const fault of ['kill', 'failure'] as const) {
      it(`${max ? 're-routes' : 'escalations'}: a ${fault} at each call, then the next sweep — every deadline acted on once, every act in the log, no e-mail twice`, () => {
        const probe = dueHost(max);
        probe.clock.set(at(11));
        probe.run('watchOnChange', {});
        expectWhole(probe, max, 'a sweep with no fault');
        const n = probe.lastRunCalls();
        expect(n).toBeGreaterThan(30);
        for (const k of cutPoints(n)) {
          const host = dueHost(max);
          host.clock.set(at(11));
          runCut(host, fault, k, 'watchOnChange', {});
          host.run('watchOnChange', {});
          expectWhole(host, max, `${fault} at call ${k} of ${n}`);
          // And later sweeps add nothing for these deadlines.
          host.clock.set(at(12));
          host.run('watchOnChange', {});
          expect(log(host), `${fault} at call ${k}`).toHaveLength(3);
        }
      });
    }
  }
});

describe('memory', () => {
  it('5,000 overdue leads: each re-routed three times and escalated once, in batches, memory bounded and forgotten once stale', () => {
    const n = 5_000;
    const rows = Array.from({ length: n }, (_, i) => [`L${i}`, at(-20), '', ['Anna', 'Boris', 'David'][i % 3], at(-20), 'Site']);
    const host = watchHost({ leads: rows, notify: false });
    let largest = 0;
    for (let minute = 0; minute < 200 && log(host).length < 4 * n; minute++) {
      host.clock.set(at(minute));
      host.run('watchOnChange', {});
      const all = host.documentProperties.getProperties();
      for (const [key, value] of Object.entries(all)) expect(utf8Length(value), key).toBeLessThanOrEqual(PART_BYTES);
      largest = Math.max(
        largest,
        propertyKeys(host, MEMORY_KEY).reduce((sum, k) => sum + utf8Length(all[k]), 0),
      );
    }
    const actions = new Map<string, string[]>();
    for (const r of log(host)) actions.set(String(r[1]), [...(actions.get(String(r[1])) ?? []), String(r[5])]);
    expect(actions.size).toBe(n);
    for (const [id, list] of actions) expect(list, id).toEqual(['rerouted', 'rerouted', 'rerouted', 'escalated']);
    // About 20 bytes a lead, in parts of at most 8 KB; the whole store stays far inside 500 KB.
    expect(largest).toBeLessThan(n * 30);
    expect(host.documentProperties.bytes()).toBeLessThan(400 * 1024);
    // A week later the escalated leads are stale: forgotten, and never acted on again.
    host.clock.set(at(8 * 24 * 60));
    host.run('watchOnChange', {});
    expect(Object.keys(readMemory(host.documentProperties.getProperties()).leads)).toEqual([]);
    expect(log(host)).toHaveLength(4 * n);
  });

  it('answered and deleted leads are forgotten', () => {
    const host = watchHost({
      leads: [
        ['L1', at(0), '', 'Anna', at(0), 'Site'],
        ['L2', at(0), '', 'Anna', at(0), 'Site'],
      ],
    });
    host.clock.set(at(11));
    host.run('watchOnChange', {});
    expect(Object.keys(readMemory(host.documentProperties.getProperties()).leads).sort()).toEqual(['id:L1', 'id:L2']);
    const sheet = host.book.sheet('Leads')!;
    sheet.set(2, 3, at(12)); // L1 answered
    sheet.values.splice(2, 1); // L2 deleted
    host.clock.set(at(13));
    host.run('watchOnChange', {});
    expect(readMemory(host.documentProperties.getProperties()).leads).toEqual({});
  });
});

describe('turning on with old overdue leads', () => {
  const backlog = () => [
    ['OLD1', at(-90 * 24 * 60), '', 'Anna', at(-90 * 24 * 60), 'Site'],
    ['OLD2', at(-30), '', 'Boris', at(-30), 'Site'],
    ['NEW', at(-2), '', 'Anna', at(-2), 'Site'],
  ];

  it('asks; "No" leaves the leads created before now alone and watches the rest', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked', leads: backlog() });
    host.ui.answers.push('NO');
    host.run('menuWatchOn');
    const question = host.ui.dialogs.find((d) => /past the SLA/.test(d.text))!;
    // Every overdue lead is counted; OLD1, months past its deadline, is said to be left alone either way.
    expect(question.text).toMatch(
      /^2 unanswered leads are already past the SLA .*; 1 of them are more than a week past it and are left alone either way. Re-route the other 1 now\?/,
    );
    expect(log(host)).toEqual([]);
    host.clock.set(at(9));
    host.fireChange();
    expect(log(host).map((r) => r[1])).toEqual(['NEW']);
    host.clock.set(at(60));
    host.fireChange();
    expect(log(host).map((r) => r[1])).not.toContain('OLD2');
    expect(host.documentProperties.getProperty(SINCE_KEY)).not.toBe('0');
  });

  it('"Yes" re-routes them at once (stale ones, a week past their deadline, stay alone)', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked', leads: backlog() });
    host.ui.answers.push('YES');
    host.run('menuWatchOn');
    expect(log(host).map((r) => r[1])).toEqual(['OLD2']);
  });

  it(`a backlog of 50,000 leads with 500 due: a sweep acts on ${MAX_ACTIONS}, a Spreadsheet call per lead acted on, not per cell`, () => {
    const rows = Array.from({ length: 50_000 }, (_, i) =>
      i % 100 === 0 ? [`L${i}`, at(-15), '', 'Anna', at(-15), 'Site'] : [`L${i}`, at(-15), at(-14), 'Anna', at(-15), 'Site'],
    );
    const host = watchHost({ leads: rows, notify: false });
    host.calls.reset();
    host.run('watchOnChange', {});
    expect(log(host)).toHaveLength(MAX_ACTIONS);
    const spreadsheetCalls = host.calls.total((name) => /^(Spreadsheet|Sheet|Range)\./.test(name));
    // A row write per lead (manager and assigned-at side by side: getRange + setValues each), a read before and after deciding, the log.
    expect(spreadsheetCalls).toBeLessThan(2 * MAX_ACTIONS + 40);
    expect(host.calls.count('Range.setValues')).toBe(MAX_ACTIONS + 2); // the rows, the log's header and its new rows
  });
});

describe('what the watch compares and sends', () => {
  it('a formula column that changes on every read (=NOW()-B2) does not stop it: only the decided cells are compared', () => {
    const host = watchHost();
    let tick = 0;
    // The Source column stands in for a formula whose value differs at every read.
    host.calls.before('Range.getValues', () => host.book.sheet('Leads')!.set(2, 6, `age ${++tick}`));
    host.clock.set(at(11));
    host.run('watchOnChange', {});
    expect(log(host).map((r) => r[3])).toEqual(['Boris']);
  });

  it('nothing from the sheet reaches an e-mail header unsanitised', () => {
    const host = watchHost({ leads: [['L1\r\nBcc: thief@example.com', at(0), '', 'Anna\n', at(0), 'Site']] });
    host.clock.set(at(11));
    host.run('watchOnChange', {});
    expect(host.outbox).toHaveLength(1);
    expect(host.outbox[0].subject).not.toMatch(/[\r\n]/);
    expect(host.outbox[0].subject).toBe('Lead L1 Bcc: thief@example.com is yours now: please answer it');
  });

  it('an e-mail over the daily quota waits and goes the next day (in the host: when quota is back), once', () => {
    const host = watchHost({ mailQuota: 0 });
    host.clock.set(at(11));
    host.run('menuWatchCheck');
    expect(host.outbox).toEqual([]);
    expect(host.ui.dialogs.at(-1)!.text).toMatch(/1 e-mails are waiting to be sent/);
  });

  it('a spreadsheet fed by a Google Form also gets the form-submit trigger, which sweeps', () => {
    const host = watchHost({ on: false, addonOneShot: 'asked' });
    host.book.formUrl = 'https://docs.google.com/forms/d/abc/edit';
    host.run('menuWatchOn');
    expect(host.triggers.list.map((t) => t.kind).sort()).toEqual(['after', 'change', 'formSubmit']);
    host.clock.set(at(11));
    expect(host.fireFormSubmit()).toEqual(['watchOnFormSubmit']);
    expect(log(host)).toHaveLength(1);
    expect(T0).toBeGreaterThan(0);
  });
});
