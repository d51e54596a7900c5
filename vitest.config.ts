// Tests: every *.test.ts under test/ but the benchmarks' smoke check, a plain closing summary line, and a note on what skips and why.
import { configDefaults, defineConfig } from 'vitest/config';

// Tests build Dates in this process's zone, which is the host's spreadsheet zone by default: fix it to
// UTC, which differs from the script's (the manifest's Europe/Moscow), so every test runs with the two apart.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The benchmarks' smoke check runs each benchmark at its smallest size (half a minute): npm run test:bench.
    exclude: [...configDefaults.exclude, ...(process.env.BENCH_SMOKE ? [] : ['test/bench.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/plainSummary.ts'],
    globalSetup: ['./test/globalSetup.ts'],
  },
});
