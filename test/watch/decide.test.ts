// The lead watch's pure decisions: who gets a lead next, when, and when to escalate.
import { describe, expect, it } from 'vitest';
import { decide, emptyWatchState, nextManager, type WatchLead, type WatchRules } from '../../src/watch/decide';
import { wall } from '../helpers/env';

const rotation = [
  { manager: 'Anna', email: 'anna@example.com', onDuty: true },
  { manager: 'Boris', email: '', onDuty: true },
  { manager: 'Chloe', email: '', onDuty: false },
  { manager: 'David', email: '', onDuty: true },
];
const rules: WatchRules = { slaMinutes: 10, hours: null, rotation, maxReassignments: 3, since: 0 };
const T0 = wall(2026, 11, 25, 10, 0);
const lead = (over: Partial<WatchLead> = {}): WatchLead => ({
  key: 'id:L1',
  row: 2,
  created: T0,
  responded: NaN,
  manager: 'Anna',
  assignedAt: NaN,
  ...over,
});
const min = 60_000;

describe('lead watch decisions', () => {
  it('the next manager skips the current one and anyone off duty, wrapping round', () => {
    expect(nextManager(rotation, 'Boris', 0)!.member.manager).toBe('David');
    expect(nextManager(rotation, 'David', 0)!.member.manager).toBe('Anna');
    expect(nextManager([{ manager: 'Anna', email: '', onDuty: true }], 'Anna', 0)).toBeNull();
  });

  it('unanswered after 11 minutes: re-routed; answered after 9: left alone', () => {
    const d = decide([lead(), lead({ key: 'id:L2', row: 3, responded: T0 + 9 * min })], rules, emptyWatchState(), T0 + 11 * min);
    expect(d.actions).toEqual([
      {
        kind: 'reroute',
        key: 'id:L1',
        row: 2,
        from: 'Anna',
        to: 'Boris',
        toEmail: '',
        waited: 11,
        deadline: T0 + 10 * min,
        memory: { n: 1, d: T0 + 10 * min },
      },
    ]);
    expect(d.nextDeadline).toBe(T0 + 21 * min);
  });

  it('a deadline is acted on once, however many sweeps see it', () => {
    const first = decide([lead()], rules, emptyWatchState(), T0 + 11 * min);
    const again = decide([lead()], rules, first.state, T0 + 12 * min);
    expect(again.actions).toEqual([]);
  });

  it('after max_reassignments re-routes the lead is escalated, once', () => {
    let state = emptyWatchState();
    const kinds: string[] = [];
    let current = lead();
    for (let i = 1; i <= 6; i++) {
      const now = T0 + i * 11 * min;
      const d = decide([current], rules, state, now);
      state = d.state;
      for (const a of d.actions) {
        kinds.push(a.kind);
        if (a.kind === 'reroute') current = { ...current, manager: a.to, assignedAt: now };
      }
    }
    expect(kinds).toEqual(['reroute', 'reroute', 'reroute', 'escalate']);
  });

  it('counts the SLA in working hours: Friday 18:55 is due Monday 09:05', () => {
    const hours = { days: [1, 2, 3, 4, 5], from: 540, to: 1140 };
    const friday = lead({ created: wall(2026, 11, 27, 18, 55) });
    const atNight = decide([friday], { ...rules, hours }, emptyWatchState(), wall(2026, 11, 28, 23, 0));
    expect(atNight.actions).toEqual([]);
    expect(atNight.nextDeadline).toBe(wall(2026, 11, 30, 9, 5));
    expect(decide([friday], { ...rules, hours }, emptyWatchState(), wall(2026, 11, 30, 9, 6)).actions).toHaveLength(1);
  });

  it('with nobody free to take it, the lead is escalated', () => {
    const d = decide([lead()], { ...rules, rotation: [{ manager: 'Anna', email: '', onDuty: true }] }, emptyWatchState(), T0 + 11 * min);
    expect(d.actions.map((a) => a.kind)).toEqual(['escalate']);
  });
});
