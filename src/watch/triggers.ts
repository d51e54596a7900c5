// The triggers around the sweep (docs/lead-watch.md): on every change, one one-shot at the next deadline,
// an hourly safety net (every minute in a bound-script install), and the menu's on / off / check now.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import { isAddonInstall, type Services } from '../services';
import { formatWallTime } from '../tracker/dates';
import { readHeaderRow } from '../sheets';
import type { Settings } from '../settings/schema';
import { idleSweep, overdueLeads, sweep, watchColumns, type SweepResult } from './sweep';
import { SINCE_KEY } from './memory';

export const WATCH_ON_KEY = 'salesKpi.watch.on';
export const HANDLERS = { change: 'watchOnChange', formSubmit: 'watchOnFormSubmit', deadline: 'watchDeadline', safetyNet: 'watchSafetyNet' } as const;
const OURS = new Set<string>(Object.values(HANDLERS));
const HOUR_MS = 3_600_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** This user's watch triggers in this spreadsheet (other users' are invisible, and stay theirs). */
function ourTriggers(services: Services, spreadsheet: Spreadsheet) {
  return services.ScriptApp.getUserTriggers(spreadsheet).filter((t) => OURS.has(t.getHandlerFunction()));
}

function removeOurTriggers(services: Services, spreadsheet: Spreadsheet): number {
  const triggers = ourTriggers(services, spreadsheet);
  for (const t of triggers) services.ScriptApp.deleteTrigger(t);
  return triggers.length;
}

/**
 * Add-on install: the one clock trigger is a one-shot at the earliest deadline, or an hour ahead when
 * nothing is pending (the deadline and the hourly safety net are the same trigger). The old one goes
 * first (one per type). Google may refuse or delay it: the change trigger carries on, and this returns false.
 */
export function scheduleDeadline(services: Services, spreadsheet: Spreadsheet, msToDeadline: number | null): boolean {
  if (!isAddonInstall(services)) return true;
  for (const t of ourTriggers(services, spreadsheet)) if (t.getHandlerFunction() === HANDLERS.deadline) services.ScriptApp.deleteTrigger(t);
  const wait = msToDeadline === null ? HOUR_MS : Math.min(HOUR_MS, Math.max(60_000, msToDeadline + 5_000));
  try {
    services.ScriptApp.newTrigger(HANDLERS.deadline).timeBased().after(wait).create();
    return true;
  } catch {
    return false;
  }
}

function isOn(services: Services): boolean {
  return services.PropertiesService.getDocumentProperties().getProperty(WATCH_ON_KEY) === 'true';
}

/**
 * What every trigger runs: the on/off switch first (turned off by any user, this user's triggers go),
 * then a sweep, then the next clock trigger — also when the lock was busy, so no deadline is dropped.
 */
export function sweepAndSchedule(services: Services, language: Language, settings: Settings): SweepResult & { scheduled: boolean } {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  // A clock trigger may not see the document (undocumented; RULES.md): the change trigger carries on.
  if (!spreadsheet) return { ...idleSweep(false), scheduled: false };
  if (!isOn(services)) {
    removeOurTriggers(services, spreadsheet);
    return { ...idleSweep(false), scheduled: false };
  }
  const result = sweep(services, language, settings);
  const wait = result.locked ? 60_000 : result.msToNextDeadline;
  return { ...result, scheduled: scheduleDeadline(services, spreadsheet, wait) };
}

/**
 * Why the watch cannot run on these settings, or null. Only the leads sheet's header row is read
 * here: the sweep that follows reads the rows once.
 */
function problemWith(services: Services, language: Language, settings: Settings): string | null {
  const t = watchText[language];
  const source = settings.sources.leads;
  const sheet = source ? services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(source.sheet) : null;
  if (!sheet || sheet.getLastRow() === 0 || !watchColumns(settings, readHeaderRow(sheet))) return t.needsLeads;
  if (!settings.sla.rotation.some((m) => m.onDuty)) return t.needsRotation;
  return null;
}

function alert(services: Services, language: Language, text: string): void {
  const theUi = services.SpreadsheetApp.getUi();
  theUi.alert(watchText[language].title, text, theUi.ButtonSet.OK);
}

/**
 * The change trigger, the form-submit trigger when a Google Form feeds the spreadsheet, and in a
 * bound script the 1-minute clock; all or nothing.
 */
function createTriggers(services: Services, spreadsheet: Spreadsheet): string | null {
  try {
    services.ScriptApp.newTrigger(HANDLERS.change).forSpreadsheet(spreadsheet).onChange().create();
    if (spreadsheet.getFormUrl()) services.ScriptApp.newTrigger(HANDLERS.formSubmit).forSpreadsheet(spreadsheet).onFormSubmit().create();
    if (!isAddonInstall(services)) services.ScriptApp.newTrigger(HANDLERS.safetyNet).timeBased().everyMinutes(1).create();
    return null;
  } catch (error) {
    removeOurTriggers(services, spreadsheet);
    return error instanceof Error ? error.message : String(error);
  }
}

export function turnWatchOn(services: Services, language: Language, settings: Settings): void {
  const t = watchText[language];
  const problem = problemWith(services, language, settings);
  if (problem) return alert(services, language, problem);
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  // Leads already past the SLA when the watch is turned on: the user decides whether to re-route them now.
  const overdue = overdueLeads(services, settings);
  const theUi = services.SpreadsheetApp.getUi();
  const include = overdue.count === 0 || theUi.alert(t.title, fill(t.includeOverdue, { count: overdue.count, days: overdue.oldestDays }), theUi.ButtonSet.YES_NO) === theUi.Button.YES;
  removeOurTriggers(services, spreadsheet);
  const refused = createTriggers(services, spreadsheet);
  if (refused) return alert(services, language, fill(t.refused, { error: refused }));
  const properties = services.PropertiesService.getDocumentProperties();
  properties.setProperty(SINCE_KEY, include ? '0' : String(overdue.newestCreated + 1));
  properties.setProperty(WATCH_ON_KEY, 'true');
  sweepAndSchedule(services, language, settings);
  alert(services, language, fill(isAddonInstall(services) ? t.onAddon : t.onBound, { sla: settings.sla.minutes }));
}

export function turnWatchOff(services: Services, language: Language): void {
  // The switch first: another user's triggers see it at their next run and remove themselves.
  services.PropertiesService.getDocumentProperties().setProperty(WATCH_ON_KEY, 'false');
  const count = removeOurTriggers(services, services.SpreadsheetApp.getActiveSpreadsheet());
  alert(services, language, fill(watchText[language].off, { count }));
}

export function checkNow(services: Services, language: Language, settings: Settings): void {
  const t = watchText[language];
  const problem = problemWith(services, language, settings);
  if (problem) return alert(services, language, problem);
  // Check now sweeps whether or not the watch is on (it is how a test deployment is used).
  const result = isOn(services) ? sweepAndSchedule(services, language, settings) : { ...sweep(services, language, settings), scheduled: true };
  if (result.locked) return alert(services, language, t.busy);
  const next = result.nextDeadline === null ? '' : fill(result.scheduled ? t.nextCheck : t.nextCheckLater, { time: formatWallTime(result.nextDeadline) });
  const mail = (result.mailWaiting ? fill(t.mailWaiting, { count: result.mailWaiting }) : '') + (result.mailDropped ? fill(t.mailDropped, { count: result.mailDropped }) : '');
  alert(services, language, fill(t.checked, { leads: result.leads, rerouted: result.rerouted, escalated: result.escalated, next }) + mail);
}
