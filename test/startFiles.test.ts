// npm start and npm run preview on a user's own files, as subprocesses: the README's own-data recipe
// run as written, every bad file one line with where it stopped and a non-zero exit, output that
// neither Excel nor the terminal can be made to run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-files-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
function start(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'dev/start.ts', '--out', join(dir, 'out'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: run.status, out: run.stdout, err: run.stderr.trim() };
}
/** One line on stderr, no stack, the exit code given. */
function expectOneLine(run: ReturnType<typeof start>, code: number, pattern: RegExp): void {
  expect(run.code, run.err).toBe(code);
  expect(run.err.split('\n'), run.err).toHaveLength(1);
  expect(run.err).toMatch(pattern);
  expect(run.err).not.toMatch(/\n\s+at |RangeError|Error:/);
}

const deals = (rows: string[][]) => `${['Stage,Manager,Created,Amount', ...rows.map((r) => r.join(','))].join('\n')}\n`;
const STAGES = ['Lead', 'Meeting', 'Paid'];
const plain = deals(Array.from({ length: 12 }, (_, i) => [STAGES[i % 3], `M${i % 2}`, `2026-11-0${1 + (i % 9)}`, String(100 + i)]));

describe("the README's own-data recipe, as written", () => {
  it('npm start --silent -- … --print-settings > settings.json writes JSON alone, and --settings settings.json then works', () => {
    const docs = ['README.md', 'docs/own-exports.md'].map((p) => readFileSync(p, 'utf8')).join('\n');
    const recipe = /^(npm start .*--print-settings > settings\.json)/m.exec(docs)![1];
    const dealsPath = file('deals.csv', plain);
    const settingsPath = join(dir, 'settings.json');
    const command = recipe.replace(/\bdeals\.csv\b/, dealsPath).replace(/\bsettings\.json\b/, settingsPath);
    const run = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const written = readFileSync(settingsPath, 'utf8');
    expect(() => JSON.parse(written), written.slice(0, 200)).not.toThrow();
    expect(JSON.parse(written).funnel).toEqual(expect.arrayContaining(STAGES));
    const next = start('--deals', dealsPath, '--settings', settingsPath);
    expect(next.code, next.err).toBe(0);
  }, 120_000);

  it('a settings file that is not JSON (npm’s banner on top) says its line and column', () => {
    const settings = file('banner.json', '\n> sales-kpi-sheets@0.1.0 start\n{"funnel": ["Lead"]}\n');
    expectOneLine(start('--deals', file('ok.csv', plain), '--settings', settings), 2, /banner\.json is not valid JSON at line 2, column 1/);
  });
});

describe('every bad file: one line, where it stopped, a non-zero exit', () => {
  it('an unclosed quote at row 6 of 11', () => {
    const rows = plain.split('\n').slice(0, 11);
    rows[5] = 'Lead,"Anna,2026-11-01,100';
    expectOneLine(
      start('--deals', file('quote.csv', `${rows.join('\n')}\n`)),
      2,
      /quote\.csv: a quote \("\) opened at row 6 is never closed/,
    );
  });

  it('mixed line endings: every row kept', () => {
    const lines = plain.trim().split('\n');
    const mixed = lines.map((l, i) => l + (i % 2 ? '\n' : '\r\n')).join('');
    const run = start('--deals', file('mixed.csv', mixed), '--print-settings');
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out).funnel).toEqual(expect.arrayContaining(STAGES));
  });

  it('UTF-16 without a byte-order mark is read', () => {
    const run = start('--deals', file('utf16.csv', Buffer.from(plain, 'utf16le')), '--print-settings');
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(/read as UTF-16/);
    expect(JSON.parse(run.out).funnel).toEqual(expect.arrayContaining(STAGES));
  });

  it('binary without zero bytes, a PNG', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 37) % 254)));
    expectOneLine(start('--deals', file('blob.csv', binary)), 2, /blob\.csv is not a text file/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    expectOneLine(start('--deals', file('chart.png', png)), 2, /chart\.png is not a text file \(it is a PNG image\)/);
  });

  it('--deals with no path', () => {
    expectOneLine(start('--deals', '--period', 'all'), 2, /^--deals needs a value: e\.g\. --deals deals\.csv/);
  });

  it('100,000 columns: the "unused" line stays short', () => {
    const header = ['Stage', 'Created', ...Array.from({ length: 100_000 }, (_, i) => `c${i}`)].join(',');
    const row = (s: string) => [s, '2026-11-01', ...Array(100_000).fill('')].join(',');
    const run = start('--deals', file('wide.csv', `${[header, row('Lead'), row('Paid'), row('Lead')].join('\n')}\n`), '--print-settings');
    const unused = run.err.split('\n').find((l) => l.includes('unused'))!;
    expect(unused.length).toBeLessThan(1000);
    expect(unused).toMatch(/and 99,988 more/);
  }, 60_000);

  it('a 50-value stage column is refused, not a silent 50-stage funnel', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`Stage ${i % 50}`, 'Anna', '2026-11-01', '100']);
    expectOneLine(
      start('--deals', file('fifty.csv', deals(rows))),
      2,
      /the stage column "Stage" holds 50 different values — too many for a funnel/,
    );
  });

  it('a file past 10 million cells', () => {
    const row = ','.repeat(9_999);
    const text = [`Stage${row}`, ...Array.from({ length: 1_001 }, (_, i) => `${STAGES[i % 3]}${row}`)].join('\n');
    expectOneLine(
      start('--deals', file('huge.csv', text)),
      2,
      /has 1,002 rows × 10,000 columns, more than the 10,000,000 cells a Google spreadsheet holds/,
    );
  }, 60_000);

  it('a 1 MB cell and a funnel that lacks a stage with the period "all": a summary or one line, never a stack', () => {
    const big = deals([
      ['Lead', 'x'.repeat(1_000_000), '2026-11-01', '1'],
      ['Paid', 'Anna', '2026-11-02', '2'],
      ['Other', 'Anna', '2026-11-03', '3'],
    ]);
    const settings = file('lacking.json', JSON.stringify({ funnel: ['Lead', 'Paid'], period: 'all' }));
    for (const run of [start('--deals', file('bigcell.csv', big)), start('--deals', file('lacking.csv', big), '--settings', settings)]) {
      expect(run.err).not.toMatch(/\n\s+at |RangeError/);
      if (run.code !== 0) expect(run.err.split('\n')).toHaveLength(1);
    }
  }, 60_000);
});

describe('what npm start writes out', () => {
  it('out/summary.csv has no cell Excel would run as a formula; the terminal gets no escape sequence from the data', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+SUM(1)', '-2+3', '@A1', '\u001b[31mRED\u001b]0;title\u0007'];
    const rows = Array.from({ length: 15 }, (_, i) => [
      STAGES[i % 3],
      `"${hostile[i % hostile.length].replace(/"/g, '""')}"`,
      `2026-11-0${1 + (i % 9)}`,
      String(100 + i),
    ]);
    const run = start('--deals', file('hostile.csv', deals(rows)));
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toMatch(/\u001b|\u0007/);
    const csv = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8').replace(/^\uFEFF/, '');
    const cells = Papa.parse<string[]>(csv).data.flat();
    expect(cells.some((c) => c.includes('cmd|'))).toBe(true);
    for (const cell of cells) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^-?[\d.,\s%]+$/);
  }, 60_000);
});

describe('npm run preview', () => {
  it('opens the same files as npm start: --deals a.csv becomes a sheet, detected', async () => {
    const path = file('a.csv', plain);
    const child = spawn('npx', ['tsx', 'dev/preview.ts', '--port', '0', '--deals', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      await expect.poll(() => out, { timeout: 60_000, interval: 200 }).toMatch(/Your files are the sheets "a"/);
      expect(err).not.toMatch(/\n\s+at /);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 90_000);

  it('a bad file: one line, exit 2', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'dev/preview.ts', '--port', '0', '--deals', file('p.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/p\.png is not a text file \(it is a PNG image\)/);
  }, 60_000);
});
