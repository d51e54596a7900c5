// The layering (docs/CONTRIBUTING.md › The architecture), checked: the core imports no shell, the settings are loaded
// only at the edge, and every metric is documented by an example and tested.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CUT_AT_EVERY_CALL, NEVER_AGAIN, READINGS_FREE, TRIGGER_SUITES } from '../vitest.config';

const SRC = 'src';
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gm)].map((m) => m[1]);

/** The folders above the core: what tracker/ and metrics/ may never import. */
const SHELLS =
  /(^|\/)(settings|summary|i18n|watch|menu|sidebar|functions|sample)(\/|$)|(^|\/)(services|sheets|properties|main|core|entry)$/;

describe('the architecture', () => {
  it('tracker/ and metrics/ import no shell: no settings, summary, i18n, services or sheets', () => {
    const offenders: string[] = [];
    for (const file of [...files(join(SRC, 'tracker')), ...files(join(SRC, 'metrics'))]) {
      for (const spec of importsOf(file))
        if (spec.startsWith('.') && SHELLS.test(spec.replace(/^(\.\.?\/)+/, ''))) offenders.push(`${file} → ${spec}`);
      if (/\b(SpreadsheetApp|PropertiesService|ScriptApp|LockService|MailApp|Session)\./.test(readFileSync(file, 'utf8')))
        offenders.push(`${file} uses a service`);
    }
    expect(offenders).toEqual([]);
  });

  it('metrics/ imports only tracker/ and itself (and the error type)', () => {
    const offenders = files(join(SRC, 'metrics')).flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.') && !/^(\.\/|\.\.\/tracker\/|\.\.\/errors$)/.test(s))
        .map((s) => `${file} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the settings are loaded only at the edges: main.ts, and core.ts for a custom function (the storage defines the loader, shell.ts repairs)', () => {
    const callers = files(SRC).filter((file) => /\b(loadSettings(AtEntry)?|settingsForFunction)\(/.test(readFileSync(file, 'utf8')));
    expect(callers.sort()).toEqual([
      'src/core.ts',
      'src/main.ts',
      'src/settings/shell.ts',
      'src/settings/storage.ts',
      'src/settings/stored.ts',
    ]);
  });

  it('every exported metric has a JSDoc @example, and every metrics file a test file', () => {
    for (const file of files(join(SRC, 'metrics'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\n(\/\*\*[\s\S]*?\*\/\n)?export function (\w+)/g))
        expect(m[1] ?? '', `${file}: ${m[2]}`).toContain('@example');
      const test = join('test', 'metrics', file.split('/').pop()!.replace(/\.ts$/, '.test.ts'));
      expect(existsSync(test), test).toBe(true);
    }
  });

  it('no function in src/ is over 80 lines (docs/CONTRIBUTING.md › Lint and format)', () => {
    const long: string[] = [];
    for (const file of files(SRC)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (last - first + 1 > 80) long.push(`${file}:${first + 1} (${last - first + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it("the summary's files are each under 250 lines: a section has its own file", () => {
    const long = files(join(SRC, 'summary'))
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines >= 250)
      .map((f) => `${f.file} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });
});

/** Whether a vitest include pattern (a literal path, or a folder's every test file) takes `file`. */
const matches = (pattern: string, file: string) =>
  pattern.endsWith('/**/*.test.ts')
    ? file.startsWith(pattern.slice(0, -'**/*.test.ts'.length)) && file.endsWith('.test.ts')
    : pattern === file;

describe('the readings matrix (vitest.config.ts)', () => {
  it('every test that fires a trigger or runs a menu item is run again under the strictest readings, sets them itself, or says why not', () => {
    const touching = /fireDueTriggers|fireChange|fireFormSubmit|runScheduledJobs|runDue\(|\.run\('menu|sidebarSave|watchOnChange/;
    const listed = [...TRIGGER_SUITES, ...NEVER_AGAIN, ...Object.keys(READINGS_FREE)];
    const unlisted = files('test')
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('.test.ts') && f !== 'test/architecture.test.ts' && touching.test(readFileSync(f, 'utf8')))
      .filter((f) => !listed.some((p) => matches(p, f)));
    expect(unlisted).toEqual([]);
  });

  it('the suites that share their cuts among the in-between readings are the ones CUT_AT_EVERY_CALL names', () => {
    const sharing = files('test')
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('.test.ts') && /\bcutPoints\(/.test(readFileSync(f, 'utf8')));
    expect(sharing.sort()).toEqual([...CUT_AT_EVERY_CALL].sort());
  });
});
