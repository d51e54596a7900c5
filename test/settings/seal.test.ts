// The sealed settings document: a custom function reads it with one JSON.parse, never the schema;
// anything whose seal does not match is parsed and repaired as before.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../../src/settings/schema';
import { openSealed, sealedJson, SCHEMA_REVISION, textHash } from '../../src/settings/seal';
import { createHost } from '../../dev/host/index';
import { loadSettings, saveSettings, SETTINGS_KEY, type PropertyStore } from '../../src/settings/storage';
import { settingsForFunction } from '../../src/settings/stored';
import { readStored } from '../../src/properties';

/** A fresh spreadsheet's document properties, in the local host. */
const memoryStore = () => createHost().documentProperties;

const storedText = (store: PropertyStore) => {
  const stored = readStored(store.getProperties(), SETTINGS_KEY);
  return stored.kind === 'text' ? stored.text : '';
};

/** The settings as a custom function reads them, with the full load where Code.js would load the actions. */
const forFunction = (store: PropertyStore) => settingsForFunction(store.getProperties(), (stored) => loadSettings(stored).settings);

describe('the sealed settings document', () => {
  it('is saved with its seal first and read back whole without the schema', () => {
    const store = memoryStore();
    const settings = { ...defaultSettings(), funnel: ['Лид', 'Встреча', 'Оплата'], stalledDays: 21 };
    saveSettings(store, settings);
    const text = storedText(store);
    expect(text.startsWith(`{"seal":"${SCHEMA_REVISION}:`)).toBe(true);
    expect(forFunction(store)).toEqual(settings);
    expect(loadSettings(store).settings).toEqual(settings);
  });

  it('is trusted only when the seal matches: a sealed value the schema would refuse comes back as sealed', () => {
    // Proof that the schema does not run: a value it would repair survives a matching seal …
    const json = JSON.stringify({ ...defaultSettings(), stalledDays: -5 });
    expect(JSON.parse(openSealed(sealedJson(json))!).stalledDays).toBe(-5);
    // … and is repaired once the text no longer matches its seal.
    const store = memoryStore();
    saveSettings(store, defaultSettings());
    const tampered = sealedJson(json).replace('"stalledDays":-5', '"stalledDays":-6');
    store.deleteAllProperties();
    store.setProperty(SETTINGS_KEY, tampered);
    const loaded = loadSettings(store);
    expect(loaded.settings.stalledDays).toBe(14);
    expect(loaded.notes).toEqual([{ kind: 'repaired', fields: ['stalledDays'] }]);
    expect(forFunction(store)!.stalledDays).toBe(14);
  });

  it('a document of another schema revision, or with no seal, goes through the full parse', () => {
    const json = JSON.stringify(defaultSettings());
    const other = sealedJson(json).replace(`"seal":"${SCHEMA_REVISION}:`, `"seal":"${SCHEMA_REVISION - 1}:`);
    expect(openSealed(other)).toBeNull();
    expect(openSealed(json)).toBeNull();
    expect(openSealed('{"seal":"2:0000000000000000"}')).toBeNull();
  });

  it('any change of one character, at any place, changes the hash (the same length included)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (text, at, delta) => {
          const i = at % text.length;
          const changed = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + delta) % 0x10000) + text.slice(i + 1);
          expect(textHash(changed)).not.toBe(textHash(text));
        },
      ),
    );
  });

  it('a document cut short, or with a character more, is not trusted', () => {
    const sealed = sealedJson(JSON.stringify(defaultSettings()));
    expect(openSealed(sealed)).not.toBeNull();
    expect(openSealed(`${sealed.slice(0, -2)}}`)).toBeNull();
    expect(openSealed(sealed.replace('"version":', '"version": '))).toBeNull();
  });

  it('nothing stored: null, and no defaults are built', () => {
    expect(forFunction(memoryStore())).toBeNull();
  });

  it('the schema revision moves with the defaults (bump SCHEMA_REVISION in src/settings/seal.ts and record the new hash here)', () => {
    expect(`${SCHEMA_REVISION}:${textHash(JSON.stringify(defaultSettings()))}`).toBe(RECORDED);
  });
});

// The defaults of schema revision 4 (issue 33 added `bigquery`; 3: issue 27 the stage history and per-stage
// stalled days, issue 28 `weekly`; 2: issue 12's periods, lost_stage and stage dates), under the polynomial
// hash of issue 16 (documents sealed earlier are parsed, then sealed again).
const RECORDED = '4:c5e8fc30fbb84b9b';
