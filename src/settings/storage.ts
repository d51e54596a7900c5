// Where the settings live: one document in document properties (src/properties.ts: generations of
// 8 KB parts and one pointer), the previous generation kept as the fallback; the layouts of earlier
// releases still read.
import { joinParts, PART_BYTES, readStored, splitUtf8, utf8Length, writeStored, type PropertyStore, type StoredText } from '../properties';
import { parseSettingsDocument, type LoadedSettings } from './document';
import type { Settings } from './schema';
import { openSealed, sealedJson } from './seal';

export const SETTINGS_KEY = 'salesKpi.settings';
/** The one property that names the current (and previous) generation. */
export const POINTER_KEY = `${SETTINGS_KEY}.current`;
/** The whole document: 12 parts (two generations stay well inside the 500 KB store). */
export const MAX_DOCUMENT_BYTES = 12 * PART_BYTES;
export { splitUtf8, type PropertyStore };

/** The pre-generation layouts: one value, or `.chunks` + `.0…`; a missing part or count is reported. */
function readLegacy(all: Record<string, string>): StoredText {
  const count = all[`${SETTINGS_KEY}.chunks`];
  if (count === undefined) {
    const single = all[SETTINGS_KEY];
    if (single !== undefined) return { kind: 'text', text: single, fellBack: false, damaged: null };
    const parts = Object.keys(all).filter((k) => /^salesKpi\.settings\.\d+$/.test(k)).sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
    return parts.length ? { kind: 'damaged', damaged: parts.map((k) => all[k]).join(''), why: 'the part count is missing' } : { kind: 'none' };
  }
  const n = Number(count);
  const parts = Number.isInteger(n) && n > 0 ? n : 0;
  const { text, missing } = joinParts(all, `${SETTINGS_KEY}.`, parts);
  if (!parts) return { kind: 'damaged', damaged: text, why: `part count "${count}"` };
  return missing ? { kind: 'damaged', damaged: text, why: `${missing} of ${parts} parts missing` } : { kind: 'text', text, fellBack: false, damaged: null };
}

/** Reads the stored text from one getProperties() result: one settings read. */
export function readStoredText(all: Record<string, string>): StoredText {
  const stored = readStored(all, SETTINGS_KEY);
  return stored.kind === 'none' ? readLegacy(all) : stored;
}

/**
 * The settings as a custom function needs them, at the least cost: null when none are stored (no
 * defaults built), one JSON.parse when the stored document's seal matches, else the full load.
 */
export function loadStoredSettings(store: Pick<PropertyStore, 'getProperties'>): Settings | null {
  const stored = readStoredText(store.getProperties());
  if (stored.kind === 'none') return null;
  if (stored.kind === 'text' && !stored.fellBack) {
    const json = openSealed(stored.text);
    if (json !== null) return JSON.parse(json) as Settings;
  }
  return loadFrom(stored).settings;
}

export function loadSettings(store: Pick<PropertyStore, 'getProperties'>): LoadedSettings {
  return loadFrom(readStoredText(store.getProperties()));
}

function loadFrom(stored: StoredText): LoadedSettings {
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
