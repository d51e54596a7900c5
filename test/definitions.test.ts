// One definition per concept (docs/CONTRIBUTING.md): the constants and small rules that were typed out
// twice — and could then disagree — are defined once, and this fails when a copy comes back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
/** The source without its comments: an @example may show the number it stands for. */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
const SOURCES = files('src');

/** The files of src/ whose code matches `pattern`. */
const filesWith = (pattern: RegExp) => SOURCES.filter((file) => pattern.test(code(file))).sort();

describe('one definition per concept', () => {
  it('a day in milliseconds is MS_PER_DAY (tracker/zoneClock.ts), never typed out', () => {
    expect(filesWith(/\b86_?400_?000\b|\b864e5\b/)).toEqual(['src/tracker/zoneClock.ts']);
  });

  it('the largest real amount is LARGEST_AMOUNT (tracker/numbers.ts)', () => {
    expect(filesWith(/\b1e15\b/)).toEqual(['src/tracker/numbers.ts']);
  });

  it('"a figure or a blank" is metrics/stats.ts orNull, and placeholders are filled by i18n/language.ts fill', () => {
    expect(filesWith(/(const|function)\s+orNull\b/)).toEqual(['src/metrics/stats.ts']);
    expect(filesWith(/(const|function)\s+fill\b/)).toEqual(['src/i18n/language.ts']);
  });

  it('money leaks are computed by metrics/outcome.ts alone; win and breach rates are divided in metrics/ only', () => {
    expect(filesWith(/function\s+moneyLeaks\b/)).toEqual(['src/metrics/outcome.ts']);
    expect(
      SOURCES.filter((f) => !f.startsWith('src/metrics/') && /\.won\s*\/\s*\w+\.closed\b|\.breached\s*\/\s*\w+\.counted\b/.test(code(f))),
    ).toEqual([]);
  });
});
