// Where the settings live: one document in document properties (src/properties.ts: generations of
// 8 KB parts and one pointer), the previous generation kept as the fallback; the layouts of earlier
// releases still read.
//
// The settings are loaded three ways, and only these three:
// - settingsForFunction (stored.ts) — a custom function's: no schema, one JSON.parse of a sealed
//   document, null when nothing is stored; anything else goes to the full load, in the actions.
// - loadSettings (here) — the full load: schema, migration and repair notes, from the store or from
//   text already read from it. It changes nothing stored.
// - loadSettingsAtEntry (shell.ts) — an entry point's (main.ts): the full load, then a damaged
//   document repaired, saved and told to the user. Nothing below the entry points loads settings.
import {
  currentGeneration,
  PART_BYTES,
  readStored,
  splitUtf8,
  utf8Length,
  writeStored,
  type PropertyStore,
  type StoredText,
} from '../properties';
import { parseSettingsDocument, type LoadedSettings } from './document';
import type { Settings } from './schema';
import { sealedJson, settingsTextIntact } from './seal';
import { readStoredText, SETTINGS_KEY } from './stored';

export { POINTER_KEY, readStoredText, SETTINGS_KEY } from './stored';
/** The whole document: 12 parts (two generations stay well inside the 500 KB store). */
export const MAX_DOCUMENT_BYTES = 12 * PART_BYTES;
export { splitUtf8, type PropertyStore };

/**
 * The full load (schema, migration, repair notes) of the settings in `from`: a store, read once, or
 * the text a caller already read from one (readStoredText).
 */
export function loadSettings(from: Pick<PropertyStore, 'getProperties'> | StoredText): LoadedSettings {
  const stored = 'kind' in from ? from : readStoredText(from.getProperties());
  if (stored.kind === 'none') return parseSettingsDocument(null);
  if (stored.kind === 'damaged') return salvage(stored.damaged);
  const loaded = parseSettingsDocument(stored.text);
  if (!stored.fellBack) return loaded;
  return { ...loaded, notes: [{ kind: 'fellBack' }, ...loaded.notes], damagedText: stored.damaged ?? undefined };
}

/**
 * No whole generation is left: what can still be read of the damaged text is used (a text whose
 * seal no longer matches may be valid JSON with one value changed), repaired field by field and
 * reported — the defaults only when nothing of it reads. The text itself is kept (damagedText).
 */
function salvage(damaged: string): LoadedSettings {
  const unsealed = damaged.replace(/^\{"seal":"[^"]*",/, '{');
  const loaded = parseSettingsDocument(unsealed === '' ? null : unsealed);
  const readable = loaded.stored && !loaded.notes.some((n) => n.kind === 'unreadable');
  if (!readable) return { ...parseSettingsDocument(null), stored: true, notes: [{ kind: 'unreadable' }], damagedText: damaged };
  return {
    ...loaded,
    sealed: false,
    notes: [{ kind: 'salvaged' }, ...loaded.notes.filter((n) => n.kind !== 'repaired' || n.fields.length)],
    damagedText: damaged,
  };
}

/** Google's limit on one property store (RULES.md rule 13), counted as the host counts it: UTF-8 bytes of keys and values. */
export const STORE_BYTES = 500 * 1024;

export function storeBytes(all: Record<string, string>): number {
  let total = 0;
  for (const [key, value] of Object.entries(all)) total += utf8Length(key) + utf8Length(value);
  return total;
}

/** Bytes a document of `bytes` takes in the store with its part keys (each under 64 bytes). */
const storedSize = (bytes: number) => bytes + Math.ceil(bytes / PART_BYTES + 1) * 64;

/** Thrown when a document is over the size limit: the caller tells the user, nothing is written. */
export class SettingsTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`settings document of ${bytes} bytes is over ${MAX_DOCUMENT_BYTES}`);
  }
}

/** Thrown when the store has no room for one more generation beside the current one: nothing is written. */
export class SettingsStoreFull extends Error {
  constructor(
    readonly needed: number,
    readonly free: number,
  ) {
    super(`the document properties have ${free} bytes free; a save needs ${needed}`);
  }
}

/** Thrown when a page saves over a document saved after it loaded: nothing is written. */
export class SettingsChangedMeanwhile extends Error {
  constructor() {
    super('the settings were saved by someone else after this page loaded them');
  }
}

/** The generation a page loaded its settings from ('' when none is stored): it sends it back with Save. */
export function settingsGeneration(all: Record<string, string>): string {
  return currentGeneration(all, SETTINGS_KEY);
}

/**
 * Saves a whole document and returns its generation. Callers that run in Apps Script hold the
 * document lock (see shell.ts); even without it, a save cut at any call leaves the previous document
 * current. With `loadedFrom`, a save over a generation other than that one is refused.
 */
export function saveSettings(store: PropertyStore, settings: Settings, loadedFrom?: string): string {
  // Sealed: the schema validated it (every caller saves a parsed document), so readers may trust it.
  const json = sealedJson(JSON.stringify(settings));
  const bytes = utf8Length(json);
  if (bytes > MAX_DOCUMENT_BYTES) throw new SettingsTooLarge(bytes);
  const all = store.getProperties();
  if (loadedFrom !== undefined && loadedFrom !== settingsGeneration(all)) throw new SettingsChangedMeanwhile();
  // The new generation is written beside the current one before the older goes.
  const free = STORE_BYTES - storeBytes(all);
  if (storedSize(bytes) > free) throw new SettingsStoreFull(storedSize(bytes), free);
  const gen = writeStored(store, all, SETTINGS_KEY, json, true, settingsTextIntact);
  // The layouts of earlier releases, now superseded.
  for (const key of Object.keys(all))
    if (key === SETTINGS_KEY || key === `${SETTINGS_KEY}.chunks` || /^salesKpi\.settings\.\d+$/.test(key)) store.deleteProperty(key);
  return gen.g;
}

const DAMAGED_KEY = `${SETTINGS_KEY}.damaged`;
/** Room a damaged copy leaves free: one more settings save and a notice. */
export const RESERVE_BYTES = storedSize(MAX_DOCUMENT_BYTES) + 2 * PART_BYTES;

/** How much of a damaged text is kept: all of it, or (the store near full) its first `chars` characters. */
export interface KeptCopy {
  chars: number;
  of: number;
}

/**
 * What of `text` a damaged copy may keep: at most two documents' worth, and only what leaves room
 * for a save and the watch's memory beside it — never enough to fill the 500 KB store.
 */
export function damagedCopySize(all: Record<string, string>, text: string): KeptCopy {
  // Kept already (by a run cut before its repair was saved): kept as it is.
  const old = readDamagedCopy(all);
  if (old && text.startsWith(old)) return { chars: old.length, of: text.length };
  const room = Math.min(2 * MAX_DOCUMENT_BYTES, STORE_BYTES - storeBytes(all) - RESERVE_BYTES);
  if (room <= 0) return { chars: 0, of: text.length };
  const fits = utf8Length(text) + 1024 <= room ? text : splitUtf8(text, Math.max(0, room - 1024))[0];
  return { chars: fits.length, of: text.length };
}

/** Keeps damaged text for recovery as a document of its own, bounded as damagedCopySize says. */
export function keepDamagedCopy(store: PropertyStore, text: string, sized?: KeptCopy): KeptCopy {
  const all = store.getProperties();
  const kept = sized ?? damagedCopySize(all, text);
  if (kept.chars > 0 && readDamagedCopy(all) !== text.slice(0, kept.chars))
    writeStored(store, all, DAMAGED_KEY, text.slice(0, kept.chars), false);
  return kept;
}

/** The damaged text kept by keepDamagedCopy, or null. */
export function readDamagedCopy(all: Record<string, string>): string | null {
  const stored = readStored(all, DAMAGED_KEY);
  return stored.kind === 'text' ? stored.text : null;
}

const NOTICE_KEY = `${SETTINGS_KEY}.notice`;

/** What a repair did, kept until someone reads it in the sidebar: the notes, what of the text was kept, and when. */
export interface RepairNotice {
  at: number;
  notes: LoadedSettings['notes'];
  kept: KeptCopy | null;
}

/** The repair notice waiting to be read, or null. */
export function readRepairNotice(all: Record<string, string>): RepairNotice | null {
  try {
    const notice = JSON.parse(all[NOTICE_KEY] ?? 'null') as RepairNotice | null;
    return notice && typeof notice.at === 'number' && Array.isArray(notice.notes) ? notice : null;
  } catch {
    return null;
  }
}

/** One property, bounded (a long list of repaired fields is cut): written before the repair it tells of. */
export function writeRepairNotice(store: PropertyStore, notice: RepairNotice): void {
  const notes = notice.notes.map((n) => (n.kind === 'repaired' ? { ...n, fields: n.fields.slice(0, 20) } : n));
  store.setProperty(NOTICE_KEY, JSON.stringify({ ...notice, notes }));
}

/** The notice read: removed, unless a newer repair replaced it meanwhile. */
export function clearRepairNotice(store: PropertyStore, at: number): void {
  const notice = readRepairNotice(store.getProperties());
  if (notice && notice.at === at) store.deleteProperty(NOTICE_KEY);
}
