// Tests: every *.test.ts under test/ but the benchmarks' smoke check, a plain closing summary line, and a note on what skips and why;
// then the tests that touch triggers, clock runs or the document's context again under Google's undocumented readings (dev/host/RULES.md).
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { ALL_READINGS, LENIENT, readingsLabel, readingsSpec, STRICT, type Readings } from './dev/host/readings.js';

// Tests build Dates in this process's zone, which is the host's spreadsheet zone by default: fix it to
// UTC, which differs from the script's (the manifest's Europe/Moscow), so every test runs with the two apart.
process.env.TZ = 'UTC';

/** Every test that fires a trigger or runs a menu item, a sidebar save or a change that sets the clock: run again under STRICT. */
export const TRIGGER_SUITES = [
  'test/actions.test.ts',
  'test/bigquery/build.test.ts',
  'test/bigquery/jobs.test.ts',
  'test/host/menu.test.ts',
  'test/refresh/**/*.test.ts',
  'test/schedule/**/*.test.ts',
  'test/settings/**/*.test.ts',
  'test/summary/flow.test.ts',
  'test/summary/forecast.test.ts',
  'test/summary/ownSheets.test.ts',
  'test/summary/shapeB.test.ts',
  'test/summary/swap.test.ts',
  'test/tracker/zone.test.ts',
  'test/watch/**/*.test.ts',
  'test/weekly/crash.test.ts',
  'test/weekly/rhythm.test.ts',
  'test/weekly/summary.test.ts',
];
/**
 * The suites that cut a run at each of its service calls in turn (hundreds of runs each) run under all 16
 * too, but each of the 14 in-between combinations cuts every 14th call from its own offset
 * (test/helpers/cuts.ts): every call is cut under the defaults, under STRICT, and under one more
 * combination — one more pass rather than 14 (all of them under all 16 would add about 25 minutes).
 */
export const CUT_AT_EVERY_CALL = [
  'test/bigquery/build.test.ts',
  'test/settings/storage.test.ts',
  'test/summary/swap.test.ts',
  'test/watch/crash.test.ts',
  'test/watch/limits.test.ts',
  'test/weekly/crash.test.ts',
];
/** Pure tests, and the ones that set every reading themselves (test/watch/readings.test.ts runs its day under all 16). */
export const NEVER_AGAIN = [
  'test/watch/readings.test.ts',
  'test/watch/decide.test.ts',
  'test/watch/log.test.ts',
  'test/weekly/catchUp.test.ts',
];
/**
 * Tests that fire triggers or run menu items but are not run again under other readings, and why
 * (test/architecture.test.ts fails on a trigger-touching test in none of these lists).
 */
export const READINGS_FREE: Record<string, string> = {
  'test/host/google.test.ts': 'tests the host’s readings themselves, each set by the test',
  'test/host/rules.test.ts': 'tests the host’s rules, readings set by the test where they matter',
  'test/browser/sidebar-questions.test.ts': 'the page in Chromium; its server calls run again in test/settings',
  'test/sql/start.test.ts': 'npm start: a local build of the summary, no trigger fires',
  'test/weekly/preview.test.ts': 'the preview (npm run preview) shows the product where the clock works',
};

const same = (a: Readings, b: Readings) => readingsSpec(a) === readingsSpec(b);

/** A project running `include` with every host's readings from HOST_READINGS (a test's own options still win). */
function underReadings(readings: Readings, include: string[]): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: `readings:${readingsLabel(readings)}`,
      include,
      exclude: [...configDefaults.exclude, ...NEVER_AGAIN],
      env: { HOST_READINGS: readingsSpec(readings) },
    },
  };
}

export default defineConfig({
  test: {
    // The benchmarks' smoke check runs each benchmark at its smallest size (half a minute): npm run test:bench.
    exclude: [...configDefaults.exclude, ...(process.env.BENCH_SMOKE ? [] : ['test/bench.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every core: vitest's default in a run leaves one idle (on two cores, half the machine).
    maxWorkers: Math.max(1, availableParallelism()),
    reporters: ['default', './test/plainSummary.ts'],
    globalSetup: ['./test/globalSetup.ts'],
    projects: [
      // The host's defaults are the lenient readings: the whole suite runs there.
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      underReadings(STRICT, TRIGGER_SUITES),
      ...ALL_READINGS.filter((r) => !same(r, LENIENT) && !same(r, STRICT)).map((r) => underReadings(r, TRIGGER_SUITES)),
    ],
  },
});
