// The actions (dist/Actions.html): every entry point but the custom functions and the menu — menu
// items, the sidebar's server calls, the lead watch's triggers. The build generates a top-level stub
// for each in Code.js, which evaluates this bundle only in the execution that runs one (src/core.ts).
import { showHelp, userLanguage } from './menu/menu';
import { insertSampleTracker } from './menu/sample';
import { detectAndSave, loadSettingsAtEntry, type EntrySettings } from './settings/shell';
import { buildSummary } from './summary/build';
import { openSidebar, sidebarCheck, sidebarDetect, sidebarLoad, sidebarNoticeRead, sidebarSave } from './sidebar/server';
import { checkNow, sweepAndSchedule, turnWatchOff, turnWatchOn } from './watch/triggers';
import type { Language } from './i18n/language';
import type { Services } from './services';
import { loadFrom } from './settings/storage';
import type { StoredText } from './properties';
import { entry, type EntryPoint } from './entry';

export { renderUserError } from './i18n/errors';

/** The Apps Script globals, read only when an entry point runs (never at the bundle's top level). */
function services(): Services {
  return { SpreadsheetApp, PropertiesService, ScriptApp, LockService, HtmlService, Session, MailApp, Charts };
}

/** The full load of a settings document, for a custom function whose stored document is not sealed (its text already read). */
export function settingsFrom(stored: StoredText) {
  return loadFrom(stored).settings;
}

function withLanguage<T>(action: (s: Services, language: Language) => T): T {
  const s = services();
  return action(s, userLanguage(s));
}

/** The one place the settings are loaded (and, if damaged, repaired and reported) for an entry point. */
function withSettings<T>(action: (s: Services, language: Language, entry: EntrySettings) => T): T {
  return withLanguage((s, language) => action(s, language, loadSettingsAtEntry(s, language)));
}

/** What every lead-watch trigger runs. */
const sweep = (s: Services, language: Language, entry: EntrySettings) => sweepAndSchedule(s, language, entry.settings);

export const ENTRY_POINTS: Record<string, EntryPoint> = {
  menuInsertSample: entry('Menu: Insert sample tracker.', () => withSettings(insertSampleTracker)),
  menuBuildSummary: entry('Menu: Build KPI summary.', () => withSettings((s, l, e) => buildSummary(s, l, e.settings))),
  menuOpenSettings: entry('Menu: Settings….', () => withLanguage(openSidebar)),
  sidebarLoad: entry('Settings page: the settings, the sheets and their headers.', () => withSettings(sidebarLoad)),
  sidebarDetect: entry('Settings page: auto-detected proposals for what the draft leaves empty.', (draft: unknown) => withSettings((s, l, e) => sidebarDetect(s, l, draft, e.settings)), ['draft']),
  sidebarSave: entry('Settings page: validate and save (over the generation the page loaded, when given).', (draft: unknown, generation?: unknown) => withLanguage((s, l) => sidebarSave(s, l, draft, generation)), ['draft', 'generation']),
  sidebarNoticeRead: entry('Settings page: the repair notice was read.', (at: unknown) => withLanguage((s) => sidebarNoticeRead(s, at)), ['at']),
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
