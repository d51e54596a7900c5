// Code.js and the actions (src/core.ts, src/main.ts): every execution evaluates Code.js, and only the
// executions that run a menu item, the sidebar or a trigger evaluate dist/Actions.html.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, DIST_DIR } from '../dev/host/index';
import { checkNoScriptletMarks, withoutHelp } from '../scripts/build';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';
import { defaultSettings } from '../src/settings/schema';
import { loadSettings, saveSettings, SETTINGS_KEY } from '../src/settings/storage';
import { runCut } from './helpers/faults';

const LOAD = 'HtmlService.createTemplateFromFile';
const code = () => readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
const actions = () => readFileSync(join(DIST_DIR, 'Actions.html'), 'utf8');

/** A client column and a status column whose one won word is the settings' own ("Closed-Done"). */
function repeatHost() {
  const host = createHost({ enabled: true });
  const clients = [['Acme'], ['Acme'], ['Bolt'], ['Bolt']];
  const statuses = [['Closed-Done'], ['Closed-Done'], ['Closed-Done'], ['']];
  return { host, repeat: () => host.runCustomFunction('REPEAT_RATE', clients, statuses) };
}

describe('Code.js holds only what a custom function needs', () => {
  it('is at most 120 KB and holds no zod (the schema is in the actions)', () => {
    expect(Buffer.byteLength(code())).toBeLessThanOrEqual(120 * 1024);
    expect(code()).not.toContain('_zod');
    expect(actions()).toContain('_zod');
  });

  it('carries each function’s help once, in its stub’s JSDoc, not again in the code', () => {
    const text = code();
    const bundle = text.slice(0, text.indexOf('\n/**'));
    for (const spec of CUSTOM_FUNCTIONS) {
      expect(text).toContain(spec.summary);
      expect(bundle).not.toContain(spec.summary);
      for (const p of spec.params) expect(bundle, `${spec.name} ${p.name}`).not.toContain(p.help);
    }
    expect(() => withoutHelp(`const a = { help: "double-quoted" };`, 'f.ts')).toThrow(
      'f.ts: 1 help fields are not single-quoted one-line strings',
    );
    expect(withoutHelp(`{ name: 'x', help: 'it\\'s kept out' }`, 'f.ts')).toBe(`{ name: 'x', help: '' }`);
  });

  it('a custom function with sealed settings, or none, loads the actions only to word a mistake', () => {
    const { host, repeat } = repeatHost();
    expect(host.runCustomFunction('PLAN_FACT', [[10], [10]], [[5], [10]])).toBe(0.75); // no settings stored
    saveSettings(host.documentProperties, { ...defaultSettings(), wonWords: ['Closed-Done'] });
    expect(repeat()).toBe(0.5); // Acme won twice, Bolt once
    expect(host.calls.count(LOAD)).toBe(0);
    saveSettings(host.documentProperties, defaultSettings());
    expect(repeat).toThrow(/^REPEAT_RATE: no client has a won deal/); // "Closed-Done" is no won word now
    expect(host.calls.count(LOAD)).toBe(1);
  });

  it('a custom function reads an unsealed document through the actions: the same answer, one load', () => {
    const { host, repeat } = repeatHost();
    // An earlier release's document: no seal, an older version that needs migrating.
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ funnel: 'Lead, Paid', wonWords: ['Closed-Done'] }));
    expect(repeat()).toBe(0.5);
    expect(host.calls.count(LOAD)).toBe(1);
    expect(host.calls.count('HtmlTemplate.getRawContent')).toBe(1);
  });

  it('an earlier release’s document is sealed again by the next action, unchanged; custom functions then read it without the actions', () => {
    const { host, repeat } = repeatHost();
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, wonWords: ['Closed-Done'], stalledDays: 21 }));
    const before = loadSettings(host.documentProperties);
    expect(before.sealed).toBeFalsy();
    host.run('sidebarLoad');
    const after = loadSettings(host.documentProperties);
    expect(after.sealed).toBe(true);
    expect(after.settings).toEqual(before.settings);
    host.calls.reset();
    expect(repeat()).toBe(0.5);
    expect(host.calls.count(LOAD)).toBe(0);
  });

  for (const fault of ['kill', 'failure'] as const) {
    it(`sealing an earlier release’s document again, with a ${fault} at each call: the document stays whole, and the next run seals it`, () => {
      const legacy = JSON.stringify({ version: 1, wonWords: ['Closed-Done'], stalledDays: 21 });
      const clean = createHost();
      clean.documentProperties.setProperty(SETTINGS_KEY, legacy);
      const expected = loadSettings(clean.documentProperties).settings;
      clean.run('sidebarLoad');
      const n = clean.lastRunCalls();
      for (let k = 1; k <= n; k++) {
        const host = createHost();
        host.documentProperties.setProperty(SETTINGS_KEY, legacy);
        runCut(host, fault, k, 'sidebarLoad');
        const left = loadSettings(host.documentProperties);
        expect(left.notes, `${fault} at call ${k}`).toEqual([]);
        expect(left.settings, `${fault} at call ${k}`).toEqual(expected);
        host.run('sidebarLoad');
        expect(loadSettings(host.documentProperties).sealed, `${fault} at call ${k}`).toBe(true);
        expect(loadSettings(host.documentProperties).settings, `${fault} at call ${k}`).toEqual(expected);
      }
    });
  }

  it('sealing again never fails the action it runs in: a failure at any of its calls leaves the action whole', () => {
    const legacy = JSON.stringify({ version: 1, wonWords: ['Closed-Done'], stalledDays: 21 });
    const clean = createHost();
    clean.documentProperties.setProperty(SETTINGS_KEY, legacy);
    const names: string[] = [];
    clean.calls.beforeAny((name) => names.push(name));
    const expected = clean.run('sidebarLoad');
    // The re-seal's calls: from its document lock to that lock's release.
    const first = names.indexOf('LockService.getDocumentLock');
    const last = names.indexOf('Lock.releaseLock', first);
    expect(first).toBeGreaterThan(-1);
    expect(last).toBeGreaterThan(first);
    for (let k = first + 1; k <= last + 1; k++) {
      const host = createHost();
      host.documentProperties.setProperty(SETTINGS_KEY, legacy);
      host.failAtCall(k);
      // The page's generation is the re-sealed save's, or (the re-seal cut) the legacy document's: both are saved over.
      const { generation, ...page } = host.run('sidebarLoad') as { generation: string; settings: unknown };
      const { generation: _sealed, ...expectedPage } = expected as { generation: string };
      expect(page, `failure at call ${k} (${names[k - 1]})`).toEqual(expectedPage);
      expect(loadSettings(host.documentProperties).notes, `failure at call ${k}`).toEqual([]);
      expect(host.run('sidebarSave', page.settings, generation), `save after a failure at call ${k}`).toMatchObject({ ok: true });
    }
  });

  it('evaluates the actions only when an action runs, once per run', () => {
    const host = createHost();
    host.open();
    expect(host.calls.count(LOAD)).toBe(0);
    host.run('menuInsertSample');
    host.run('menuBuildSummary');
    expect(host.calls.count(LOAD)).toBe(2);
    expect(host.book.sheet('KPI Summary') ?? host.book.sheet('Сводка KPI')).toBeTruthy();
  });

  it('says in one line when Code.js and Actions.html come from different builds', () => {
    const host = createHost();
    expect(() => host.script('return SalesKPI.runAction("menuRemoved", [])')).toThrow(
      /^Sales KPI: Actions\.html has no menuRemoved; .* push dist\/ again\.$/,
    );
  });
});

describe('the actions file', () => {
  it('the host reads a project file’s raw text (RULES.md 20): in a custom function too, never before the add-on is enabled, and a missing file fails', () => {
    const host = createHost();
    const raw = 'return HtmlService.createTemplateFromFile("Actions").getRawContent()';
    expect(host.script(raw)).toBe(actions());
    expect(host.script(raw, 'CUSTOM_FUNCTION')).toBe(actions());
    expect(() => host.script(raw, 'NONE')).toThrow('You do not have permission to call HtmlService.createTemplateFromFile');
    expect(() => host.script('return HtmlService.createTemplateFromFile("Nope")')).toThrow('No HTML file named Nope was found.');
  });

  it('holds no scriptlet mark, which Google’s templates would read as server code', () => {
    expect(() => checkNoScriptletMarks(actions())).not.toThrow();
    expect(() => checkNoScriptletMarks('var a="<?= x ?>"')).toThrow(/scriptlet mark at 7/);
  });
});
