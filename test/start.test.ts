// `npm start` on anyone's export, run as a new user runs it (a subprocess): either a right summary
// or one line that says what to do, with a non-zero exit — never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasDatasets, MAVEN, OLIST_DEALS, SKIP_REASON } from './helpers/datasets';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-start-'));

function start(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'dev/start.ts', '--out', join(dir, 'out'), ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr.trim() };
}

/** A file in the temporary folder. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** One short line on stderr and the given exit code: what a user must fix. */
function expectOneLine(run: ReturnType<typeof start>, code: number, pattern: RegExp): void {
  expect(run.code, run.err).toBe(code);
  expect(run.err.split('\n'), run.err).toHaveLength(1);
  expect(run.err).toMatch(pattern);
  expect(run.err).not.toMatch(/\n\s+at |Error:/);
}

const russianDeals =
  'Этап;Менеджер;Создана;Сумма;Менеджер\nЛид;Анна;01.11.2026;1 000;x\nВстреча;Анна;02.11.2026;5 000;x\nОплата;Борис;03.11.2026;2 000;y\n';

describe('npm start refuses, in one line, what it cannot use', () => {
  it('an unknown option, listing the options', () => {
    expectOneLine(
      start('--dealz', 'x.csv'),
      2,
      /^Unknown option '--dealz'.*Options: --deals, --activities, --leads, --history, --settings, --period, --as-of/,
    );
  });

  it('a missing file, an empty file, a header-only file', () => {
    expectOneLine(start('--deals', join(dir, 'nope.csv')), 2, /nope\.csv: no such file/);
    expectOneLine(start('--deals', file('empty.csv', '')), 2, /empty\.csv is empty/);
    expectOneLine(start('--deals', file('header.csv', 'Stage,Created\n')), 2, /header\.csv has a header row but no data rows/);
  });

  it('a file that is not text', () => {
    expectOneLine(
      start('--deals', file('sheet.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]))),
      2,
      /sheet\.xlsx is not a text file .*export the sheet as CSV/,
    );
  });

  it('settings that are not JSON, with the line and column', () => {
    const settings = file('bad.json', '{\n  "funnel": ["Lead", "Paid" x]\n}\n');
    expectOneLine(
      start('--deals', file('ok.csv', 'Stage\nLead\nPaid\n'), '--settings', settings),
      2,
      /bad\.json is not valid JSON at line 2, column 29/,
    );
  });

  it('an --as-of that is not a date, and a period we do not know', () => {
    expectOneLine(start('--as-of', '2026-13-01'), 2, /--as-of "2026-13-01" is not a date: use YYYY-MM-DD/);
    expectOneLine(start('--period', 'yesterday'), 2, /--period must be one of/);
  });

  it('a deals file with no stage column says what is missing, in command-line terms (never a menu)', () => {
    const run = start('--deals', file('no-stage.csv', 'Client,Amount\nAcme,100\n'));
    expectOneLine(
      run,
      2,
      /no-stage\.csv: no column was recognised as stage .*--print-settings > settings\.json.*--settings settings\.json/,
    );
    expect(run.err).not.toMatch(/Extensions|Settings…/);
  });
});

describe('npm start reads real exports', () => {
  it('a Russian export in Windows-1251 with ";": decoded (and said so), a repeated header named, a Russian summary, a CSV for Russian Excel', () => {
    const run = start('--deals', file('сделки.csv', Buffer.from(iconv1251(russianDeals))), '--locale', 'ru_RU');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('сделки.csv: read as Windows-1251.');
    expect(run.out).toContain('the header "Менеджер" appears in columns 2 and 5; column 2 is used.');
    expect(run.out).toMatch(/сделки\.csv → deals: stage ← "Этап", .*manager ← "Менеджер"/);
    expect(run.out).toContain('Сводка KPI продаж');
    const csv = readFileSync(join(dir, 'out', 'summary.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\n')[0]).toContain(';');
  });

  it('a UTF-16 export', () => {
    const text = '\uFEFFStage,Created\nLead,2026-11-01\nPaid,2026-11-02\n';
    const run = start('--deals', file('utf16.csv', Buffer.from(text, 'utf16le')));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('utf16.csv: read as UTF-16.');
  });

  it('numbers and impossible dates in a date column are data notes, not silent values; numbers are right-aligned in the page', () => {
    const run = start(
      '--deals',
      file(
        'odd-dates.csv',
        'Stage,Created,Close date,Status\nLead,2026-11-01,,\nPaid,2026-11-02,45000,Won\nPaid,2026-11-03,1970-01-02,Won\n',
      ),
      '--as-of',
      '2026-11-27',
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/1 cell of Close date is a number, read as Sheets serial days .* — row 3 "45000"/);
    expect(run.out).toMatch(/1 date in Close date is before 2000 or more than a year ahead and was left out — row 4 "1970-01-02"/);
    expect(readFileSync(join(dir, 'out', 'summary.html'), 'utf8')).toMatch(/text-align:right[^>]*>3</);
  });

  it.skipIf(!hasDatasets)(
    `the Maven export: every period by default, this month is empty and says so, --as-of moves the clock ${hasDatasets ? '' : SKIP_REASON}`,
    () => {
      const all = start('--deals', MAVEN);
      expect(all.code, all.err).toBe(0);
      expect(all.out).toContain('sales_pipeline.csv → deals: id ← "opportunity_id", manager ← "sales_agent"');
      expect(all.out).toContain('unused: "product"');
      expect(all.out).toMatch(/Prospecting\s+8,800/);
      expect(all.out).toMatch(/sales_pipeline \(8,800 rows\)/);
      expectOneLine(
        start('--deals', MAVEN, '--period', 'this_month', '--as-of', '2026-11-27'),
        1,
        /^No deals were created in the period this_month \(2026-11-01 – 2026-11-27\): try --period all/,
      );
      const then = start('--deals', MAVEN, '--period', 'this_month', '--as-of', '2017-06-30');
      expect(then.code, then.err).toBe(0);
      expect(then.out).toContain('As of');
    },
  );

  it.skipIf(!hasDatasets)(
    `Olist's closed deals given as --deals are the deals (not "activities"), and it says what they lack ${hasDatasets ? '' : SKIP_REASON}`,
    () => {
      const run = start('--deals', OLIST_DEALS);
      expect(run.out).toMatch(/olist_closed_deals_dataset\.csv → deals:/);
      expectOneLine(run, 2, /olist_closed_deals_dataset\.csv: no column was recognised as stage/);
    },
  );

  it('--print-settings prints the detected settings, a settings.json to start from', () => {
    const run = start('--deals', file('deals.csv', 'Stage,Manager\nLead,Anna\nPaid,Boris\n'), '--print-settings');
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out.slice(run.out.indexOf('{')));
    expect(json.sources.deals).toMatchObject({ sheet: 'deals', columns: { stage: 'Stage', manager: 'Manager' } });
    expect(json.funnel).toEqual(['Lead', 'Paid']);
    const again = start(
      '--deals',
      join(dir, 'deals.csv'),
      '--settings',
      file('settings.json', JSON.stringify({ ...json, funnel: ['Lead', 'Meeting', 'Paid'] })),
    );
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/Meeting\s+1\s+50\.0%/);
    expect(again.out).not.toMatch(/not valid, the defaults used/);
  });
});

/** Windows-1251 bytes for Cyrillic and ASCII text (what Russian Excel saves). */
function iconv1251(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] = c < 0x80 ? c : c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : c >= 0x410 && c <= 0x44f ? c - 0x350 : 0x3f;
  }
  return bytes;
}

describe('npm run push names the step that is missing, in one line', () => {
  const home = mkdtempSync(join(tmpdir(), 'home-'));
  const project = mkdtempSync(join(tmpdir(), 'project-'));

  it('login first, then the project, then a real script id', async () => {
    const { missingStep } = await import('../scripts/push');
    expect(missingStep(project, home, undefined)).toBe('Not logged in to Google yet: run npx clasp login, then npm run push.');
    writeFileSync(join(home, '.clasprc.json'), '{}');
    expect(missingStep(project, home, undefined)).toMatch(
      /^No Apps Script project yet: run npx clasp create --type standalone --title "Sales KPI" --rootDir dist/,
    );
    writeFileSync(join(project, '.clasp.json'), '{"scriptId": "REPLACE_WITH_YOUR_SCRIPT_ID", "rootDir": "dist"}');
    expect(missingStep(project, home, undefined)).toMatch(/^\.clasp\.json has no script id/);
    writeFileSync(join(project, '.clasp.json'), '{"scriptId": "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "rootDir": "src"}');
    expect(missingStep(project, home, undefined)).toMatch(/must say "rootDir": "dist"/);
    writeFileSync(join(project, '.clasp.json'), '{"scriptId": "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "rootDir": "dist"}');
    expect(missingStep(project, home, undefined)).toBeNull();
  });

  it('ships no .clasp.json, so "clasp create" works in a fresh clone', () => {
    expect(spawnSync('git', ['ls-files', '.clasp.json'], { encoding: 'utf8' }).stdout.trim()).toBe('');
  });
});
