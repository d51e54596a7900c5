// Lead response and the SLA: one counting rule for SLA_BREACH_RATE and the summary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachRate, countOutcome, countSla, emptySlaCounts, slaOutcome, tallyLead } from '../../src/metrics/response';
import { WallColumns } from '../../src/tracker/dates';
import { inEnglish } from '../helpers/env';

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
    const pairs = new WallColumns(Float64Array.of(t, t, t + 55 * min, NaN), Float64Array.of(t + 15 * min, t + 4 * min, NaN, t));
    expect(countSla(pairs, t + 60 * min, 10, null, { skipInvalid: false, endArg: 'responded' })).toEqual({
      breached: 1,
      counted: 2,
      unanswered: 1,
      anyLead: true,
    });
  });

  it('countSla over any leads counts what tallyLead counts lead by lead, with and without working hours, at the SLA’s edge too', () => {
    // Minutes on a coarse grid, so that a response exactly at the SLA (not a breach) comes up often.
    const minute = fc.oneof(
      fc.constant(NaN),
      fc.integer({ min: 0, max: 40 }).map((m) => m * min),
      fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => m * min),
    );
    const lead = fc.record({
      created: fc.oneof(
        fc.constant(NaN),
        fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => t + m * min),
      ),
      answer: minute,
    });
    const hours = fc.constantFrom(null, { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 18 * 60 });
    fc.assert(
      fc.property(
        fc.array(lead, { maxLength: 60 }),
        fc.constantFrom(10, 15, 30),
        hours,
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        (leads, sla, workingHours, nowMinute) => {
          const created = Float64Array.from(leads, (l) => l.created);
          const responded = Float64Array.from(leads, (l) => l.created + l.answer);
          const asOf = t + nowMinute * min;
          const expected = emptySlaCounts();
          for (let i = 0; i < leads.length; i++) tallyLead(expected, created[i], responded[i], asOf, sla, workingHours);
          const anyLead = leads.some((l) => l.created === l.created);
          expect(
            countSla(new WallColumns(created, responded), asOf, sla, workingHours, { skipInvalid: false, endArg: 'responded' }),
          ).toEqual({ ...expected, anyLead });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('countSla: a lead answered before it came in fails, or with skipInvalid counts nowhere', () => {
    const pairs = () => new WallColumns(Float64Array.of(t, t + 5 * min), Float64Array.of(t + 15 * min, t));
    expect(inEnglish(() => countSla(pairs(), t + 60 * min, 10, null, { skipInvalid: false, endArg: 'responded' }))).toThrow(
      'responded row 2',
    );
    expect(countSla(pairs(), t + 60 * min, 10, null, { skipInvalid: true, endArg: 'responded' })).toEqual({
      breached: 1,
      counted: 1,
      unanswered: 0,
      anyLead: true,
    });
    const onlyReversed = new WallColumns(Float64Array.of(t + 5 * min), Float64Array.of(t));
    expect(countSla(onlyReversed, t + 60 * min, 10, null, { skipInvalid: true, endArg: 'responded' })).toMatchObject({
      counted: 0,
      anyLead: false,
    });
  });

  it('the breach rate is breaches over counted leads; nothing counted measures nothing', () => {
    const counts = { breached: 1, counted: 4, unanswered: 2 };
    expect(breachRate(counts)).toBe(0.25);
    expect(breachRate(emptySlaCounts())).toBeNaN();
  });

  it('a lead’s outcome counts as tallyLead counts it: met and breached are counted, pending and unreadable are not', () => {
    const outcomes = [
      slaOutcome(t, t + 15 * min, t + 60 * min, 10, null),
      slaOutcome(t, t + 5 * min, t + 60 * min, 10, null),
      slaOutcome(t, NaN, t + 5 * min, 10, null),
      slaOutcome(NaN, t, t, 10, null),
    ];
    expect(outcomes).toEqual(['breached', 'met', 'pending', 'none']);
    const counts = { breached: 0, counted: 0 };
    for (const outcome of outcomes) countOutcome(counts, outcome);
    const tallied = emptySlaCounts();
    for (const [created, responded, asOf] of [
      [t, t + 15 * min, t + 60 * min],
      [t, t + 5 * min, t + 60 * min],
      [t, NaN, t + 5 * min],
      [NaN, t, t],
    ])
      tallyLead(tallied, created, responded, asOf, 10, null);
    expect(counts).toEqual({ breached: 1, counted: 2 });
    expect(counts).toEqual({ breached: tallied.breached, counted: tallied.counted });
  });
});
