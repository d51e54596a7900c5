// The public surface: the only file that names what Apps Script calls. The build generates a
// top-level stub for every custom function and every entry point here, each forwarding to this bundle.
import { callCustomFunction, CUSTOM_FUNCTIONS } from './functions/registry';
import type { FunctionEnv } from './functions/env';
import { onOpen, showHelp, userLanguage, type OpenEvent } from './menu/menu';
import { insertSampleTracker } from './menu/sample';
import { detectAndSave, loadSettingsAtEntry, type EntrySettings } from './settings/shell';
import { buildSummary } from './summary/build';
import { openSidebar, sidebarCheck, sidebarDetect, sidebarLoad, sidebarSave } from './sidebar/server';
import { checkNow, sweepAndSchedule, turnWatchOff, turnWatchOn } from './watch/triggers';
import type { Language } from './i18n/language';
import type { Services } from './services';
import { loadStoredSettings } from './settings/storage';

export { CUSTOM_FUNCTIONS };

/** The Apps Script globals, read only when an entry point runs (never at the bundle's top level). */
function services(): Services {
  return { SpreadsheetApp, PropertiesService, ScriptApp, LockService, HtmlService, Session, MailApp, Charts };
}

function functionEnv(): FunctionEnv {
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  const active = () => (spreadsheet ??= SpreadsheetApp.getActiveSpreadsheet());
  return {
    locale: () => active().getSpreadsheetLocale(),
    timeZone: () => active().getSpreadsheetTimeZone(),
    settings: () => loadStoredSettings(PropertiesService.getDocumentProperties()),
    now: () => Date.now(),
  };
}

export function runCustomFunction(name: string, args: unknown[]): unknown {
  return callCustomFunction(name, args, functionEnv());
}

function withLanguage<T>(action: (s: Services, language: Language) => T): T {
  const s = services();
  return action(s, userLanguage(s));
}

/** The one place the settings are loaded (and, if damaged, repaired and reported) for an entry point. */
function withSettings<T>(action: (s: Services, language: Language, entry: EntrySettings) => T): T {
  return withLanguage((s, language) => action(s, language, loadSettingsAtEntry(s, language)));
}

interface EntryPoint {
  params: readonly string[];
  doc: string;
  run: (...args: any[]) => unknown;
}

const entry = (doc: string, run: EntryPoint['run'], params: readonly string[] = []): EntryPoint => ({ params, doc, run });

/** What every lead-watch trigger runs. */
const sweep = (s: Services, language: Language, entry: EntrySettings) => sweepAndSchedule(s, language, entry.settings);

export const ENTRY_POINTS: Record<string, EntryPoint> = {
  onOpen: entry('Builds the add-on menu.', (e?: OpenEvent) => onOpen(e, services()), ['e']),
  onInstall: entry('Runs onOpen when the add-on is installed.', (e?: OpenEvent) => onOpen(e, services()), ['e']),
  menuInsertSample: entry('Menu: Insert sample tracker.', () => withSettings(insertSampleTracker)),
  menuBuildSummary: entry('Menu: Build KPI summary.', () => withSettings((s, l, e) => buildSummary(s, l, e.settings))),
  menuOpenSettings: entry('Menu: Settings….', () => withLanguage(openSidebar)),
  sidebarLoad: entry('Settings page: the settings, the sheets and their headers.', () => withSettings(sidebarLoad)),
  sidebarDetect: entry('Settings page: auto-detected proposals for what the draft leaves empty.', (draft: unknown) => withSettings((s, l, e) => sidebarDetect(s, l, draft, e.settings)), ['draft']),
  sidebarSave: entry('Settings page: validate and save.', (draft: unknown) => withLanguage((s, l) => sidebarSave(s, l, draft)), ['draft']),
  sidebarCheck: entry('Settings page: what saving the draft would say, without saving.', (draft: unknown) => withLanguage((_s, l) => sidebarCheck(l, draft)), ['draft']),
  menuWatchOn: entry('Menu: Lead watch: turn on.', () => withSettings((s, l, e) => turnWatchOn(s, l, e.settings))),
  menuWatchOff: entry('Menu: Lead watch: turn off.', () => withLanguage(turnWatchOff)),
  menuWatchCheck: entry('Menu: Lead watch: check now.', () => withSettings((s, l, e) => checkNow(s, l, e.settings))),
  watchOnChange: entry('Trigger: a change in the spreadsheet — sweep the leads.', () => withSettings(sweep), ['e']),
  watchOnFormSubmit: entry('Trigger: a Google Form added a lead — sweep the leads.', () => withSettings(sweep), ['e']),
  watchDeadline: entry('Trigger: the next SLA deadline — sweep the leads.', () => withSettings(sweep), ['e']),
  watchSafetyNet: entry('Trigger: every minute in a bound script — sweep the leads.', () => withSettings(sweep), ['e']),
  menuHelp: entry('Menu: Help.', () => showHelp(services())),
  detectSources: entry('Proposes and saves the sources, columns and funnel not set yet (pinned: {kind: sheet} that are those sources); returns what was found.', (pinned?: Record<string, string>) =>
    JSON.stringify(withSettings((s, _l, e) => detectAndSave(s, e.settings, pinned ?? {})).found),
  ['pinned']),
};
