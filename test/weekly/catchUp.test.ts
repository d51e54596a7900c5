// Where clock runs cannot do the weekly jobs (they never see the document, or the triggers they make never
// fire: dev/host/RULES.md › Undocumented readings), a change or a menu item does them once the clock has had
// two hours — under the document lock, so that the clock's run and an action never both send a digest.
// Each test sets its own readings (this file is not run again under HOST_READINGS).
import { describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/index';
import { runCut } from '../helpers/faults';
import { LENIENT, readingsLabel, STRICT } from '../../dev/host/readings';
import { digests, historyRows, HOUR, MONDAY, rowKeys, runDue, weeklyHost } from './helpers';

/** Someone at work in the spreadsheet: a menu item (any: each ends by setting the clock and catching up). */
const ACTION = 'menuRefreshFormulas';
const act = (host: Host) => host.run(ACTION);
/** The clock's runs: under STRICT they come (an hour late) but see nothing. */
function tick(host: Host, to: number): void {
  while (host.clock.now() < to) {
    host.clock.advance(Math.min(HOUR, to - host.clock.now()));
    host.fireDueTriggers();
  }
}
const weeksIn = (host: Host) => new Set(historyRows(host).map((r) => String(r[0]))).size;

describe('the weekly jobs caught up at a change or menu item', () => {
  it('the first record waits two hours for the clock, then the next menu item back-fills it', () => {
    // Turned on at Friday 10:00 (the menu item notes that the record is due).
    const host = weeklyHost(STRICT);
    tick(host, host.clock.now() + HOUR);
    act(host);
    expect(weeksIn(host), 'the clock had an hour only').toBe(0);
    tick(host, host.clock.now() + 90 * 60_000);
    act(host);
    expect(weeksIn(host)).toBeGreaterThan(10);
    const keys = rowKeys(historyRows(host));
    act(host);
    expect(rowKeys(historyRows(host))).toEqual(keys);
  });

  it('Monday’s digest: left to the clock until 08:00, then sent by the next menu item, once, on time', () => {
    const host = weeklyHost(STRICT);
    runDue(host); // the back-fill (a run that sees the document)
    tick(host, MONDAY + 7 * HOUR);
    act(host);
    expect(digests(host), 'the clock had an hour only').toEqual([]);
    tick(host, MONDAY + 8 * HOUR + 5 * 60_000);
    act(host);
    act(host);
    const sent = digests(host);
    expect(sent.map((m) => [/2026-11-23/.test(m.subject), /late/.test(m.subject)])).toEqual([[true, false]]);
    expect(weeksIn(host), 'the week recorded before it is sent').toBeGreaterThan(11);
    expect(new Set(historyRows(host).map((r) => String(r[0])))).toContain('2026-11-23');
  });

  it('a change the lead watch sees catches up as a menu item does', () => {
    const host = weeklyHost(STRICT);
    host.run('menuWatchOn');
    runDue(host);
    tick(host, MONDAY + 9 * HOUR);
    expect(digests(host)).toEqual([]);
    host.fireChange();
    expect(digests(host)).toHaveLength(1);
  });

  for (const readings of [LENIENT, STRICT]) {
    it(`with the document lock held elsewhere, neither the clock nor a menu item sends; once free, it goes once (${readingsLabel(readings)})`, () => {
      const host = weeklyHost(readings);
      runDue(host);
      host.clock.set(MONDAY + 9 * HOUR);
      // Another execution (a save, a sweep, a build) holds the document's lock.
      host.lock.holder = {};
      runDue(host);
      act(host);
      expect(digests(host)).toEqual([]);
      expect(new Set(historyRows(host).map((r) => String(r[0])))).not.toContain('2026-11-23');
      host.lock.holder = null;
      host.clock.advance(HOUR);
      act(host);
      runDue(host);
      act(host);
      expect(digests(host)).toHaveLength(1);
    });
  }
});

describe('a menu item that catches up, with a failure or a kill at each of its service calls', () => {
  /** Monday 09:00, clock runs blind: last week neither recorded nor sent. */
  function mondayHost(): Host {
    const host = weeklyHost(STRICT);
    runDue(host);
    host.clock.set(MONDAY + 9 * HOUR);
    return host;
  }

  for (const fault of ['failure', 'kill'] as const) {
    it(`a ${fault} at any call: the next menu item completes the week — its rows once, its digest never twice`, () => {
      const clean = mondayHost();
      act(clean);
      const n = clean.lastRunCalls();
      expect(digests(clean)).toHaveLength(1);
      const expectedRows = rowKeys(historyRows(clean)).sort();
      let lost = 0;
      for (let k = 1; k <= n; k++) {
        const host = mondayHost();
        runCut(host, fault, k, ACTION);
        // An e-mail that failed is due again in an hour, and the clock has two hours for that too: the menu item three hours on.
        host.clock.advance(3 * HOUR);
        act(host);
        expect(rowKeys(historyRows(host)).sort(), `${fault} at call ${k}`).toEqual(expectedRows);
        const sent = digests(host).length;
        expect(sent, `${fault} at call ${k}`).toBeLessThanOrEqual(1);
        if (sent === 0) lost++;
      }
      // As for the clock's run: only a kill between "sending" and sent gives that e-mail up.
      expect(lost).toBe(fault === 'failure' ? 0 : 1);
    }, 600_000);
  }
});
