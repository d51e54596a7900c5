// Reading a stored settings document: migrate older versions, repair damage field by field, never crash.
import { SETTINGS_VERSION, defaultSettings, settingsSchema, type Settings } from './schema';

export interface LoadedSettings {
  settings: Settings;
  /** True when a document was stored (false: defaults for a new spreadsheet). */
  stored: boolean;
  /** What was repaired or migrated, as message keys with the field names. */
  notes: SettingsNote[];
}

export type SettingsNote =
  | { kind: 'unreadable' }
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
  if (typeof doc.funnel === 'string') next.funnel = doc.funnel.split(/[,;>→]/).map((s) => s.trim()).filter(Boolean);
  if (typeof doc.slaMinutes === 'number') {
    next.sla = { ...(typeof doc.sla === 'object' && doc.sla ? doc.sla : {}), minutes: doc.slaMinutes };
    delete next.slaMinutes;
  }
  notes.push({ kind: 'migrated', from: version });
  return next;
}

export function parseSettingsDocument(json: string | null): LoadedSettings {
  if (json === null || json === '') return { settings: defaultSettings(), stored: false, notes: [] };
  const notes: SettingsNote[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    doc = null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { settings: defaultSettings(), stored: true, notes: [{ kind: 'unreadable' }] };
  }
  let candidate = migrate(doc as Record<string, unknown>, notes);
  const schema = settingsSchema();
  let result = schema.safeParse(candidate);
  if (!result.success) {
    // Replace each damaged top-level field by its default and keep the rest of the user's work.
    const fields = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? 'version')))];
    const defaults = defaultSettings() as Record<string, unknown>;
    candidate = { ...candidate };
    for (const field of fields) candidate[field] = defaults[field];
    candidate.version = SETTINGS_VERSION;
    result = schema.safeParse(candidate);
    notes.push({ kind: 'repaired', fields });
    if (!result.success) return { settings: defaultSettings(), stored: true, notes: [{ kind: 'unreadable' }] };
  }
  return { settings: result.data, stored: true, notes };
}
