// Where the settings live: document properties, in generations of parts of at most 8 KB (UTF-8).
// A save writes a new generation's parts, then one property that names it (the only step that
// makes it current), then removes generations older than the previous one. A save cut anywhere
// leaves the old document current; a damaged current generation falls back to the previous one.
import { parseSettingsDocument, type LoadedSettings } from './document';
import type { Settings } from './schema';

export const SETTINGS_KEY = 'salesKpi.settings';
/** The one property that names the current (and previous) generation. */
export const POINTER_KEY = `${SETTINGS_KEY}.current`;
const PART_PREFIX = `${SETTINGS_KEY}.g`;
/** Google's limit is 9 KB a value; parts stay at 8 KB of UTF-8 so that a key never tips one over. */
export const PART_BYTES = 8 * 1024;
/** The whole document: 12 parts (two generations stay well inside the 500 KB store). */
export const MAX_DOCUMENT_BYTES = 12 * PART_BYTES;

/** The part of PropertiesService's Properties the storage needs (a ten-line fake in tests). */
export interface PropertyStore {
  getProperties(): Record<string, string>;
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): unknown;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}

interface Generation {
  /** Generation id. */
  g: string;
  /** Number of parts. */
  n: number;
  /** Length of the whole JSON text, in characters: a truncated or missing part shows. */
  len: number;
}

interface Pointer {
  cur: Generation;
  prev: Generation | null;
}

/** What was read, before parsing: the text, or why there is none. */
export type StoredText =
  | { kind: 'none' }
  | { kind: 'text'; text: string; fellBack: boolean; damaged: string | null }
  | { kind: 'damaged'; damaged: string; why: string };

/** UTF-8 bytes of the character at i (4 for a surrogate pair, which then spans i and i + 1). */
function utf8Size(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 4 : 3;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const size = utf8Size(text, i);
    bytes += size;
    if (size === 4) i++;
  }
  return bytes;
}

/** Splits text into parts of at most `maxBytes` UTF-8 bytes, never inside a surrogate pair. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const size = utf8Size(text, i);
    const pair = size === 4;
    if (bytes + size > maxBytes) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (pair) i++;
  }
  parts.push(text.slice(start));
  return parts;
}

function readPointer(all: Record<string, string>): Pointer | null | 'damaged' {
  const raw = all[POINTER_KEY];
  if (raw === undefined) return null;
  try {
    const p = JSON.parse(raw) as Pointer;
    const ok = (g: Generation | null) => g === null || (typeof g === 'object' && typeof g.g === 'string' && Number.isInteger(g.n) && g.n > 0 && Number.isInteger(g.len));
    return p && ok(p.cur) && p.cur !== null && ok(p.prev ?? null) ? { cur: p.cur, prev: p.prev ?? null } : 'damaged';
  } catch {
    return 'damaged';
  }
}

/** Numbered parts `prefix0 … prefix(n-1)` joined, and how many were missing. */
function joinParts(all: Record<string, string>, prefix: string, n: number): { text: string; missing: number } {
  let text = '';
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const part = all[`${prefix}${i}`];
    if (part === undefined) missing++;
    else text += part;
  }
  return { text, missing };
}

/** The text of a generation, or what is wrong with it (and what was there). */
function readGeneration(all: Record<string, string>, gen: Generation): { text: string } | { damaged: string; why: string } {
  const { text, missing } = joinParts(all, `${PART_PREFIX}${gen.g}.`, gen.n);
  if (missing) return { damaged: text, why: `${missing} of ${gen.n} parts missing` };
  if (text.length !== gen.len) return { damaged: text, why: `${text.length} of ${gen.len} characters` };
  return { text };
}

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
  const pointer = readPointer(all);
  if (pointer === null) {
    // Parts without the pointer that names them: reported, never taken for "no settings".
    const orphans = Object.keys(all).filter((k) => k.startsWith(PART_PREFIX)).sort();
    if (orphans.length) return { kind: 'damaged', damaged: orphans.map((k) => all[k]).join(''), why: 'the pointer is missing' };
    return readLegacy(all);
  }
  if (pointer === 'damaged') return { kind: 'damaged', damaged: all[POINTER_KEY] ?? '', why: 'the pointer is unreadable' };
  const current = readGeneration(all, pointer.cur);
  if ('text' in current) return { kind: 'text', text: current.text, fellBack: false, damaged: null };
  const previous = pointer.prev ? readGeneration(all, pointer.prev) : null;
  if (previous && 'text' in previous) return { kind: 'text', text: previous.text, fellBack: true, damaged: current.damaged };
  return { kind: 'damaged', damaged: current.damaged, why: current.why };
}

export function loadSettings(store: Pick<PropertyStore, 'getProperties'>): LoadedSettings {
  const stored = readStoredText(store.getProperties());
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

let generationSeq = 0;
function newGenerationId(previous: string | undefined): string {
  // Unique enough across executions (time + random) and never equal to the one it replaces.
  let id: string;
  do id = `${Date.now().toString(36)}${(generationSeq++ % 1296).toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;
  while (id === previous);
  return id;
}

/**
 * Saves a whole document. Callers that run in Apps Script hold the document lock (see shell.ts);
 * even without it, a save cut at any call leaves the previous document current.
 */
export function saveSettings(store: PropertyStore, settings: Settings): void {
  const json = JSON.stringify(settings);
  const bytes = utf8Length(json);
  if (bytes > MAX_DOCUMENT_BYTES) throw new SettingsTooLarge(bytes);
  const all = store.getProperties();
  const pointer = readPointer(all);
  const current = pointer && pointer !== 'damaged' ? pointer.cur : null;
  const gen: Generation = { g: newGenerationId(current?.g), n: 0, len: json.length };
  const parts = splitUtf8(json, PART_BYTES);
  gen.n = parts.length;
  const values: Record<string, string> = {};
  parts.forEach((part, i) => (values[`${PART_PREFIX}${gen.g}.${i}`] = part));
  store.setProperties(values);
  // The one step that makes the new document current; the previous stays as the fallback.
  const currentIntact = current && 'text' in readGeneration(all, current) ? current : null;
  store.setProperty(POINTER_KEY, JSON.stringify({ cur: gen, prev: currentIntact }));
  const keep = new Set([gen.g, currentIntact?.g]);
  for (const key of Object.keys(all)) {
    const m = key.startsWith(PART_PREFIX) ? /^salesKpi\.settings\.g([^.]+)\.\d+$/.exec(key) : null;
    const legacy = key === SETTINGS_KEY || key === `${SETTINGS_KEY}.chunks` || /^salesKpi\.settings\.\d+$/.test(key);
    if ((m && !keep.has(m[1])) || legacy) store.deleteProperty(key);
  }
}

const DAMAGED_PREFIX = `${SETTINGS_KEY}.damaged.`;

/** Keeps damaged text whole, in parts, for recovery (it may be larger than one property value). */
export function keepDamagedCopy(store: PropertyStore, text: string): void {
  const parts = splitUtf8(text, PART_BYTES).slice(0, 24);
  const values: Record<string, string> = { [`${DAMAGED_PREFIX}count`]: String(parts.length) };
  parts.forEach((part, i) => (values[`${DAMAGED_PREFIX}${i}`] = part));
  store.setProperties(values);
}

/** The damaged text kept by keepDamagedCopy, or null. */
export function readDamagedCopy(all: Record<string, string>): string | null {
  const n = Number(all[`${DAMAGED_PREFIX}count`]);
  return Number.isInteger(n) && n > 0 ? joinParts(all, DAMAGED_PREFIX, n).text : null;
}
