// A text document in document properties that a save cut anywhere can never damage: parts of at
// most 8 KB (UTF-8) under a new generation, then one pointer property that names it (the only step
// that makes it current), then the older generations removed. Used by the settings and the lead watch.

/** The part of PropertiesService's Properties the stores need (a ten-line fake in tests). */
export interface PropertyStore {
  getProperties(): Record<string, string>;
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): unknown;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}

/** Google's limit is 9 KB a value; parts stay at 8 KB of UTF-8 so that a key never tips one over. */
export const PART_BYTES = 8 * 1024;

export interface Generation {
  /** Generation id. */
  g: string;
  /** Number of parts. */
  n: number;
  /** Length of the whole text, in characters: a truncated or missing part shows. */
  len: number;
}

interface Pointer {
  cur: Generation;
  prev: Generation | null;
}

/**
 * What was read: the text, or why there is none. `generation` names the generation the text came
 * from (a save can then say which one it was loaded from); `damaged` is text that could not be used.
 */
export type StoredText =
  | { kind: 'none' }
  | { kind: 'text'; text: string; fellBack: boolean; damaged: string | null; generation?: Generation }
  | { kind: 'damaged'; damaged: string; why: string };

/** Whether a generation's joined text is whole (e.g. its seal matches); without one, a complete generation is trusted. */
export type VerifyText = (text: string) => boolean;

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
    if (bytes + size > maxBytes) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (size === 4) i++;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Numbered parts `prefix0 … prefix(n-1)` joined, and how many were missing. */
export function joinParts(all: Record<string, string>, prefix: string, n: number): { text: string; missing: number } {
  let text = '';
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const part = all[`${prefix}${i}`];
    if (part === undefined) missing++;
    else text += part;
  }
  return { text, missing };
}

/** The keys of one stored document: its pointer, and the prefix of its parts (`<prefix>.g<id>.<i>`). */
export function storeKeys(prefix: string) {
  return { pointer: `${prefix}.current`, parts: `${prefix}.g` };
}

/** The generation a key is a part of, or null when it is not one of this document's parts. */
function generationOf(key: string, partsPrefix: string): string | null {
  if (!key.startsWith(partsPrefix)) return null;
  const rest = key.slice(partsPrefix.length);
  const dot = rest.indexOf('.');
  return dot > 0 && /^\d+$/.test(rest.slice(dot + 1)) ? rest.slice(0, dot) : null;
}

function readPointer(raw: string | undefined): Pointer | null | 'damaged' {
  if (raw === undefined) return null;
  try {
    const p = JSON.parse(raw) as Pointer;
    const ok = (g: Generation | null) =>
      g === null || (typeof g === 'object' && typeof g.g === 'string' && Number.isInteger(g.n) && g.n > 0 && Number.isInteger(g.len));
    return p?.cur && ok(p.cur) && ok(p.prev ?? null) ? { cur: p.cur, prev: p.prev ?? null } : 'damaged';
  } catch {
    return 'damaged';
  }
}

/** The text of a generation, or what is wrong with it (and what was there). */
function readGeneration(
  all: Record<string, string>,
  prefix: string,
  gen: Generation,
  verify?: VerifyText,
): { text: string } | { damaged: string; why: string } {
  const { text, missing } = joinParts(all, `${storeKeys(prefix).parts}${gen.g}.`, gen.n);
  if (missing) return { damaged: text, why: `${missing} of ${gen.n} parts missing` };
  if (text.length !== gen.len) return { damaged: text, why: `${text.length} of ${gen.len} characters` };
  if (verify && !verify(text)) return { damaged: text, why: 'its text does not match its seal' };
  return { text };
}

/**
 * Every generation whose parts are in the store, newest first (ids start with the save's time as 8
 * base-36 digits, then a sequence: a greater id is a later save), each with the parts 0… found in a row.
 */
function generationsInStore(all: Record<string, string>, prefix: string): Generation[] {
  const { parts } = storeKeys(prefix);
  const ids = new Set<string>();
  for (const key of Object.keys(all)) {
    const g = generationOf(key, parts);
    if (g !== null) ids.add(g);
  }
  return [...ids]
    .sort((a, b) =>
      a.slice(0, 8) < b.slice(0, 8) ? 1 : a.slice(0, 8) > b.slice(0, 8) ? -1 : b.length - a.length || (a < b ? 1 : a > b ? -1 : 0),
    )
    .map((g) => {
      let n = 0;
      let len = 0;
      while (all[`${parts}${g}.${n}`] !== undefined) len += all[`${parts}${g}.${n++}`].length;
      return { g, n, len };
    });
}

/**
 * Without a readable pointer: the newest generation whose text verifies is the document (only a
 * `verify` can tell a whole generation from a cut one). What else is there is the damaged text.
 */
function recoverWithoutPointer(all: Record<string, string>, prefix: string, why: string, verify?: VerifyText): StoredText {
  const found = generationsInStore(all, prefix);
  const texts = found.map((gen) => joinParts(all, `${storeKeys(prefix).parts}${gen.g}.`, gen.n).text);
  const whole = verify ? texts.findIndex((text) => verify(text)) : -1;
  if (whole >= 0) {
    const rest = texts.filter((_, i) => i !== whole && i < whole).join('');
    return { kind: 'text', text: texts[whole], fellBack: true, damaged: rest || null, generation: found[whole] };
  }
  const orphans = Object.keys(all)
    .filter((k) => generationOf(k, storeKeys(prefix).parts) !== null)
    .sort();
  return orphans.length ? { kind: 'damaged', damaged: orphans.map((k) => all[k]).join(''), why } : { kind: 'none' };
}

/**
 * Reads one document from one getProperties() result. A damaged current generation (a part
 * missing or cut, or text that `verify` rejects) falls back to the previous one, then to any other
 * whole generation in the store; parts without the pointer that names them are never taken for "none".
 */
export function readStored(all: Record<string, string>, prefix: string, verify?: VerifyText): StoredText {
  const keys = storeKeys(prefix);
  const pointer = readPointer(all[keys.pointer]);
  if (pointer === null) return recoverWithoutPointer(all, prefix, 'the pointer is missing', verify);
  if (pointer === 'damaged') return recoverWithoutPointer(all, prefix, 'the pointer is unreadable', verify);
  const current = readGeneration(all, prefix, pointer.cur, verify);
  if ('text' in current) return { kind: 'text', text: current.text, fellBack: false, damaged: null, generation: pointer.cur };
  const previous = pointer.prev ? readGeneration(all, prefix, pointer.prev, verify) : null;
  if (previous && 'text' in previous)
    return { kind: 'text', text: previous.text, fellBack: true, damaged: current.damaged, generation: pointer.prev! };
  const other = verify ? recoverWithoutPointer(all, prefix, current.why, verify) : null;
  if (other?.kind === 'text') return { ...other, damaged: current.damaged };
  return { kind: 'damaged', damaged: current.damaged, why: current.why };
}

let generationSeq = 0;
function newGenerationId(previous: string | undefined): string {
  // Unique enough across executions (time + random) and never equal to the one it replaces.
  let id: string;
  // Fixed width (time, sequence, random), so that a greater id is a later save (generationsInStore).
  do
    id = `${Date.now().toString(36)}${(generationSeq++ % 1296).toString(36).padStart(2, '0')}${Math.floor(Math.random() * 46656)
      .toString(36)
      .padStart(3, '0')}`;
  while (id === previous);
  return id;
}

/**
 * Writes a whole document: parts, then the pointer, then the old parts go. With `keepPrevious` the
 * generation a read would give now (the current one, or the whole one it fell back to) stays as the
 * fallback. `all` is one getProperties() read from before.
 */
export function writeStored(
  store: PropertyStore,
  all: Record<string, string>,
  prefix: string,
  text: string,
  keepPrevious: boolean,
  verify?: VerifyText,
): Generation {
  const keys = storeKeys(prefix);
  const pointer = readPointer(all[keys.pointer]);
  const current = pointer && pointer !== 'damaged' ? pointer.cur : null;
  const parts = splitUtf8(text, PART_BYTES);
  const gen: Generation = { g: newGenerationId(current?.g), n: parts.length, len: text.length };
  const values: Record<string, string> = {};
  parts.forEach((part, i) => (values[`${keys.parts}${gen.g}.${i}`] = part));
  store.setProperties(values);
  const now = keepPrevious ? readStored(all, prefix, verify) : null;
  const previous = now?.kind === 'text' && now.generation ? now.generation : null;
  // The one step that makes the new document current.
  store.setProperty(keys.pointer, JSON.stringify({ cur: gen, prev: previous }));
  removeParts(store, all, prefix, new Set([gen.g, previous?.g]));
  return gen;
}

/** The id of the current generation as a save sees it ('' when none): what a page loaded from. */
export function currentGeneration(all: Record<string, string>, prefix: string): string {
  const pointer = readPointer(all[storeKeys(prefix).pointer]);
  return pointer && pointer !== 'damaged' ? pointer.cur.g : '';
}

/** Removes a document: the pointer first (it is then "none" at once), then its parts. */
export function removeStored(store: PropertyStore, all: Record<string, string>, prefix: string): void {
  const keys = storeKeys(prefix);
  if (all[keys.pointer] !== undefined) store.deleteProperty(keys.pointer);
  removeParts(store, all, prefix, new Set());
}

function removeParts(store: PropertyStore, all: Record<string, string>, prefix: string, keep: Set<string | undefined>): void {
  const { parts } = storeKeys(prefix);
  for (const key of Object.keys(all)) {
    const generation = generationOf(key, parts);
    if (generation !== null && !keep.has(generation)) store.deleteProperty(key);
  }
}
