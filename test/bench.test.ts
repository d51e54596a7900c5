// The benchmarks' smoke check (npm run test:bench, not part of npm test: half a minute): each runs at its
// smallest size, for a benchmark that breaks silently measures nothing. Figures are printed, never asserted.
import { describe, expect, it } from 'vitest';
import { benchBundle, benchFunctions, benchHyperFormula, benchRepeatHashing } from '../bench/functions';
import { benchCold } from '../bench/cold';
import { benchSummary } from '../bench/summary';
import { benchWatch } from '../bench/watch';
import { benchMinute } from '../bench/minute';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';

describe('the benchmarks', () => {
  it('time every custom function that reads a range on the built bundle', () => {
    const table = benchFunctions([1_000], 1);
    for (const f of CUSTOM_FUNCTIONS.filter((f) => f.name !== 'CONVERSION_INTERVAL'))
      expect(table, f.name).toMatch(new RegExp(`\\| ${f.name} \\| 1,000 \\| \\d`));
    expect(benchBundle()).toContain('dist/Code.js');
  });

  it('time cold executions of the functions asked for (here in Moscow) against the bare bundle', () => {
    const table = benchCold(200, 1, 'Europe/Moscow', ['DEAL_CYCLE']);
    expect(table).toMatch(
      /\| DEAL_CYCLE \| [\d.]+ \([\d.]+–[\d.]+\) \| [\d.]+ \([\d.]+–[\d.]+\) \| [\d.]+ \([\d.]+–[\d.]+\) \| [\d.]+ \| [\d.]+ \|/,
    );
    expect(table).not.toContain('FUNNEL');
  });

  it('compare with HyperFormula only once both give the same answers (it throws otherwise)', () => {
    expect(benchHyperFormula([2_000])).toMatch(/\| 2,000 \| [\d.]+ \| [\d.]+ \| \[2000,/);
  });

  it('time REPEAT_RATE against a Set of its client texts', () => {
    expect(benchRepeatHashing([2_000])).toMatch(/\| 2,000 \| [\d,]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  });

  it('build the summary at a tenth of the size, counting the cells it reads and projecting a Google run from them', () => {
    const out = benchSummary(true);
    const row = (build: string) => {
      const m = new RegExp(`\\| ${build} \\| [\\d.]+ s \\| (\\d+) \\| ([\\d,]+) \\| ([\\d,]+) \\|`).exec(out);
      expect(m, build).not.toBeNull();
      return { read: Number(m![2].replace(/,/g, '')), written: Number(m![3].replace(/,/g, '')) };
    };
    const first = row('first \\(back-fills the weekly history\\)');
    const again = row('again, the same week');
    // 10,000 deals × 9 columns + 30,000 activities × 4 + 10,000 leads × 3, and the three header rows, read once.
    expect(first.read).toBeGreaterThanOrEqual(240_016);
    // The week's open deals are written by the first build only.
    expect(again.written).toBeLessThan(first.written);
    expect(out).toMatch(/\| calls × 0\.7 s \| \d+ \| \d+ \|/);
    expect(out).toMatch(/total, against the 360 s limit \| \d+ \(\d+ % of it\) \| \d+ \(\d+ % of it\) \|/);
  });

  it('time a lead-watch sweep', () => {
    expect(benchWatch(true)).toMatch(/\| 5,000 \| 50 \|/);
  });

  it('run a bound script’s minute trigger over a day: an idle minute reads one property and evaluates no actions', () => {
    const table = benchMinute(true);
    expect(table).toMatch(/\| 1,440 \| \d+ \| \d+ \| 2\.0 \|/);
  });
});
