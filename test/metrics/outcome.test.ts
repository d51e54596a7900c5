// Where a deal stopped, decided conversion, money leaks and weak links (docs/summary.md), as product examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyLeaks, stageStops, stepOutcomes, weakLinks, type StepOutcome } from '../../src/metrics/outcome';
import type { Status } from '../../src/tracker/statuses';

/** Deals as (furthest stage, lost-at stage, status). */
function deals(list: [number, number, Status][]) {
  return { furthest: list.map((d) => d[0]), lostAt: list.map((d) => d[1]), status: list.map((d) => d[2]), rows: list.map((_, i) => i) };
}

describe('where each deal stopped', () => {
  it('tells open deals from lost ones at each stage, and keeps lost deals with no stage apart', () => {
    const d = deals([
      [0, -1, 'open'],
      [0, 0, 'lost'],
      [0, -1, 'lost'], // at Lead: one open, one lost there, one lost somewhere unknown
      [1, -1, 'open'],
      [1, -1, 'open'],
      [1, 1, 'lost'], // at Meeting: two open, one lost there
      [2, -1, 'won'],
      [2, -1, 'won'],
    ]);
    const stops = stageStops(3, d, d.rows);
    expect(stops).toEqual({ reached: [8, 5, 2], openAt: [1, 2, 0], lostAt: [1, 1, 0], lostUnknown: 1 });
    const steps = stepOutcomes(stops);
    // Lead → Meeting: 5 advanced, 1 lost there → 5/6 decided (the open one and the unknown loss are not outcomes here).
    expect(steps[0]).toEqual({ from: 0, advanced: 5, lost: 1, open: 1, decided: 6, conversion: 5 / 6 });
    // Meeting → Won: 2 advanced, 1 lost, 2 still open → 2/3, where reached-based conversion says 2/5.
    expect(steps[1]).toEqual({ from: 1, advanced: 2, lost: 1, open: 2, decided: 3, conversion: 2 / 3 });
  });

  it('rows left out (-1) count nowhere, and a step nothing decided has no conversion', () => {
    const d = deals([
      [-1, -1, 'lost'],
      [0, -1, 'open'],
    ]);
    const steps = stepOutcomes(stageStops(2, d, d.rows));
    expect(steps[0]).toEqual({ from: 0, advanced: 0, lost: 0, open: 1, decided: 0, conversion: null });
  });

  it("Maven in miniature: every loss after engaging is lost at Engaging, and the step's decided conversion is the win rate", () => {
    // 4 won, 2 lost after engaging, 3 still engaging, 1 prospecting.
    const d = deals([
      ...Array(4).fill([2, -1, 'won']),
      ...Array(2).fill([1, 1, 'lost']),
      ...Array(3).fill([1, -1, 'open']),
      [0, -1, 'open'],
    ]);
    const steps = stepOutcomes(stageStops(3, d, d.rows));
    expect(steps.map((s) => s.conversion)).toEqual([1, 4 / 6]);
    expect(steps[1].open).toBe(3);
  });
});

const step = (from: number, advanced: number, lost: number, open = 0): StepOutcome => ({
  from,
  advanced,
  lost,
  open,
  decided: advanced + lost,
  conversion: advanced + lost ? advanced / (advanced + lost) : null,
});

describe('money leaks', () => {
  it('prices what was lost and what +5 pp would add with the later steps unchanged', () => {
    // Lead → Meeting 6/9, Meeting → Paid 2/4; average won 1000.
    const leaks = moneyLeaks([step(0, 6, 3, 1), step(1, 2, 2, 2)], 1000);
    expect(leaks[0]).toMatchObject({ lost: 3, lostValue: 3000, open: 1 });
    expect(leaks[0].gainAt5pp).toBeCloseTo(9 * 0.05 * 0.5 * 1000, 9); // 225
    expect(leaks[1].gainAt5pp).toBeCloseTo(4 * 0.05 * 1000, 9); // 200
    expect(leaks.map((l) => l.growthPoint)).toEqual([true, false]);
  });

  it('never adds past 100%, and open deals are shown beside a leak, never in it', () => {
    const leaks = moneyLeaks([step(0, 98, 2, 50), step(1, 10, 0)], 100);
    expect(leaks[0].gainAt5pp).toBeCloseTo(100 * 0.02 * 1 * 100, 9);
    expect(leaks[0].lost).toBe(2);
    expect(leaks[0].open).toBe(50);
    expect(leaks[1].gainAt5pp).toBe(0);
    expect(leaks[1].growthPoint).toBe(false);
  });
});

describe('weak links', () => {
  const team = [step(0, 80, 20), step(1, 45, 55), step(2, 30, 15)];

  it('flags a step whose Wilson interval excludes the team, and names the costliest weak step in money', () => {
    // Meeting → Proposal: 4 of 19 (21%) against the team's 45%; the step after converts 2/3 for the team.
    const mine = [step(0, 20, 5), step(1, 4, 15), step(2, 3, 1)];
    const { cells, weakest } = weakLinks(mine, team, 10_000);
    expect(cells[1].flag).toBe('below');
    expect(cells[0].flag).toBeNull();
    expect(cells[2].thin).toBe(true);
    expect(weakest!.step).toBe(1);
    expect(weakest!.conversion).toBeCloseTo(4 / 19, 12);
    expect(weakest!.team).toBeCloseTo(0.45, 12);
    // 19 decided × (0.45 − 4/19) × 2/3 × 10,000
    expect(weakest!.cost).toBeCloseTo(19 * (0.45 - 4 / 19) * (2 / 3) * 10_000, 6);
  });

  it('a step with fewer than 5 decided deals is never flagged nor named, and a 1 pp dip is not a weak link', () => {
    const { cells, weakest } = weakLinks([step(0, 0, 4), step(1, 44, 56), step(2, 30, 15)], team, 100);
    expect(cells[0]).toMatchObject({ thin: true, flag: null });
    expect(weakest).toBeNull();
  });
});

describe('properties of where deals stopped, on any funnel', () => {
  const statusArb = fc.constantFrom<Status>('open', 'won', 'lost');
  const funnelArb = fc
    .integer({ min: 2, max: 8 })
    .chain((k) =>
      fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.integer({ min: -1, max: k - 1 }), statusArb, fc.boolean()), { maxLength: 300 })),
    );

  it('every deal is counted once, open and lost are never confused, and conversions stay in [0, 1]', () => {
    fc.assert(
      fc.property(funnelArb, ([k, list]) => {
        // A lost deal is placed at its furthest stage, or (false) nowhere.
        const furthest = list.map((d) => d[0]);
        const status = list.map((d) => d[1]);
        const lostAt = list.map((d) => (d[1] === 'lost' && d[2] ? d[0] : -1));
        const rows = list.map((_, i) => i);
        const stops = stageStops(k, { furthest, lostAt, status }, rows);
        const counted = list.filter((d) => d[0] >= 0);
        expect(stops.reached[0]).toBe(counted.length);
        for (let i = 0; i < k; i++) expect(stops.reached[i]).toBe(counted.filter((d) => d[0] >= i).length);
        expect(stops.openAt.reduce((a, b) => a + b, 0)).toBe(counted.filter((d) => d[1] === 'open').length);
        expect(stops.lostAt.reduce((a, b) => a + b, 0) + stops.lostUnknown).toBe(counted.filter((d) => d[1] === 'lost').length);
        const steps = stepOutcomes(stops);
        steps.forEach((s, i) => {
          expect(s.decided).toBeLessThanOrEqual(stops.reached[i]);
          expect(s.decided + s.open).toBeLessThanOrEqual(stops.reached[i]);
          if (s.conversion !== null) expect(s.conversion >= 0 && s.conversion <= 1).toBe(true);
        });
        const leaks = moneyLeaks(steps, 100);
        expect(leaks.every((l) => l.gainAt5pp >= 0 && l.lostValue === l.lost * 100)).toBe(true);
        const growth = leaks.filter((l) => l.growthPoint);
        const best = Math.max(0, ...leaks.map((l) => l.gainAt5pp));
        expect(growth.length).toBe(best > 0 ? 1 : 0);
        if (growth.length) expect(growth[0].gainAt5pp).toBe(best);
        // A manager who is the whole team is never flagged, nor named weak.
        const self = weakLinks(steps, steps, 100);
        expect(self.cells.every((c) => c.flag === null)).toBe(true);
        expect(self.weakest).toBeNull();
        expect(self.cells.every((c) => !(c.thin && c.flag))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
