// No input costs more than linear time (docs/performance.md): a 50,000-character cell of any shape
// costs each function at most a few times, per character, what a 1,000-character one does; every
// error is one short line; NaN never escapes. (The budget is generous — 8× per character — because
// a quadratic cell is ~50× per character at this size; benchmarks print the real figures.)
import { describe, expect, it } from 'vitest';
import { callCustomFunction, MAX_MESSAGE } from '../../src/functions/registry';
import { testEnv } from '../helpers/env';
import { LONG_CELL_CALLS, LONG_CELL_SHAPES } from '../helpers/longCells';

function run(name: string, args: unknown[]): string {
  try {
    const value = callCustomFunction(name, args, testEnv());
    return JSON.stringify(value);
  } catch (error) {
    return (error as Error).message;
  }
}

function perCall(name: string, args: unknown[], repeat: number): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) run(name, args);
    best = Math.min(best, (performance.now() - start) / repeat);
  }
  return best;
}

describe('a 50,000-character cell', () => {
  for (const [name, argsOf] of Object.entries(LONG_CELL_CALLS)) {
    it(`${name} stays linear on every shape`, () => {
      for (const [shape, make] of Object.entries(LONG_CELL_SHAPES)) {
        const small = perCall(name, argsOf(make(1_000)), 40);
        const large = perCall(name, argsOf(make(50_000)), 1);
        // Linear is 50×; allow 8× per character of noise before calling it worse than linear.
        expect(large, `${name} on ${shape}: ${large.toFixed(2)} ms vs ${small.toFixed(3)} ms`).toBeLessThan(Math.max(small * 50 * 8, 5));
        const answer = run(name, argsOf(make(50_000)));
        expect(answer.length, `${name} on ${shape}`).toBeLessThanOrEqual(MAX_MESSAGE * 2);
        expect(answer, `${name} on ${shape}`).not.toMatch(/NaN|\n/);
      }
    });
  }
});

describe('CONVERSION_INTERVAL refuses what has no interval', () => {
  const error = (...args: unknown[]) => run('CONVERSION_INTERVAL', args);
  it('a confidence so close to 1 that the interval is undefined', () => {
    expect(error(0, 1, 0.9999999999999999)).toMatch(/^CONVERSION_INTERVAL: confidence is 0\.9999999999999999; use a share between 0 and 1/);
    expect(error(0, 1, 1e-17)).toMatch(/confidence/);
  });
  it('fractional or negative counts, and successes over trials', () => {
    expect(error(0.3, 0.5)).toMatch(/successes is 0\.3; use a whole number/);
    expect(error(-1, 5)).toMatch(/successes is -1; use a whole number/);
    expect(error(6, 5)).toMatch(/successes \(6\) cannot exceed trials \(5\)/);
  });
  it('a whole range where one value belongs: a short line naming its shape', () => {
    const range = Array.from({ length: 10_000 }, () => ['x'.repeat(10)]);
    const message = error(range, 10);
    expect(message).toBe('CONVERSION_INTERVAL: successes is a range of 10000 rows; use a whole number, zero or greater');
  });
});
