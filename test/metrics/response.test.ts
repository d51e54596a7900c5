// Lead response and the SLA: one counting rule for SLA_BREACH_RATE and the summary.
import { describe, expect, it } from 'vitest';
import { breachRate, countSla, emptySlaCounts, slaOutcome, tallyLead } from '../../src/metrics/response';

const t = Date.UTC(2026, 10, 25, 10);
const min = 60_000;

describe('the SLA', () => {
  it('answered after 15 minutes with a 10-minute SLA: breached; after 9: met', () => {
    expect(slaOutcome(t, t + 15 * min, t + 60 * min, 10, null)).toBe('breached');
    expect(slaOutcome(t, t + 9 * min, t + 60 * min, 10, null)).toBe('met');
  });

  it('unanswered: breached once older than the SLA, pending (not counted) before', () => {
    expect(slaOutcome(t, NaN, t + 11 * min, 10, null)).toBe('breached');
    expect(slaOutcome(t, NaN, t + 5 * min, 10, null)).toBe('pending');
    expect(slaOutcome(NaN, NaN, t, 10, null)).toBe('none');
  });

  it('the tally counts outcomes and, when asked, the response minutes of answered leads', () => {
    const counts = emptySlaCounts();
    const minutes: number[] = [];
    tallyLead(counts, t, t + 15 * min, t + 60 * min, 10, null, minutes);
    tallyLead(counts, t, t + 4 * min, t + 60 * min, 10, null, minutes);
    tallyLead(counts, t + 55 * min, NaN, t + 60 * min, 10, null, minutes);
    expect(counts).toEqual({ breached: 1, counted: 2, unanswered: 1 });
    expect(minutes).toEqual([15, 4]);
  });

  it('countSla is the same rule over columns', () => {
    expect(countSla(Float64Array.of(t, t, t + 55 * min), Float64Array.of(t + 15 * min, t + 4 * min, NaN), t + 60 * min, 10, null)).toEqual({ breached: 1, counted: 2, unanswered: 1 });
  });

  it('the breach rate is breaches over counted leads; nothing counted measures nothing', () => {
    expect(breachRate({ breached: 1, counted: 4, unanswered: 2 })).toBe(0.25);
    expect(breachRate(emptySlaCounts())).toBeNaN();
  });
});
