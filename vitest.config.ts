// Tests: every *.test.ts under test/, a plain closing summary line, and a note on what skips and why.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/plainSummary.ts'],
    globalSetup: ['./test/globalSetup.ts'],
  },
});
