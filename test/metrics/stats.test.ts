// Statistics the product reports: percentiles like Sheets, the normal quantile, Wilson intervals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareToTeam,
  mean,
  median,
  orNull,
  normalQuantile,
  percentile,
  percentileReordering,
  percentileSorted,
  selectKth,
  sortedCopy,
  statistic,
  wilsonInterval,
} from '../../src/metrics/stats';

describe('statistics', () => {
  it('interpolates percentiles like Sheets PERCENTILE: PERCENTILE({1,2,3,4}, 0.9) = 3.7', () => {
    expect(percentileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentileSorted([10, 20, 30, 40, 50], 0.75)).toBe(40);
  });
  it('selection gives the same percentiles as sorting, duplicates and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          expect(percentile(values, p)).toBeCloseTo(percentileSorted(sortedCopy(values), p), 9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('selection on long columns (the sampling step past 600 values) gives the k-th value of the sorted column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 601, maxLength: 4000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const k = Math.floor(p * (values.length - 1));
          const a = Float64Array.from(values);
          expect(selectKth(a, k)).toBe(sortedCopy(values)[k]);
          expect(a.every((v, i) => (i < k ? v <= a[k] : v >= a[k]))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays right (and linear) on a column of few distinct values, like whole days', () => {
    const days = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 3);
    expect(percentile(days, 0.5)).toBe(1);
    expect(percentile(days, 0.9)).toBe(2);
    expect(percentile(new Array(100_000).fill(4), 0.75)).toBe(4);
  });

  it("a percentile leaves the caller's values as they were; one allowed to reorder them gives the same answer", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 2000 }),
        fc.constantFrom('median', 'p90', 'p25', 'mean', 'min', 'max', 'count'),
        (values, name) => {
          const mine = Float64Array.from(values);
          const expected = statistic(mine, name as 'median');
          expect([...mine]).toEqual(values);
          expect(statistic(Float64Array.from(values), name as 'median', true)).toBe(expected);
          if (name === 'median') expect(percentileReordering(Float64Array.from(values), 0.5)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('over long columns (narrowed to a bucket first, a bucket of thousands once more) gives what sorting gives, whatever the values', () => {
    // Few distinct values, spread ones, zeros with tiny ones, a jump right after the middle (the
    // median's next value in a higher bucket), and negatives (not narrowed).
    const shapes: Record<string, (i: number, r: () => number) => number> = {
      days: (_, r) => Math.floor(r() * 60) * 86_400_000,
      spread: (_, r) => r() * 1e9,
      zeros: (i, r) => (i % 3 === 0 ? 0 : r() * 1e-300),
      jump: (i) => (i % 2 === 0 ? 1 : 1e9 + i),
      negative: (_, r) => r() * 200 - 100,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(shapes)),
        fc.integer({ min: 32_768, max: 40_000 }),
        fc.integer(),
        fc.constantFrom(0, 0.25, 0.5, 0.9, 1),
        (shape, n, seed, p) => {
          let state = seed >>> 0;
          const r = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
          const values = Float64Array.from({ length: n }, (_, i) => shapes[shape](i, r));
          expect(percentileReordering(values.slice(), p)).toBe(percentileSorted(sortedCopy(values), p));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a bucket of thousands is narrowed once more and still gives what sorting gives: 40,000 whole-day durations', () => {
    // 60 distinct values: the bucket of every percentile holds thousands, so the second narrowing runs.
    const values = Float64Array.from({ length: 40_000 }, (_, i) => ((i * 7919) % 60) * 86_400_000 + (i % 3));
    const sorted = sortedCopy(values);
    for (const p of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
      expect(percentileReordering(values.slice(), p), `p${p}`).toBe(percentileSorted(sorted, p));
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('names statistics', () => {
    const v = [5, 1, 9];
    expect([statistic(v, 'mean'), statistic(v, 'min'), statistic(v, 'max'), statistic(v, 'count'), statistic(v, 'p50')]).toEqual([
      5, 1, 9, 3, 5,
    ]);
    expect(mean([])).toBeNaN();
  });
  it('has the normal quantile right: 1.96 for 97.5%', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
  });
  it('gives the Wilson interval: 3 of 4 is 30.1%–95.4%, not a sure 75%', () => {
    const { low, high } = wilsonInterval(3, 4);
    expect(low).toBeCloseTo(0.3006, 4);
    expect(high).toBeCloseTo(0.9544, 4);
  });
  it('flags a manager only when the interval excludes the team rate', () => {
    expect(compareToTeam(wilsonInterval(3, 4), 0.5)).toBeNull();
    expect(compareToTeam(wilsonInterval(90, 100), 0.5)).toBe('above');
    expect(compareToTeam(wilsonInterval(10, 100), 0.5)).toBe('below');
  });
});

describe('Wilson interval at a perfect or a zero record', () => {
  it('reaches exactly 1 or 0, so a perfect manager is never "below" a perfect team', () => {
    for (const n of [1, 5, 6, 7, 49, 1000]) {
      expect(wilsonInterval(n, n).high).toBe(1);
      expect(wilsonInterval(0, n).low).toBe(0);
      expect(compareToTeam(wilsonInterval(n, n), 1)).toBeNull();
      expect(compareToTeam(wilsonInterval(0, n), 0)).toBeNull();
    }
  });
});

describe('a figure or a blank', () => {
  it('a mean of nothing, a ratio to zero and an infinite ratio are blanks; zero is a figure', () => {
    expect(orNull(mean([]))).toBeNull();
    expect(orNull(1 / 0)).toBeNull();
    expect(orNull(0)).toBe(0);
    expect(orNull(0.25)).toBe(0.25);
  });
});
