// Where the settings live: document properties, split into chunks under the 9 KB-per-value limit.
import { parseSettingsDocument, type LoadedSettings } from './document';
import type { Settings } from './schema';

export const SETTINGS_KEY = 'salesKpi.settings';
const CHUNK = 8_000;

/** The part of PropertiesService's Properties the storage needs (a ten-line fake in tests). */
export interface PropertyStore {
  getProperties(): Record<string, string>;
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): unknown;
  deleteProperty(key: string): unknown;
}

/** Joins the chunks from one getProperties() call: one settings read. */
export function readSettingsJson(all: Record<string, string>): string | null {
  const count = Number(all[`${SETTINGS_KEY}.chunks`]);
  if (!Number.isInteger(count) || count <= 0) return all[SETTINGS_KEY] ?? null;
  let json = '';
  for (let i = 0; i < count; i++) {
    const part = all[`${SETTINGS_KEY}.${i}`];
    if (part === undefined) return '\u0000damaged';
    json += part;
  }
  return json;
}

export function loadSettings(store: Pick<PropertyStore, 'getProperties'>): LoadedSettings {
  return parseSettingsDocument(readSettingsJson(store.getProperties()));
}

export function saveSettings(store: PropertyStore, settings: Settings): void {
  const json = JSON.stringify(settings);
  const all = store.getProperties();
  const parts: Record<string, string> = {};
  const count = Math.max(1, Math.ceil(json.length / CHUNK));
  for (let i = 0; i < count; i++) parts[`${SETTINGS_KEY}.${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  parts[`${SETTINGS_KEY}.chunks`] = String(count);
  store.setProperties(parts);
  for (const key of Object.keys(all)) {
    const m = key.startsWith(`${SETTINGS_KEY}.`) ? /\.(\d+)$/.exec(key) : null;
    if ((m && Number(m[1]) >= count) || key === SETTINGS_KEY) store.deleteProperty(key);
  }
}
