// One sweep of the lead watch: under the document lock, read the leads once, decide, and write only
// the manager and assigned-at cells of rows that are still as read, plus the log.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import type { Services } from '../services';
import { workingHoursOf, type Settings } from '../settings/schema';
import { loadSettings } from '../settings/storage';
import { asText, ensureGrid, isOwnedSheet, WATCH_LOG_KEY } from '../sheets';
import { columnOf, isBlank } from '../tracker/cells';
import { dayOrderOfLocale, formatWallTime, isDateObject, readDateColumn, zoneClock, type ZoneClock } from '../tracker/dates';
import { decide, emptyWatchState, type Decision, type WatchAction, type WatchLead, type WatchState } from './decide';

export const WATCH_STATE_KEY = 'salesKpi.watch.state';
const LOCK_WAIT_MS = 10_000;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SweepResult {
  locked: boolean;
  /** E-mails that could not be sent (daily quota, a bad address). */
  mailFailed: number;
  leads: number;
  rerouted: number;
  escalated: number;
  skipped: number;
  /** The next deadline as the spreadsheet's wall time (for people), and how far away it is (for the trigger). */
  nextDeadline: number | null;
  msToNextDeadline: number | null;
}

/** Column indexes of the leads sheet the watch needs, or null when one is not mapped or not there. */
export function watchColumns(settings: Settings, headers: readonly unknown[]) {
  const source = settings.sources.leads;
  if (!source) return null;
  const find = (role: string) => {
    const header = source.columns[role];
    return header ? headers.findIndex((h) => String(h).trim() === header.trim()) : -1;
  };
  const columns = { created: find('created'), responded: find('responded'), manager: find('manager'), assignedAt: find('assigned_at'), id: find('id') };
  if (columns.created < 0 || columns.responded < 0 || columns.manager < 0 || columns.assignedAt < 0) return null;
  return columns;
}

function loadState(properties: GoogleAppsScript.Properties.Properties): WatchState {
  try {
    const parsed = JSON.parse(properties.getProperty(WATCH_STATE_KEY) ?? '') as WatchState;
    return parsed && typeof parsed.leads === 'object' ? parsed : emptyWatchState();
  } catch {
    return emptyWatchState();
  }
}

/** Leads as the pure core sees them; the key is the id, or the row's content apart from the cells the watch writes. */
function watchLeads(rows: unknown[][], columns: NonNullable<ReturnType<typeof watchColumns>>, locale: string, clock: ZoneClock): WatchLead[] {
  const order = () => dayOrderOfLocale(locale);
  const read = (c: number) => readDateColumn(columnOf(rows, c), { arg: '', localeOrder: order, skipInvalid: true, wallOf: clock.wallOf }).wall;
  const created = read(columns.created);
  const responded = read(columns.responded);
  const assigned = read(columns.assignedAt);
  const own = new Set([columns.manager, columns.assignedAt, columns.responded]);
  return rows.map((r, i) => ({
    key: columns.id >= 0 && !isBlank(r[columns.id]) ? `id:${String(r[columns.id])}` : `row:${r.filter((_, c) => !own.has(c)).map((v) => (isDateObject(v) ? v.getTime() : String(v))).join('\u241f')}`,
    row: i + 2,
    created: created[i],
    // A non-date in "responded" still means someone answered.
    responded: isBlank(r[columns.responded]) ? NaN : Number.isNaN(responded[i]) ? created[i] : responded[i],
    manager: String(r[columns.manager] ?? '').trim(),
    assignedAt: assigned[i],
  }));
}

function sameRow(a: readonly unknown[], b: readonly unknown[]): boolean {
  const norm = (v: unknown) => (Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : v);
  return a.length === b.length && a.every((v, i) => norm(v) === norm(b[i]));
}

export function logSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, language: Language): Sheet {
  const existing = spreadsheet.getSheets().find((s) => isOwnedSheet(s, WATCH_LOG_KEY));
  if (existing) return existing;
  const t = watchText[language];
  let name = t.logSheet;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${t.logSheet} ${n}`;
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name, spreadsheet.getNumSheets());
  sheet.getRange(1, 1, 1, t.logHeader.length).setValues([t.logHeader]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.addDeveloperMetadata(WATCH_LOG_KEY, 'v1');
  spreadsheet.setActiveSheet(active);
  return sheet;
}

function logRow(action: WatchAction, at: Date, lead: string, language: Language): unknown[] {
  const t = watchText[language];
  const to = action.kind === 'reroute' ? action.to : '';
  const from = action.kind === 'reroute' ? action.from : action.manager;
  return [at, asText(lead), asText(from), asText(to), action.waited, action.kind === 'reroute' ? t.rerouted : t.escalated];
}

/** E-mails after the sheet and the watch's memory are saved; a failed one (quota, address) is counted, not fatal. */
function sendMails(services: Services, settings: Settings, applied: { action: WatchAction; lead: string; memory: number }[], language: Language): number {
  const t = watchText[language];
  let failed = 0;
  const send = (to: string, subject: string, body: string) => {
    try {
      services.MailApp.sendEmail(to, subject, body);
    } catch {
      failed++;
    }
  };
  for (const { action, lead, memory } of applied) {
    if (action.kind === 'reroute' && settings.sla.notifyManagers && action.toEmail) {
      send(action.toEmail, fill(t.mailRerouteSubject, { lead }), fill(t.mailRerouteBody, { lead, minutes: action.waited, from: action.from, sla: settings.sla.minutes }));
    }
    if (action.kind === 'escalate' && settings.headOfSalesEmail) {
      send(settings.headOfSalesEmail, fill(t.mailEscalateSubject, { lead }), fill(t.mailEscalateBody, { lead, minutes: action.waited, count: memory, manager: action.manager }));
    }
  }
  return failed;
}

/**
 * Applies one decision: each changed row is re-read first and written only when it is still as it
 * was read (someone may be typing); otherwise it is left for the next sweep.
 */
function apply(sheet: Sheet, rows: unknown[][], decision: Decision, columns: NonNullable<ReturnType<typeof watchColumns>>, at: Date, previous: WatchState) {
  const applied: { action: WatchAction; lead: string; memory: number }[] = [];
  let skipped = 0;
  const width = rows[0]?.length ?? 0;
  for (const action of decision.actions) {
    const asRead = rows[action.row - 2];
    const current = sheet.getRange(action.row, 1, 1, width).getValues()[0];
    if (!sameRow(asRead, current)) {
      skipped++;
      if (previous.leads[action.key]) decision.state.leads[action.key] = previous.leads[action.key];
      else delete decision.state.leads[action.key];
      continue;
    }
    if (action.kind === 'reroute') {
      sheet.getRange(action.row, columns.manager + 1).setValue(asText(action.to));
      sheet.getRange(action.row, columns.assignedAt + 1).setValue(at);
    }
    const lead = columns.id >= 0 && !isBlank(asRead[columns.id]) ? String(asRead[columns.id]) : `#${action.row}`;
    applied.push({ action, lead, memory: decision.state.leads[action.key]?.n ?? 0 });
  }
  return { applied, skipped };
}

export function sweep(services: Services, language: Language): SweepResult {
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { locked: true, mailFailed: 0, leads: 0, rerouted: 0, escalated: 0, skipped: 0, nextDeadline: null, msToNextDeadline: null };
  try {
    const properties = services.PropertiesService.getDocumentProperties();
    const settings = loadSettings(properties).settings;
    const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
    const source = settings.sources.leads;
    const sheet = source ? spreadsheet.getSheetByName(source.sheet) : null;
    const values = sheet && sheet.getLastRow() > 0 ? sheet.getDataRange().getValues() : [];
    const columns = values.length ? watchColumns(settings, values[0]) : null;
    if (!sheet || !columns) return { locked: false, mailFailed: 0, leads: 0, rerouted: 0, escalated: 0, skipped: 0, nextDeadline: null, msToNextDeadline: null };
    const rows = values.slice(1);
    // Working hours and deadlines are the spreadsheet's local time, whatever the script's zone is.
    const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
    const at = new Date();
    const now = clock.wallOf(at);
    const previous = loadState(properties);
    const rules = { slaMinutes: settings.sla.minutes, hours: workingHoursOf(settings), rotation: settings.sla.rotation, maxReassignments: settings.sla.maxReassignments };
    const decision = decide(watchLeads(rows, columns, spreadsheet.getSpreadsheetLocale(), clock), rules, previous, now);
    const { applied, skipped } = apply(sheet, rows, decision, columns, at, previous);
    if (applied.length) {
      const log = logSheet(spreadsheet, language);
      const lines = applied.map((a) => logRow(a.action, at, a.lead, language));
      const start = log.getLastRow() + 1;
      ensureGrid(log, start + lines.length - 1, lines[0].length);
      log.getRange(start, 1, lines.length, lines[0].length).setValues(lines);
      log.getRange(start, 1, lines.length, 1).setNumberFormat('yyyy-mm-dd hh:mm');
    }
    properties.setProperty(WATCH_STATE_KEY, JSON.stringify(decision.state));
    const mailFailed = applied.length ? sendMails(services, settings, applied, language) : 0;
    return {
      mailFailed,
      locked: false,
      leads: rows.length,
      rerouted: applied.filter((a) => a.action.kind === 'reroute').length,
      escalated: applied.filter((a) => a.action.kind === 'escalate').length,
      skipped,
      nextDeadline: skipped ? now + 60_000 : decision.nextDeadline,
      msToNextDeadline: skipped ? 60_000 : decision.nextDeadline === null ? null : decision.nextDeadline - now,
    };
  } finally {
    lock.releaseLock();
  }
}

export { formatWallTime };
