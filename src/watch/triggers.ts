// The triggers around the sweep (PRODUCT.md §6): on every change, one one-shot at the next deadline,
// an hourly safety net (every minute in a bound-script install), and the menu's on / off / check now.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import type { Services } from '../services';
import { loadSettings } from '../settings/storage';
import { formatWallTime } from '../tracker/dates';
import { readHeaderRow } from '../sheets';
import type { Settings } from '../settings/schema';
import { sweep, watchColumns, type SweepResult } from './sweep';

export const WATCH_ON_KEY = 'salesKpi.watch.on';
export const HANDLERS = { change: 'watchOnChange', deadline: 'watchDeadline', safetyNet: 'watchSafetyNet' } as const;
const OURS = new Set<string>(Object.values(HANDLERS));

function ourTriggers(services: Services) {
  return services.ScriptApp.getProjectTriggers().filter((t) => OURS.has(t.getHandlerFunction()));
}

/**
 * One pending deadline trigger at a time: the old one goes, the new one is set for the earliest
 * deadline. Google may refuse it (an add-on's clock triggers may run at most hourly): then the
 * change trigger and the hourly safety net carry on, and this returns false.
 */
export function scheduleDeadline(services: Services, msToDeadline: number | null): boolean {
  for (const t of ourTriggers(services)) if (t.getHandlerFunction() === HANDLERS.deadline) services.ScriptApp.deleteTrigger(t);
  if (msToDeadline === null) return true;
  const wait = Math.max(60_000, msToDeadline + 5_000);
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

/** A sweep, then (when the watch is on) the next deadline's trigger. */
export function sweepAndSchedule(services: Services, language: Language): SweepResult & { scheduled: boolean } {
  const result = sweep(services, language);
  const scheduled = !result.locked && isOn(services) ? scheduleDeadline(services, result.msToNextDeadline) : true;
  return { ...result, scheduled };
}

/**
 * The settings, or why the watch cannot run on them. Only the leads sheet's header row is read here:
 * the sweep that follows reads the rows once.
 */
function prerequisite(services: Services, language: Language): { settings: Settings; problem: string | null } {
  const t = watchText[language];
  const settings = loadSettings(services.PropertiesService.getDocumentProperties()).settings;
  const source = settings.sources.leads;
  const sheet = source ? services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(source.sheet) : null;
  if (!sheet || sheet.getLastRow() === 0 || !watchColumns(settings, readHeaderRow(sheet))) return { settings, problem: t.needsLeads };
  if (!settings.sla.rotation.some((m) => m.onDuty)) return { settings, problem: t.needsRotation };
  return { settings, problem: null };
}

function alert(services: Services, language: Language, text: string): void {
  const theUi = services.SpreadsheetApp.getUi();
  theUi.alert(watchText[language].title, text, theUi.ButtonSet.OK);
}

export function turnWatchOn(services: Services, language: Language): void {
  const t = watchText[language];
  const { settings, problem } = prerequisite(services, language);
  if (problem) return alert(services, language, problem);
  for (const trigger of ourTriggers(services)) services.ScriptApp.deleteTrigger(trigger);
  services.ScriptApp.newTrigger(HANDLERS.change).forSpreadsheet(services.SpreadsheetApp.getActiveSpreadsheet()).onChange().create();
  const clock = services.ScriptApp.newTrigger(HANDLERS.safetyNet).timeBased();
  (settings.sla.everyMinute ? clock.everyMinutes(1) : clock.everyHours(1)).create();
  services.PropertiesService.getDocumentProperties().setProperty(WATCH_ON_KEY, 'true');
  sweepAndSchedule(services, language);
  alert(services, language, fill(t.on, { sla: settings.sla.minutes, minute: settings.sla.everyMinute ? t.everyMinute : '' }));
}

export function turnWatchOff(services: Services, language: Language): void {
  const triggers = ourTriggers(services);
  for (const trigger of triggers) services.ScriptApp.deleteTrigger(trigger);
  services.PropertiesService.getDocumentProperties().setProperty(WATCH_ON_KEY, 'false');
  alert(services, language, fill(watchText[language].off, { count: triggers.length }));
}

export function checkNow(services: Services, language: Language): void {
  const t = watchText[language];
  const { problem } = prerequisite(services, language);
  if (problem) return alert(services, language, problem);
  const result = sweepAndSchedule(services, language);
  if (result.locked) return alert(services, language, t.busy);
  const next = result.nextDeadline === null ? '' : fill(result.scheduled ? t.nextCheck : t.nextCheckLater, { time: formatWallTime(result.nextDeadline) });
  const mail = result.mailFailed ? fill(t.mailFailed, { count: result.mailFailed }) : '';
  alert(services, language, fill(t.checked, { leads: result.leads, rerouted: result.rerouted, escalated: result.escalated, next }) + mail);
}
