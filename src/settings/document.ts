// Reading a stored settings document: migrate older versions, repair damage field by field, never crash.
import { SETTINGS_VERSION, defaultSettings, settingsSchema, type Settings } from './schema';
import { openSealed } from './seal';

export interface LoadedSettings {
  settings: Settings;
  /** True when a document was stored (false: defaults for a new spreadsheet). */
  stored: boolean;
  /** What was repaired or migrated, as message keys with the field names. */
  notes: SettingsNote[];
  /** The stored text that could not be used as it was (kept whole for recovery). */
  damagedText?: string;
  /** True when the stored document carried this release's seal (read without the schema). */
  sealed?: boolean;
}

export type SettingsNote =
  | { kind: 'unreadable' }
  | { kind: 'fellBack' }
  /** No whole save was left: what could be read of the damaged text is in use. */
  | { kind: 'salvaged' }
  | { kind: 'migrated'; from: number }
  | { kind: 'repaired'; fields: string[] };

/**
 * Version 0 was the pre-release shape: `funnel` as one comma-separated string and the SLA as a
 * flat `slaMinutes`. It is moved into version 1's places.
 */
function migrate(doc: Record<string, unknown>, notes: SettingsNote[]): Record<string, unknown> {
  const version = typeof doc.version === 'number' ? doc.version : 0;
  if (version >= SETTINGS_VERSION) return doc;
  const next: Record<string, unknown> = { ...doc, version: SETTINGS_VERSION };
  if (typeof doc.funnel === 'string')
    next.funnel = doc.funnel
      .split(/[,;>→]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof doc.slaMinutes === 'number') {
    next.sla = { ...(typeof doc.sla === 'object' && doc.sla ? doc.sla : {}), minutes: doc.slaMinutes };
    delete next.slaMinutes;
  }
  notes.push({ kind: 'migrated', from: version });
  return next;
}

type Path = (string | number)[];

const pathText = (path: Path) => path.reduce<string>((t, k) => (typeof k === 'number' ? `${t}[${k}]` : t ? `${t}.${k}` : k), '');

/** Deepest first, and within one array the highest index first, so removals do not shift each other. */
function byRemovalOrder(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' && typeof b[i] === 'number'
      ? (b[i] as number) - (a[i] as number)
      : String(a[i]) < String(b[i])
        ? -1
        : 1;
  }
  return b.length - a.length;
}

/**
 * Removes what `path` names: an array item is dropped, an object field deleted (its default then
 * applies). Returns true for a field: if it is required, the next round must go one level up.
 */
function removeAt(doc: Record<string, unknown>, path: Path): boolean {
  let parent: unknown = doc;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)?.[key];
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') {
    parent.splice(last, 1);
    return false;
  }
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[last];
  return true;
}

/**
 * Repair per field and per item: each invalid value is removed where it is (a bad e-mail in one
 * rotation entry loses that e-mail, not the SLA section); a field that is still invalid without it
 * goes one level up. Bounded: each round removes at least one value or goes up a level.
 */
function repair(candidate: Record<string, unknown>, notes: SettingsNote[]): Settings | null {
  const schema = settingsSchema();
  const removed = new Set<string>();
  const fields: string[] = [];
  for (let round = 0; round < 64; round++) {
    const result = schema.safeParse(candidate);
    if (result.success) {
      if (fields.length) notes.push({ kind: 'repaired', fields });
      return result.data;
    }
    const paths = new Map<string, Path>();
    for (const issue of result.error.issues) {
      let path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) as Path;
      while (path.length && removed.has(pathText(path))) path = path.slice(0, -1);
      if (path.length === 0 || path[0] === 'version') return null;
      paths.set(pathText(path), path);
    }
    // A dropped array item always shrinks its list (the index then names the next item, which is
    // judged afresh); a deleted field that comes back as missing is required, so go up a level.
    for (const path of [...paths.values()].sort(byRemovalOrder)) {
      fields.push(pathText(path));
      if (removeAt(candidate, path)) removed.add(pathText(path));
    }
  }
  return null;
}

export function parseSettingsDocument(json: string | null): LoadedSettings {
  if (json === null || json === '') return { settings: defaultSettings(), stored: false, notes: [] };
  // A sealed document was validated when it was saved: no schema run.
  const sealed = openSealed(json);
  if (sealed !== null) return { settings: JSON.parse(sealed) as Settings, stored: true, notes: [], sealed: true };
  const notes: SettingsNote[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    doc = null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { settings: defaultSettings(), stored: true, notes: [{ kind: 'unreadable' }], damagedText: json };
  }
  const candidate = { ...migrate(doc as Record<string, unknown>, notes), version: SETTINGS_VERSION };
  const settings = repair(candidate, notes);
  if (!settings) return { settings: defaultSettings(), stored: true, notes: [{ kind: 'unreadable' }], damagedText: json };
  return notes.some((n) => n.kind === 'repaired')
    ? { settings, stored: true, notes, damagedText: json }
    : { settings, stored: true, notes };
}
