// The triggers around the sweep (docs/lead-watch.md): on every change (and form submit) a sweep, the
// scheduler's one clock trigger for the deadlines, and the menu's on / off / check now.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import { clockState } from '../schedule/clock';
import { jobContext, keepClock } from '../schedule/shell';
import { isAddonInstall, type Services } from '../services';
import { formatWallTime, zoneClock } from '../tracker/dates';
import { readHeaderRow } from '../sheets';
import type { Settings } from '../settings/schema';
import { isWatchOn, sweepLeads } from './job';
import { idleSweep, overdueLeads, sweep, watchColumns, type SweepResult } from './sweep';
import { SINCE_KEY, WATCH_ON_KEY } from './memory';

export { WATCH_ON_KEY };
export const HANDLERS = { change: 'watchOnChange', formSubmit: 'watchOnFormSubmit' } as const;
const OURS = new Set<string>(Object.values(HANDLERS));

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** This user's change and form-submit triggers in this spreadsheet (other users' are invisible, and stay theirs). */
function ourTriggers(services: Services, spreadsheet: Spreadsheet) {
  return services.ScriptApp.getUserTriggers(spreadsheet).filter((t) => OURS.has(t.getHandlerFunction()));
}

function removeOurTriggers(services: Services, spreadsheet: Spreadsheet): number {
  const triggers = ourTriggers(services, spreadsheet);
  for (const t of triggers) services.ScriptApp.deleteTrigger(t);
  return triggers.length;
}

/**
 * What the change and form-submit triggers run: the on/off switch first (turned off by any user,
 * this user's triggers go), then a sweep, then the clock set for what is due next — also when the
 * lock was busy, so no deadline is dropped, and a clock that was lost is set again here.
 */
export function sweepAndSchedule(services: Services, language: Language, settings: Settings): SweepResult & { scheduled: boolean } {
  // A trigger may not see the document (undocumented; RULES.md): nothing to do then.
  if (!services.SpreadsheetApp.getActiveSpreadsheet()) return { ...idleSweep(false), scheduled: false };
  const context = jobContext(services, language, settings);
  if (!isWatchOn(context)) {
    removeOurTriggers(services, context.spreadsheet);
    return { ...idleSweep(false), scheduled: keepClock(context) };
  }
  const result = sweepLeads(context);
  return { ...result, scheduled: keepClock(context) };
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

/** The change trigger, and the form-submit trigger when a Google Form feeds the spreadsheet; all or nothing. */
function createTriggers(services: Services, spreadsheet: Spreadsheet): string | null {
  try {
    services.ScriptApp.newTrigger(HANDLERS.change).forSpreadsheet(spreadsheet).onChange().create();
    if (spreadsheet.getFormUrl()) services.ScriptApp.newTrigger(HANDLERS.formSubmit).forSpreadsheet(spreadsheet).onFormSubmit().create();
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
  const question = fill(overdue.stale ? t.includeOverdueStale : t.includeOverdue, {
    count: overdue.count,
    days: overdue.oldestDays,
    stale: overdue.stale,
    fresh: overdue.count - overdue.stale,
  });
  const include = overdue.count === 0 || theUi.alert(t.title, question, theUi.ButtonSet.YES_NO) === theUi.Button.YES;
  removeOurTriggers(services, spreadsheet);
  const refused = createTriggers(services, spreadsheet);
  if (refused) return alert(services, language, fill(t.refused, { error: refused }));
  const properties = services.PropertiesService.getDocumentProperties();
  properties.setProperty(SINCE_KEY, include ? '0' : String(overdue.newestCreated + 1));
  properties.setProperty(WATCH_ON_KEY, 'true');
  sweepAndSchedule(services, language, settings);
  alert(services, language, fill(isAddonInstall(services) ? t.onAddon : t.onBound, { sla: settings.sla.minutes }));
}

export function turnWatchOff(services: Services, language: Language, settings: Settings): void {
  // The switch first: another user's triggers see it at their next run and remove themselves.
  services.PropertiesService.getDocumentProperties().setProperty(WATCH_ON_KEY, 'false');
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const count = removeOurTriggers(services, spreadsheet);
  // The clock stays, for the other jobs: weekly now, or at whatever they have due.
  keepClock(jobContext(services, language, settings));
  alert(services, language, fill(watchText[language].off, { count }));
}

/** When the clock had stopped, in the spreadsheet's wall time, or '' when it is running (or was never set). */
function stoppedSince(services: Services, spreadsheet: Spreadsheet, language: Language): string | null {
  if (!isAddonInstall(services)) return null;
  const state = clockState(services, spreadsheet, Date.now());
  if (state.running) return null;
  const t = watchText[language];
  return state.dueAt === null
    ? t.clockStopped
    : fill(t.clockStoppedSince, { time: formatWallTime(zoneClock(spreadsheet.getSpreadsheetTimeZone()).wallOf(new Date(state.dueAt))) });
}

export function checkNow(services: Services, language: Language, settings: Settings): void {
  const t = watchText[language];
  const problem = problemWith(services, language, settings);
  if (problem) return alert(services, language, problem);
  const on = isWatchOn({ services });
  const stopped = on ? stoppedSince(services, services.SpreadsheetApp.getActiveSpreadsheet(), language) : null;
  // Check now sweeps whether or not the watch is on (it is how a test deployment is used).
  const result = on ? sweepAndSchedule(services, language, settings) : { ...sweep(services, language, settings), scheduled: true };
  if (result.locked) return alert(services, language, t.busy);
  const next =
    result.nextDeadline === null
      ? ''
      : fill(result.scheduled ? t.nextCheck : t.nextCheckLater, { time: formatWallTime(result.nextDeadline) });
  const mail =
    (result.mailWaiting ? fill(t.mailWaiting, { count: result.mailWaiting }) : '') +
    (result.mailDropped ? fill(t.mailDropped, { count: result.mailDropped }) : '');
  const clock = stopped === null ? '' : ` ${stopped}${result.scheduled ? t.clockSetAgain : ''}`;
  alert(
    services,
    language,
    fill(t.checked, { leads: result.leads, rerouted: result.rerouted, escalated: result.escalated, next }) + mail + clock,
  );
}
