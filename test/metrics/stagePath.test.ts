// A deal's path: reached stages (a skipped one counts as passed), where a lost deal was lost, the
// days in each stage; and the order stages are entered in across many deals.
import { describe, expect, it } from 'vitest';
import { inTimeOrder, LOST_STAGE, orderFromPaths, pathFacts } from '../../src/metrics/stagePath';

const day = (n: number) => Date.UTC(2026, 10, n);

describe('pathFacts', () => {
  it('a skipped stage counts as passed; a lost deal is lost at the last stage it entered', () => {
    const facts = pathFacts(
      [
        { stage: 0, at: day(1) },
        { stage: 2, at: day(4) },
        { stage: LOST_STAGE, at: day(9) },
      ],
      4,
    );
    expect(facts.furthest).toBe(2);
    expect(facts.lostAt).toBe(2);
    expect(facts.lost).toBe(true);
    expect(Array.from(facts.days)).toEqual([3, NaN, 5, NaN]);
    expect(facts.current).toBe(-1);
  });

  it('a deal moved back is lost where it was when lost, and its visits to a stage add up', () => {
    const facts = pathFacts(
      [
        { stage: 0, at: day(1) },
        { stage: 1, at: day(2) },
        { stage: 2, at: day(4) },
        { stage: 1, at: day(5) },
        { stage: LOST_STAGE, at: day(8) },
      ],
      3,
    );
    expect([facts.furthest, facts.lostAt]).toEqual([2, 1]);
    expect(Array.from(facts.days)).toEqual([1, 2 + 3, 1]);
  });

  it('an open deal: its current stage and since when; an unknown time measures nothing', () => {
    const facts = pathFacts(
      [
        { stage: 0, at: NaN },
        { stage: 1, at: day(3) },
      ],
      3,
    );
    expect([facts.current, facts.currentSince, facts.lost, facts.lostAt]).toEqual([1, day(3), false, -1]);
    expect(Array.from(facts.days)).toEqual([NaN, NaN, NaN]);
  });
});

describe('inTimeOrder', () => {
  it('sorts by time, keeping the order of entries of the same minute and putting undated ones first', () => {
    expect(
      inTimeOrder([
        { stage: 2, at: day(5) },
        { stage: 1, at: day(5) },
        { stage: 0, at: NaN },
      ]),
    ).toEqual([
      { stage: 0, at: NaN },
      { stage: 2, at: day(5) },
      { stage: 1, at: day(5) },
    ]);
  });
});

describe('orderFromPaths', () => {
  it('the order most deals move in, whatever a few deals moved back do', () => {
    const paths = [
      ['call', 'pitch', 'trial', 'signed'],
      ['call', 'trial', 'signed'],
      ['call', 'pitch'],
      ['pitch', 'call'],
      ['call', 'pitch', 'trial'],
    ];
    expect(orderFromPaths(paths)).toEqual(['call', 'pitch', 'trial', 'signed']);
  });

  it('thousands of distinct stage names (a wrong column) cost linear time: the first 60 ranked, the rest in the order seen', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `s${i}`);
    const order = orderFromPaths([names, ['s1', 's0']]);
    expect(order).toHaveLength(20_000);
    expect(order.slice(60, 63)).toEqual(['s60', 's61', 's62']);
  });
});
