// Where the settings live: one document in document properties (src/properties.ts: generations of
// 8 KB parts and one pointer), the previous generation kept as the fallback; the layouts of earlier
// releases still read.
import { PART_BYTES, readStored, splitUtf8, utf8Length, writeStored, type PropertyStore, type StoredText } from '../properties';
import { parseSettingsDocument, type LoadedSettings } from './document';
import type { Settings } from './schema';
import { sealedJson } from './seal';
import { readStoredText, settingsForFunction, SETTINGS_KEY } from './stored';

export { POINTER_KEY, readStoredText, SETTINGS_KEY } from './stored';
/** The whole document: 12 parts (two generations stay well inside the 500 KB store). */
export const MAX_DOCUMENT_BYTES = 12 * PART_BYTES;
export { splitUtf8, type PropertyStore };

/**
 * The settings as a custom function needs them, at the least cost: null when none are stored (no
 * defaults built), one JSON.parse when the stored document's seal matches, else the full load.
 */
export function loadStoredSettings(store: Pick<PropertyStore, 'getProperties'>): Settings | null {
  return settingsForFunction(store.getProperties(), (stored) => loadFrom(stored).settings);
}

export function loadSettings(store: Pick<PropertyStore, 'getProperties'>): LoadedSettings {
  return loadFrom(readStoredText(store.getProperties()));
}

/** The full load (schema, migration, repair notes) of stored text already read. */
export function loadFrom(stored: StoredText): LoadedSettings {
  if (stored.kind === 'none') return parseSettingsDocument(null);
  if (stored.kind === 'damaged') return { ...parseSettingsDocument(null), stored: true, notes: [{ kind: 'unreadable' }], damagedText: stored.damaged };
  const loaded = parseSettingsDocument(stored.text);
  if (!stored.fellBack) return loaded;
  return { ...loaded, notes: [{ kind: 'fellBack' }, ...loaded.notes], damagedText: stored.damaged ?? undefined };
}

/** Thrown when a document is over the size limit: the caller tells the user, nothing is written. */
export class SettingsTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`settings document of ${bytes} bytes is over ${MAX_DOCUMENT_BYTES}`);
  }
}

/**
 * Saves a whole document. Callers that run in Apps Script hold the document lock (see shell.ts);
 * even without it, a save cut at any call leaves the previous document current.
 */
export function saveSettings(store: PropertyStore, settings: Settings): void {
  // Sealed: the schema validated it (every caller saves a parsed document), so readers may trust it.
  const json = sealedJson(JSON.stringify(settings));
  const bytes = utf8Length(json);
  if (bytes > MAX_DOCUMENT_BYTES) throw new SettingsTooLarge(bytes);
  const all = store.getProperties();
  writeStored(store, all, SETTINGS_KEY, json, true);
  // The layouts of earlier releases, now superseded.
  for (const key of Object.keys(all)) if (key === SETTINGS_KEY || key === `${SETTINGS_KEY}.chunks` || /^salesKpi\.settings\.\d+$/.test(key)) store.deleteProperty(key);
}

const DAMAGED_KEY = `${SETTINGS_KEY}.damaged`;

/** Keeps damaged text whole for recovery, as a document of its own (it may be larger than one property value). */
export function keepDamagedCopy(store: PropertyStore, text: string): void {
  writeStored(store, store.getProperties(), DAMAGED_KEY, text.slice(0, 2 * MAX_DOCUMENT_BYTES), false);
}

/** The damaged text kept by keepDamagedCopy, or null. */
export function readDamagedCopy(all: Record<string, string>): string | null {
  const stored = readStored(all, DAMAGED_KEY);
  return stored.kind === 'text' ? stored.text : null;
}
