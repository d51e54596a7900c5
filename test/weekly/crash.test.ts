// The weekly run (the scheduler's record and digest) cut by a failure or a kill at each of its service
// calls, in the host on the sample tracker: the next run completes the week, nothing twice.
import { describe, expect, it } from 'vitest';
import { cutPoints, everyCall } from '../helpers/cuts';
import type { Host } from '../../dev/host/index';
import { runCut } from '../helpers/faults';
import { digests, historyRows, HOUR, MONDAY, rowKeys, runDue, weeklyHost } from './helpers';

describe('the weekly run with a failure or a kill at each of its service calls', () => {
  /** A host on Monday 08:00 with last week neither recorded nor sent; the run's call count. */
  function mondayHost(): Host {
    const host = weeklyHost();
    runDue(host);
    host.clock.set(MONDAY + 8 * HOUR);
    return host;
  }

  for (const fault of ['failure', 'kill'] as const) {
    it(`a ${fault} at any call: the next run completes the week — its rows once, its digest never twice`, () => {
      const clean = mondayHost();
      const rowsBefore = historyRows(clean).length;
      runDue(clean);
      const n = clean.lastRunCalls();
      expect(n).toBeGreaterThan(20);
      const expectedRows = rowKeys(historyRows(clean)).sort();
      expect(expectedRows.length).toBeGreaterThan(rowsBefore);
      let lost = 0;
      for (const k of cutPoints(n)) {
        const host = mondayHost();
        runCut(host, fault, k, 'runScheduledJobs', { triggerUid: 'test' });
        host.clock.advance(HOUR);
        runDue(host);
        expect(rowKeys(historyRows(host)).sort(), `${fault} at call ${k}`).toEqual(expectedRows);
        const sent = digests(host).length;
        expect(sent, `${fault} at call ${k}`).toBeLessThanOrEqual(1);
        if (sent === 0) lost++;
      }
      // A failure is retried: every digest goes. A kill can fall on the one call between "sending" and sent,
      // which the next run cannot tell from a sent one: that e-mail is given up rather than risk it twice.
      if (everyCall()) expect(lost).toBe(fault === 'failure' ? 0 : 1);
      else expect(lost).toBeLessThanOrEqual(fault === 'failure' ? 0 : 1);
    }, 600_000);
  }
});
