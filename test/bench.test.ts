// The benchmarks still run (at their smallest sizes): `npm run bench` is not part of npm test, and a
// benchmark that breaks silently measures nothing. Figures are printed by npm run bench, never asserted.
import { describe, expect, it } from 'vitest';
import { benchBundle, benchFunctions, benchHyperFormula } from '../bench/functions';
import { benchWatch } from '../bench/watch';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';

describe('the benchmarks', () => {
  it('time every custom function that reads a range on the built bundle', () => {
    const table = benchFunctions([1_000]);
    for (const f of CUSTOM_FUNCTIONS.filter((f) => f.name !== 'CONVERSION_INTERVAL')) expect(table, f.name).toMatch(new RegExp(`\\| ${f.name} \\| 1,000 \\| \\d`));
    expect(benchBundle()).toContain('dist/Code.js');
  });

  it('compare with HyperFormula only once both give the same answers (it throws otherwise)', () => {
    expect(benchHyperFormula([2_000])).toMatch(/\| 2,000 \| [\d.]+ \| [\d.]+ \| \[2000,/);
  });

  it('time a lead-watch sweep', () => {
    expect(benchWatch(true)).toMatch(/\| 5,000 \| 50 \|/);
  });
});
