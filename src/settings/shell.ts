// The settings in the spreadsheet: load (telling the user what was repaired), save, and detect sources.
import type { Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import type { Services } from '../services';
import { SUMMARY_BUILDING_KEY, SUMMARY_KEY, WATCH_LOG_KEY, readHeaderRow, sheetMarks } from '../sheets';
import { detectSettings, type Detection, type SheetProbe } from './detect';
import type { SourceKind } from '../tracker/headers';
import type { LoadedSettings } from './document';
import type { Settings } from './schema';
import { keepDamagedCopy, loadSettings, MAX_DOCUMENT_BYTES, saveSettings, SettingsTooLarge } from './storage';
import { UserError } from '../errors';

/** The user-facing sentence for what loading repaired or migrated, or null. */
export function settingsNotice(loaded: LoadedSettings, language: Language): string | null {
  const parts = loaded.notes.map((note) => {
    if (note.kind === 'unreadable') return ui(language, 'settingsUnreadable');
    if (note.kind === 'fellBack') return ui(language, 'settingsFellBack');
    if (note.kind === 'repaired') return ui(language, 'settingsRepaired', { fields: note.fields.join(', ') });
    return ui(language, 'settingsMigrated');
  });
  return parts.length ? parts.join('\n') : null;
}

const LOCK_WAIT_MS = 10_000;

/**
 * Saves under the document lock: two saves never interleave. A busy lock or a document over the
 * size limit is the user's message (a UserError); nothing is written then.
 */
export function saveSettingsLocked(services: Services, settings: Settings): void {
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new UserError('settingsBusy');
  try {
    saveSettings(services.PropertiesService.getDocumentProperties(), settings);
  } catch (error) {
    if (error instanceof SettingsTooLarge) throw new UserError('settingsTooLarge', { size: Math.ceil(error.bytes / 1024), max: MAX_DOCUMENT_BYTES / 1024 });
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
 * Loads the settings at an entry point (main.ts), once. A damaged document is repaired, the damaged
 * text kept whole under its own keys (nothing is lost), the repair saved, and the user told in a toast.
 */
export function loadSettingsAtEntry(services: Services, language: Language): EntrySettings {
  const properties = services.PropertiesService.getDocumentProperties();
  const loaded = loadSettings(properties);
  const notice = settingsNotice(loaded, language);
  if (notice) {
    if (loaded.damagedText !== undefined) keepDamagedCopy(properties, loaded.damagedText);
    saveSettingsLocked(services, loaded.settings);
    // A clock trigger may not see the spreadsheet (RULES.md): then there is no one to tell.
    services.SpreadsheetApp.getActiveSpreadsheet()?.toast(notice, ui(language, 'settingsTitle'), 15);
  } else if (loaded.stored && !loaded.sealed) sealAgain(services);
  return { settings: loaded.settings, stored: loaded.stored, notice };
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
          return rows > 0 ? sheet.getRange(2, column + 1, rows, 1).getValues().map((r) => r[0]) : [];
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
