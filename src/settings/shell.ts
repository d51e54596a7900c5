// The settings in the spreadsheet: load (telling the user what was repaired), save, and detect sources.
import type { Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import type { Services } from '../services';
import { SUMMARY_BUILDING_KEY, SUMMARY_KEY, WATCH_LOG_KEY, readHeaderRow, sheetMarks } from '../sheets';
import { detectSettings, type Detection, type SheetProbe } from './detect';
import type { SourceKind } from '../tracker/headers';
import type { LoadedSettings } from './document';
import type { Settings } from './schema';
import {
  damagedCopySize,
  keepDamagedCopy,
  loadSettings,
  MAX_DOCUMENT_BYTES,
  readRepairNotice,
  readStoredText,
  saveSettings,
  SettingsChangedMeanwhile,
  SettingsStoreFull,
  SettingsTooLarge,
  writeRepairNotice,
  type RepairNotice,
} from './storage';
import { UserError } from '../errors';

/** The user-facing sentences for what loading repaired or migrated (and what of the damaged text was kept), or null. */
export function settingsNotice(
  loaded: Pick<LoadedSettings, 'notes'>,
  language: Language,
  kept: RepairNotice['kept'] = null,
): string | null {
  const parts = loaded.notes.map((note) => {
    if (note.kind === 'unreadable') return ui(language, 'settingsUnreadable');
    if (note.kind === 'fellBack') return ui(language, 'settingsFellBack');
    if (note.kind === 'salvaged') return ui(language, 'settingsSalvaged');
    if (note.kind === 'repaired') return ui(language, 'settingsRepaired', { fields: note.fields.join(', ') });
    return ui(language, 'settingsMigrated');
  });
  if (kept && kept.chars === 0 && kept.of > 0) parts.push(ui(language, 'settingsKeptNone'));
  else if (kept && kept.chars < kept.of)
    parts.push(ui(language, 'settingsKeptPart', { kept: Math.ceil(kept.chars / 1024), total: Math.ceil(kept.of / 1024) }));
  return parts.length ? parts.join('\n') : null;
}

const LOCK_WAIT_MS = 10_000;
const KB = 1024;

/** Google's words when a property store is full (RULES.md rule 13): a save then says ours instead. */
const QUOTA_TEXT = /exceeded the property storage quota/i;

/**
 * Saves under the document lock: two saves never interleave. A busy lock, a document over the size
 * limit, a store without room or (with `loadedFrom`) a document saved by someone else since the page
 * loaded it is the user's message (a UserError); nothing is written then. Returns the new generation.
 */
export function saveSettingsLocked(services: Services, settings: Settings, loadedFrom?: string): string {
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new UserError('settingsBusy');
  try {
    return saveSettings(services.PropertiesService.getDocumentProperties(), settings, loadedFrom);
  } catch (error) {
    if (error instanceof SettingsTooLarge)
      throw new UserError('settingsTooLarge', { size: Math.ceil(error.bytes / KB), max: MAX_DOCUMENT_BYTES / KB });
    if (error instanceof SettingsStoreFull)
      throw new UserError('settingsStoreFull', { free: Math.max(0, Math.floor(error.free / KB)), needed: Math.ceil(error.needed / KB) });
    if (error instanceof SettingsChangedMeanwhile) throw new UserError('settingsChangedMeanwhile');
    if (QUOTA_TEXT.test(String((error as Error)?.message)))
      throw new UserError('settingsStoreFull', { free: 0, needed: Math.ceil(MAX_DOCUMENT_BYTES / KB) });
    throw error;
  } finally {
    lock.releaseLock();
  }
}

/** The settings an entry point hands down: loaded once, repaired if need be, and what was said about it. */
export interface EntrySettings {
  settings: Settings;
  /** True when a document was stored (false: the defaults of a new spreadsheet). */
  stored: boolean;
  /** What loading repaired or migrated, in the user's language, or null. */
  notice: string | null;
}

/**
 * Loads the settings at an entry point (main.ts), once. A damaged document is repaired (repairAndTell)
 * and the user told in a toast; the sidebar tells the next person who opens it.
 */
export function loadSettingsAtEntry(services: Services, language: Language): EntrySettings {
  const properties = services.PropertiesService.getDocumentProperties();
  const loaded = loadSettings(properties);
  let notice: string | null = null;
  if (loaded.notes.length) {
    const told = repairAndTell(services, loaded);
    notice = settingsNotice(told, language, told.kept);
    // A clock trigger may not see the spreadsheet (RULES.md): the stored notice waits for the sidebar.
    if (notice) services.SpreadsheetApp.getActiveSpreadsheet()?.toast(notice, ui(language, 'settingsTitle'), 15);
  } else if (loaded.stored && !loaded.sealed) sealAgain(services);
  return { settings: loaded.settings, stored: loaded.stored, notice };
}

/**
 * A repair, told before it is saved: under the lock the store is read again (another run may have
 * repaired it), then the notice (kept until someone reads it in the sidebar), then the damaged text
 * (bounded: it never fills the store), then the repaired document. Killed anywhere, the next load
 * finds the damage again and does the same; a busy lock or a full store leaves the repair to a later run.
 */
function repairAndTell(services: Services, loaded: LoadedSettings): RepairNotice {
  const untold: RepairNotice = { at: Date.now(), notes: loaded.notes, kept: null };
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return untold;
  try {
    const properties = services.PropertiesService.getDocumentProperties();
    const all = properties.getProperties();
    const again = loadSettings(readStoredText(all));
    if (!again.notes.length) return readRepairNotice(all) ?? { ...untold, notes: [] };
    const kept = again.damagedText !== undefined ? damagedCopySize(all, again.damagedText) : null;
    const waiting = readRepairNotice(all);
    const notice: RepairNotice =
      waiting && JSON.stringify(waiting.notes) === JSON.stringify(again.notes) ? waiting : { at: untold.at, notes: again.notes, kept };
    if (notice !== waiting) writeRepairNotice(properties, notice);
    if (again.damagedText !== undefined) keepDamagedCopy(properties, again.damagedText, kept!);
    try {
      saveSettings(properties, again.settings);
    } catch (error) {
      // The repaired settings are in use in this run; the store keeps the damage until there is room.
      if (!(error instanceof SettingsStoreFull)) throw error;
    }
    return notice;
  } finally {
    lock.releaseLock();
  }
}

/**
 * A whole, current document that an earlier release saved (no seal) is saved again as it is, sealed,
 * so that custom functions read it with one JSON.parse instead of loading the actions to parse it.
 * Only under the lock, re-read there (never over a save made meanwhile), never waiting for the lock
 * and never failing the action it runs in: what is not sealed now is sealed by the next run.
 */
function sealAgain(services: Services): void {
  let lock: GoogleAppsScript.Lock.Lock | null = null;
  try {
    lock = services.LockService.getDocumentLock();
    if (!lock?.tryLock(0)) {
      lock = null;
      return;
    }
    const properties = services.PropertiesService.getDocumentProperties();
    const current = loadSettings(properties);
    if (current.stored && !current.sealed && current.notes.length === 0) saveSettings(properties, current.settings);
  } catch {
    // Best effort: the document stays as it was (a cut save leaves the previous generation current).
  } finally {
    try {
      lock?.releaseLock();
    } catch {
      // Google releases an execution's locks when it ends.
    }
  }
}

/** The add-on's own sheets, never a data source. */
const OWN_SHEETS = new Set([SUMMARY_KEY, SUMMARY_BUILDING_KEY, WATCH_LOG_KEY]);

/** Probes of the workbook's sheets: headers now, column values and dropdowns only when asked. */
export function probeSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetProbe[] {
  return spreadsheet
    .getSheets()
    .filter((sheet) => !sheetMarks(sheet).some((key) => OWN_SHEETS.has(key)) && sheet.getLastRow() > 0)
    .map((sheet) => {
      const headers = readHeaderRow(sheet);
      return {
        name: sheet.getName(),
        headers,
        columnValues: (column: number) => {
          const rows = sheet.getLastRow() - 1;
          return rows > 0
            ? sheet
                .getRange(2, column + 1, rows, 1)
                .getValues()
                .map((r) => r[0])
            : [];
        },
        dropdown: (column: number) => {
          if (sheet.getLastRow() < 2) return null;
          const rule = sheet.getRange(2, column + 1).getDataValidation();
          if (!rule || String(rule.getCriteriaType()) !== 'VALUE_IN_LIST') return null;
          const list = rule.getCriteriaValues()[0];
          return Array.isArray(list) ? list.map(String) : null;
        },
      };
    });
}

/** Detects sources and funnel for what is not set yet, and saves them; `pinned` sheets are those kinds' sources. */
export function detectAndSave(services: Services, settings: Settings, pinned: Partial<Record<SourceKind, string>> = {}): Detection {
  const detection = detectSettings(probeSheets(services.SpreadsheetApp.getActiveSpreadsheet()), settings, [], pinned);
  saveSettingsLocked(services, detection.settings);
  return detection;
}
