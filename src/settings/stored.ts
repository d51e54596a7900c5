// Reading the stored settings text without the schema: what every execution may need (a custom
// function included), so nothing here imports zod. The full parse and repair is in document.ts.
import { joinParts, readStored, type StoredText } from '../properties';
import type { Settings } from './schema';
import { openSealed, settingsTextIntact } from './seal';

export const SETTINGS_KEY = 'salesKpi.settings';
/** The one property that names the current (and previous) generation. */
export const POINTER_KEY = `${SETTINGS_KEY}.current`;

/** The pre-generation layouts: one value, or `.chunks` + `.0…`; a missing part or count is reported. */
function readLegacy(all: Record<string, string>): StoredText {
  const count = all[`${SETTINGS_KEY}.chunks`];
  if (count === undefined) {
    const single = all[SETTINGS_KEY];
    if (single !== undefined) return { kind: 'text', text: single, fellBack: false, damaged: null };
    const parts = Object.keys(all)
      .filter((k) => /^salesKpi\.settings\.\d+$/.test(k))
      .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
    return parts.length
      ? { kind: 'damaged', damaged: parts.map((k) => all[k]).join(''), why: 'the part count is missing' }
      : { kind: 'none' };
  }
  const n = Number(count);
  const parts = Number.isInteger(n) && n > 0 ? n : 0;
  const { text, missing } = joinParts(all, `${SETTINGS_KEY}.`, parts);
  if (!parts) return { kind: 'damaged', damaged: text, why: `part count "${count}"` };
  return missing
    ? { kind: 'damaged', damaged: text, why: `${missing} of ${parts} parts missing` }
    : { kind: 'text', text, fellBack: false, damaged: null };
}

/** Reads the stored text from one getProperties() result: one settings read. */
export function readStoredText(all: Record<string, string>): StoredText {
  // Parts that no pointer names, beside an earlier release's document: the first save into
  // generations was cut before its pointer, so the earlier document is still the current one.
  if (all[POINTER_KEY] === undefined) {
    const legacy = readLegacy(all);
    if (legacy.kind === 'text') return legacy;
  }
  const stored = readStored(all, SETTINGS_KEY, settingsTextIntact);
  return stored.kind === 'none' ? readLegacy(all) : stored;
}

/**
 * The settings as a custom function reads them, at the least cost: null when none are stored (no
 * defaults built), one JSON.parse when the current document's seal matches, else `fullLoad` of the
 * text read (the schema's parse and repair, which Code.js loads with the actions).
 */
export function settingsForFunction(all: Record<string, string>, fullLoad: (stored: StoredText) => Settings): Settings | null {
  const stored = readStoredText(all);
  if (stored.kind === 'none') return null;
  const json = stored.kind === 'text' && !stored.fellBack ? openSealed(stored.text) : null;
  return json === null ? fullLoad(stored) : (JSON.parse(json) as Settings);
}
