// Storage never loses a document (docs/settings.md, "How the settings are stored"): two saves at once, a save killed or failing at any
// call, a truncated or missing part — afterwards a load gives one whole document, the old or the new.
import { describe, expect, it } from 'vitest';
import { cutPoints, everyCall } from '../helpers/cuts';
import { createHost, RunKilled, type Host } from '../../dev/host/index';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { loadSettings, POINTER_KEY, readDamagedCopy, saveSettings, SETTINGS_KEY, splitUtf8 } from '../../src/settings/storage';

/** A document big enough for several parts: a department of 100 managers, in Russian. */
function department(label: string): Settings {
  const s = defaultSettings();
  s.funnel = ['Лид', 'Квалификация', 'Встреча', 'КП', 'Счёт', 'Оплата'];
  s.sources.deals = { sheet: `Сделки ${label}`, columns: { stage: 'Этап', manager: 'Ответственный', amount: 'Бюджет' }, stageColumns: [] };
  s.sla.minutes = 15;
  s.sla.rotation = Array.from({ length: 100 }, (_, i) => ({
    manager: `Менеджер ${label} Константинопольский ${i}`,
    email: `m${i}@example.com`,
    onDuty: i % 3 !== 0,
  }));
  s.plans = Array.from({ length: 100 }, (_, i) => ({
    manager: `Менеджер ${label} Константинопольский ${i}`,
    touchesPerWeek: 30,
    dealsPerMonth: 12,
    revenuePerMonth: 2_500_000,
  }));
  return s;
}

const OLD = department('старый');
const NEW = department('новый');
const OTHER = { ...department('другой'), stalledDays: 21 };

function hostWith(settings: Settings): Host {
  const host = createHost();
  saveSettings(host.documentProperties, settings);
  return host;
}

const stored = (host: Host) => loadSettings(host.documentProperties);

/** The service calls one save from the sidebar makes, alone: as injection points (a multi-key write counts once per key), and as calls. */
function callsOfOneSave(kind: 'injection' | 'calls' = 'injection'): number {
  const host = hostWith(OLD);
  host.calls.reset();
  host.run('sidebarSave', NEW);
  expect(stored(host).settings).toEqual(NEW);
  return kind === 'injection' ? host.lastRunCalls() : host.calls.total();
}

describe('a save', () => {
  it('is bounded and sized in bytes: 100 managers with plans and a rotation, in Russian, fit', () => {
    const host = hostWith(OLD);
    expect(host.run('sidebarSave', NEW)).toMatchObject({ ok: true });
    expect(stored(host)).toMatchObject({ settings: NEW, notes: [] });
  });

  it('killed at any of its calls leaves the old document or the new one, never a mix, never the defaults; the next save works', () => {
    const n = callsOfOneSave();
    expect(n).toBeGreaterThan(5);
    const outcomes = new Set<string>();
    for (const k of cutPoints(n)) {
      const host = hostWith(OLD);
      host.killAtCall(k);
      expect(() => host.run('sidebarSave', NEW), `kill at call ${k}`).toThrow(RunKilled);
      const after = stored(host);
      expect(after.notes, `kill at call ${k}`).toEqual([]);
      expect([OLD, NEW], `kill at call ${k}`).toContainEqual(after.settings);
      outcomes.add(JSON.stringify(after.settings) === JSON.stringify(OLD) ? 'old' : 'new');
      expect(host.run('sidebarSave', OTHER), `save after a kill at ${k}`).toMatchObject({ ok: true });
      expect(stored(host).settings).toEqual(OTHER);
    }
    // Both outcomes occur among all the calls (a share of them, under an in-between reading, may hold one).
    if (everyCall()) expect([...outcomes].sort()).toEqual(['new', 'old']);
  });

  it('failing at any of its calls leaves the old document or the new one', () => {
    const n = callsOfOneSave();
    for (const k of cutPoints(n)) {
      const host = hostWith(OLD);
      host.failAtCall(k);
      try {
        host.run('sidebarSave', NEW);
      } catch {
        // a failed save may say so; what matters is what is stored
      }
      expect([OLD, NEW], `failure at call ${k}`).toContainEqual(stored(host).settings);
      expect(stored(host).notes).toEqual([]);
    }
  });

  it('two saves at once, interleaved at every call of the first: one whole document, never a mix', () => {
    const n = callsOfOneSave('calls');
    for (const k of cutPoints(n)) {
      const host = hostWith(OLD);
      let call = 0;
      let second: unknown = null;
      const remove = host.calls.beforeAny(() => {
        if (++call !== k) return;
        remove();
        second = host.as('chloe@example.com').run('sidebarSave', OTHER);
      });
      const first = host.run('sidebarSave', NEW) as { ok: boolean };
      remove();
      expect(second, `second save at call ${k}`).not.toBeNull();
      const after = stored(host);
      expect(after.notes, `second save at call ${k}`).toEqual([]);
      expect([NEW, OTHER], `second save at call ${k}`).toContainEqual(after.settings);
      // Whoever did not get the lock was told so, and nothing of theirs was half-written.
      const results = [first as { ok: boolean; errors?: { message: string }[] }, second as { ok: boolean; errors?: { message: string }[] }];
      expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
      for (const r of results) if (!r.ok) expect(r.errors![0].message).toMatch(/being saved by someone else/);
    }
  });

  it('a payload that is not a whole settings document is refused, and nothing changes', () => {
    const host = hostWith(OLD);
    for (const draft of [{}, [], null, 'x', { version: 1, funnel: ['A', 'B'] }]) {
      const result = host.run('sidebarSave', draft) as { ok: boolean; errors: { message: string }[] };
      expect(result.ok).toBe(false);
      expect(result.errors[0].message).toMatch(/not a whole settings document/);
    }
    expect(stored(host).settings).toEqual(OLD);
  });

  it('refuses column maps with roles we do not know (an unbounded map would slow every formula)', () => {
    const host = hostWith(OLD);
    const draft = JSON.parse(JSON.stringify(NEW));
    draft.sources.deals.columns = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`role${i}`, 'x']));
    expect((host.run('sidebarSave', draft) as { ok: boolean }).ok).toBe(false);
    expect(stored(host).settings).toEqual(OLD);
  });

  it('a document over the size limit gets a clear message and nothing is written', () => {
    const host = hostWith(OLD);
    const big = department('x'.repeat(150));
    const words = (n: number) => Array.from({ length: n }, (_, i) => `слово ${i} `.padEnd(190, 'ж'));
    big.effectiveTouches = words(100);
    big.wonWords = words(50);
    big.lostWords = words(50);
    const result = host.run('sidebarSave', big) as { ok: boolean; errors: { message: string }[] };
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/too large to save \(\d+ KB; at most 96 KB\)/);
    expect(stored(host).settings).toEqual(OLD);
  });
});

describe('a damaged store', () => {
  const partKeys = (host: Host) => Object.keys(host.documentProperties.getProperties()).filter((k) => /\.g[^.]+\.\d+$/.test(k));
  const current = (host: Host) => JSON.parse(host.documentProperties.getProperty(POINTER_KEY)!).cur as { g: string; n: number };

  it('a truncated part of the latest save: the previous document is used, with a message, and the damaged text is kept', () => {
    const host = hostWith(OLD);
    saveSettings(host.documentProperties, NEW);
    const key = `${SETTINGS_KEY}.g${current(host).g}.1`;
    host.documentProperties.setProperty(key, host.documentProperties.getProperty(key)!.slice(0, 100));
    expect(stored(host)).toMatchObject({ settings: OLD, notes: [{ kind: 'fellBack' }] });
    host.setSheet('Deals', [['Этап'], ['Лид']]);
    host.run('menuBuildSummary');
    expect(host.book.toasts.map((t) => t.message).join('\n')).toMatch(/previous settings are in use/);
    expect(readDamagedCopy(host.documentProperties.getProperties())!.length).toBeGreaterThan(8_000);
    expect(stored(host)).toMatchObject({ settings: OLD, notes: [] });
  });

  it('a missing part or a wrong part count of the latest save: the previous document', () => {
    for (const damage of ['delete', 'count'] as const) {
      const host = hostWith(OLD);
      saveSettings(host.documentProperties, NEW);
      const cur = current(host);
      if (damage === 'delete') host.documentProperties.deleteProperty(`${SETTINGS_KEY}.g${cur.g}.0`);
      else {
        const pointer = JSON.parse(host.documentProperties.getProperty(POINTER_KEY)!);
        pointer.cur.n -= 1;
        host.documentProperties.setProperty(POINTER_KEY, JSON.stringify(pointer));
      }
      expect(stored(host), damage).toMatchObject({ settings: OLD, notes: [{ kind: 'fellBack' }] });
    }
  });

  it('parts whose pointer is gone are not taken for "no settings": the whole generation among them is the document, reported', () => {
    const host = hostWith(NEW);
    expect(partKeys(host).length).toBeGreaterThan(1);
    host.documentProperties.deleteProperty(POINTER_KEY);
    const loaded = stored(host);
    expect(loaded.notes).toEqual([{ kind: 'fellBack' }]);
    expect(loaded.settings).toEqual(NEW);
  });

  it('parts no pointer names beside an earlier release’s single-value document: the first save into parts was cut, so that document is current', () => {
    const host = hostWith(NEW);
    host.documentProperties.deleteProperty(POINTER_KEY);
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({ version: 1, stalledDays: 21 }));
    const loaded = stored(host);
    expect(loaded.notes).toEqual([]);
    expect(loaded.settings.stalledDays).toBe(21);
  });

  it('an old chunked document without its count is reported too', () => {
    const host = createHost();
    host.documentProperties.setProperty(`${SETTINGS_KEY}.0`, '{"version":1,');
    expect(stored(host).notes).toEqual([{ kind: 'unreadable' }]);
  });
});

describe('repair, per field and per item', () => {
  const damagedWith = (change: (doc: Record<string, any>) => void) => {
    const doc = JSON.parse(JSON.stringify(NEW));
    change(doc);
    const host = createHost();
    // Stored as the previous release did: `.chunks` and numbered parts.
    const parts = splitUtf8(JSON.stringify(doc), 8 * 1024);
    host.documentProperties.setProperty(`${SETTINGS_KEY}.chunks`, String(parts.length));
    parts.forEach((part, i) => host.documentProperties.setProperty(`${SETTINGS_KEY}.${i}`, part));
    return stored(host);
  };

  it('one bad rotation e-mail drops that e-mail, not the SLA section', () => {
    const loaded = damagedWith((d) => (d.sla.rotation[3].email = 'not an address'));
    expect(loaded.notes).toEqual([{ kind: 'repaired', fields: ['sla.rotation[3].email'] }]);
    expect(loaded.settings.sla.minutes).toBe(15);
    expect(loaded.settings.sla.rotation).toHaveLength(100);
    expect(loaded.settings.sla.rotation[3]).toEqual({ ...NEW.sla.rotation[3], email: '' });
  });

  it('one bad column mapping drops that mapping, not the sources', () => {
    const loaded = damagedWith((d) => (d.sources.deals.columns.amount = 42));
    expect(loaded.settings.sources.deals!.columns).toEqual({ stage: 'Этап', manager: 'Ответственный' });
    expect(loaded.settings.sources.deals!.sheet).toBe(NEW.sources.deals!.sheet);
  });

  it('two bad neighbours are judged one by one: both dropped, the other 98 kept', () => {
    const loaded = damagedWith((d) => {
      d.sla.rotation[3] = 'nobody';
      d.sla.rotation[4].manager = '';
    });
    expect(loaded.settings.sla.rotation).toHaveLength(98);
    expect(loaded.settings.sla.rotation[3]).toEqual(NEW.sla.rotation[5]);
    expect(loaded.settings.sla.minutes).toBe(15);
  });

  it('an item that cannot be mended is dropped, the rest of the list kept', () => {
    const loaded = damagedWith((d) => (d.sla.rotation[5] = 'nobody'));
    expect(loaded.settings.sla.rotation).toHaveLength(99);
    expect(loaded.settings.plans).toHaveLength(100);
  });
});
