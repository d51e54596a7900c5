// The actions (dist/Actions.html): every entry point but the custom functions and the menu — menu
// items, the sidebar's server calls, the lead watch's triggers. The build generates a top-level stub
// for each in Code.js, which evaluates this bundle only in the execution that runs one (src/core.ts).
import { showHelp, userLanguage } from './menu/menu';
import { insertSampleTracker } from './menu/sample';
import { detectAndSave, loadSettingsAtEntry, type EntrySettings } from './settings/shell';
import { loadSettings } from './settings/storage';
import { buildSummary } from './summary/build';
import { openSidebar, sidebarCheck, sidebarDetect, sidebarLoad, sidebarNoticeRead, sidebarSave } from './sidebar/server';
import { checkNow, sweepAndSchedule, turnWatchOff, turnWatchOn } from './watch/triggers';
import { refreshAfterSave, refreshFromMenu } from './refresh/formulas';
import { clockRetry, clockRun, jobContext, keepClock, seesDocument } from './schedule/shell';
import type { Language } from './i18n/language';
import type { Services } from './services';
import { entry, type EntryPoint } from './entry';
import { turnDigest } from './weekly/menu';

export { renderUserError } from './i18n/errors';
/** The full load of the settings, for a custom function whose stored document is not sealed (its text already read). */
export { loadSettings } from './settings/storage';

/** The Apps Script globals, read only when an entry point runs (never at the bundle's top level). */
function services(): Services {
  // An advanced service is a global only when the manifest enables it: the BigQuery build's.
  const { BigQuery } = globalThis as { BigQuery?: Services['BigQuery'] };
  return { SpreadsheetApp, PropertiesService, ScriptApp, LockService, HtmlService, Session, MailApp, Charts, Utilities, BigQuery };
}

function withLanguage<T>(action: (s: Services, language: Language) => T): T {
  const s = services();
  return action(s, userLanguage(s));
}

/** The one place the settings are loaded (and, if damaged, repaired and reported) for an entry point. */
function withSettings<T>(action: (s: Services, language: Language, entry: EntrySettings) => T): T {
  return withLanguage((s, language) => action(s, language, loadSettingsAtEntry(s, language)));
}

/** What the change and form-submit triggers run. */
const sweep = (s: Services, language: Language, entry: EntrySettings) => sweepAndSchedule(s, language, entry.settings);

/** A menu action, then the clock set again if it was lost (docs/lead-watch.md › Scheduler and triggers). */
function withSettingsAndClock<T>(action: (s: Services, language: Language, entry: EntrySettings) => T): T {
  return withSettings((s, language, e) => {
    const result = action(s, language, e);
    keepClock(jobContext(s, language, e.settings));
    return result;
  });
}

/** The clock trigger: what is due. A run that cannot see the document returns before loading anything. */
function onClock(event?: { triggerUid?: unknown }): void {
  const s = services();
  try {
    if (!seesDocument(s)) return;
    withSettings((sv, language, e) => clockRun(jobContext(sv, language, e.settings), event?.triggerUid));
  } catch (error) {
    clockRetry(s);
    throw error;
  }
}

/**
 * A page from before the BigQuery source sends no `bigquery`: the stored one is kept, not wiped
 * (read only then: every other save reads nothing more).
 */
function keepingBigQuery(s: Services, draft: unknown): unknown {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft) || 'bigquery' in draft) return draft;
  return { ...draft, bigquery: loadSettings(s.PropertiesService.getDocumentProperties()).settings.bigquery };
}

/** A settings save, then every formula of ours recomputed with the new settings. */
function saveAndRefresh(s: Services, language: Language, draft: unknown, generation?: unknown) {
  const result = sidebarSave(s, language, keepingBigQuery(s, draft), generation);
  if (result.ok) {
    refreshAfterSave(s);
    keepClock(jobContext(s, language, result.settings));
  }
  return result;
}

/** The digest turned on or off, then the clock set from the settings as they now are (the digest's Monday in or out). */
function digestAndClock(s: Services, language: Language, e: EntrySettings, on: boolean): void {
  keepClock(jobContext(s, language, turnDigest(s, language, e.settings, on)));
}

export const ENTRY_POINTS = {
  menuInsertSample: entry('Menu: Insert sample tracker.', () => withSettings(insertSampleTracker)),
  menuBuildSummary: entry('Menu: Build KPI summary.', () => withSettingsAndClock((s, l, e) => buildSummary(s, l, e.settings))),
  menuRefreshFormulas: entry('Menu: Refresh formulas — every formula calling a Sales KPI function recomputed.', () =>
    withSettingsAndClock((s, l) => refreshFromMenu(s, l)),
  ),
  menuOpenSettings: entry('Menu: Settings….', () => withLanguage(openSidebar)),
  sidebarLoad: entry('Settings page: the settings, the sheets and their headers.', () => withSettings(sidebarLoad)),
  sidebarDetect: entry(
    'Settings page: auto-detected proposals for what the draft leaves empty.',
    (draft: unknown) => withSettings((s, l, e) => sidebarDetect(s, l, draft, e.settings)),
    ['draft'],
  ),
  sidebarSave: entry(
    'Settings page: validate and save (over the generation the page loaded, when given), then refresh the formulas.',
    (draft: unknown, generation?: unknown) => withLanguage((s, l) => saveAndRefresh(s, l, draft, generation)),
    ['draft', 'generation'],
  ),
  sidebarNoticeRead: entry('Settings page: the repair notice was read.', (at: unknown) => withLanguage((s) => sidebarNoticeRead(s, at)), [
    'at',
  ]),
  sidebarCheck: entry(
    'Settings page: what saving the draft would say, without saving.',
    (draft: unknown) => withLanguage((_s, l) => sidebarCheck(l, draft)),
    ['draft'],
  ),
  menuWatchOn: entry('Menu: Lead watch: turn on.', () => withSettings((s, l, e) => turnWatchOn(s, l, e.settings))),
  menuWatchOff: entry('Menu: Lead watch: turn off.', () => withSettings((s, l, e) => turnWatchOff(s, l, e.settings))),
  menuWatchCheck: entry('Menu: Lead watch: check now.', () => withSettings((s, l, e) => checkNow(s, l, e.settings))),
  watchOnChange: entry('Trigger: a change in the spreadsheet — sweep the leads.', () => withSettings(sweep), ['e']),
  watchOnFormSubmit: entry('Trigger: a Google Form added a lead — sweep the leads.', () => withSettings(sweep), ['e']),
  runScheduledJobs: entry('Runs what is due now and sets the next wake-up (the clock trigger onClock calls it).', onClock, ['e']),
  menuDigestOn: entry('Menu: Weekly digest: turn on.', () => withSettings((s, l, e) => digestAndClock(s, l, e, true))),
  menuDigestOff: entry('Menu: Weekly digest: turn off.', () => withSettings((s, l, e) => digestAndClock(s, l, e, false))),
  menuHelp: entry('Menu: Help.', () => showHelp(services())),
  detectSources: entry(
    'Proposes and saves the sources, columns and funnel not set yet (pinned: {kind: sheet} that are those sources); returns what was found.',
    (pinned?: Record<string, string>) => JSON.stringify(withSettings((s, _l, e) => detectAndSave(s, e.settings, pinned ?? {})).found),
    ['pinned'],
  ),
} satisfies Record<string, EntryPoint>;

/** The name of an entry point of the actions: what a menu item runs (src/menu/menu.ts), checked by the type checker. */
export type EntryPointName = keyof typeof ENTRY_POINTS;
