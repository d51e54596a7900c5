// One sweep of the lead watch, crash-safe: under the document lock it finishes what an interrupted
// sweep wrote in its journal, reads the leads once, decides, writes the journal, then the cells
// (only manager and assigned-at, only where the decided cells are still as read), the log, the
// memory and the e-mail queue — each step done so that repeating it changes nothing — and then
// removes the journal and sends the e-mails. Killed anywhere, the next sweep completes it: no
// deadline is acted on twice and no re-route is missing from the log.
import type { Language } from '../i18n/language';
import type { Services } from '../services';
import type { PropertyStore } from '../properties';
import type { Settings } from '../settings/schema';
import { workingHoursOf } from '../settings/hours';
import { asText, ensureGrid } from '../sheets';
import { textHash } from '../settings/seal';
import { logRow, logSheet } from './log';
import { columnOf, isBlank } from '../tracker/cells';
import { columnIndex } from '../tracker/headers';
import { dayOrderOfLocale, formatWallTime, isDateObject, MS_PER_DAY, readDateColumn, zoneClock, type ZoneClock } from '../tracker/dates';
import { decide, slaDeadline, STALE_MS, type WatchAction, type WatchLead, type WatchState } from './decide';
import { enqueue, mailsFor, sendQueued } from './mail';
import {
  clearJournal,
  JOURNAL_KEY,
  readJournal,
  readMailQueue,
  readMemory,
  SINCE_KEY,
  writeJournal,
  writeMailQueue,
  writeMemory,
  type DecidedCells,
  type Journal,
} from './memory';

const LOCK_WAIT_MS = 10_000;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SweepResult {
  locked: boolean;
  /** E-mails waiting to be sent (daily quota, a failed attempt), and e-mails given up so far. */
  mailWaiting: number;
  mailDropped: number;
  leads: number;
  rerouted: number;
  escalated: number;
  skipped: number;
  /** The next deadline as the spreadsheet's wall time (for people), and how far away it is (for the trigger). */
  nextDeadline: number | null;
  msToNextDeadline: number | null;
}

export const idleSweep = (locked: boolean): SweepResult => ({
  locked,
  mailWaiting: 0,
  mailDropped: 0,
  leads: 0,
  rerouted: 0,
  escalated: 0,
  skipped: 0,
  nextDeadline: null,
  msToNextDeadline: null,
});

export type WatchColumns = NonNullable<ReturnType<typeof watchColumns>>;

/** Column indexes of the leads sheet the watch needs, or null when one is not mapped or not there. */
export function watchColumns(settings: Settings, headers: readonly unknown[]) {
  const source = settings.sources.leads;
  if (!source) return null;
  const find = (role: string) => {
    const header = source.columns[role as keyof typeof source.columns];
    return header ? columnIndex(headers, header) : -1;
  };
  const columns = {
    created: find('created'),
    responded: find('responded'),
    manager: find('manager'),
    assignedAt: find('assigned_at'),
    id: find('id'),
    source: find('source'),
  };
  if (columns.created < 0 || columns.responded < 0 || columns.manager < 0 || columns.assignedAt < 0) return null;
  return columns;
}

/** Text kept in the watch's memory and journal is at most this long: a longer one is kept as its hash. */
const KEPT_CHARS = 24;

/** Text as the memory and the journal keep it: itself when short, else "#" and a 64-bit hash (17 characters, whatever the length). */
export function keptText(text: string): string {
  return text.length <= KEPT_CHARS ? text : `#${textHash(text)}`;
}

const cellText = (v: unknown) => (isDateObject(v) ? `d${v.getTime()}` : `${typeof v}:${String(v ?? '')}`);
const comparable = (v: unknown) => keptText(cellText(v));

/** The cells the watch decides on — created, responded, manager, assigned at, id — as comparable text. A formula column elsewhere changes nothing. */
function decidedCells(row: readonly unknown[], c: WatchColumns): DecidedCells {
  return [row[c.created], row[c.responded], row[c.manager], row[c.assignedAt], c.id >= 0 ? row[c.id] : ''].map(comparable);
}

/** A lead's identity: its id, or (without an id column) its created time and source — a hash when long (a UUID, a long source), so memory is bounded in bytes. */
export function leadKey(row: readonly unknown[], c: WatchColumns): string {
  if (c.id >= 0 && !isBlank(row[c.id])) return keptText(`id:${String(row[c.id])}`);
  return keptText(`at:${cellText(row[c.created])}|${c.source >= 0 ? String(row[c.source] ?? '') : ''}`);
}

/** How a lead is named in the log and the e-mails: its id, at most 100 characters. */
const LABEL_CHARS = 100;
const leadLabel = (id: unknown) => {
  const text = String(id);
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
};

/** Leads as the pure core sees them. */
function watchLeads(rows: unknown[][], columns: WatchColumns, locale: string, clock: ZoneClock): WatchLead[] {
  const order = () => dayOrderOfLocale(locale);
  const read = (c: number) => readDateColumn(columnOf(rows, c), { arg: '', localeOrder: order, skipInvalid: true, wall: clock }).wall;
  const created = read(columns.created);
  const responded = read(columns.responded);
  const assigned = read(columns.assignedAt);
  return rows.map((r, i) => ({
    key: leadKey(r, columns),
    row: i + 2,
    created: created[i],
    // A non-date in "responded" still means someone answered.
    responded: isBlank(r[columns.responded]) ? NaN : Number.isNaN(responded[i]) ? created[i] : responded[i],
    manager: String(r[columns.manager] ?? '').trim(),
    assignedAt: assigned[i],
  }));
}

interface Where {
  spreadsheet: Spreadsheet;
  sheet: Sheet;
  columns: WatchColumns;
  properties: PropertyStore;
  settings: Settings;
  language: Language;
}

/**
 * Writes one action's cells if the lead is still as the journal read it. Deterministic, so a second
 * run of the same journal finds what the first did: "done" when the cells already hold the action,
 * "written" after writing them, "left" when someone changed the lead meanwhile (next sweep decides again).
 */
function applyCells(
  w: Where,
  row: number,
  current: readonly unknown[],
  action: Journal['actions'][number],
  at: Date,
): 'done' | 'written' | 'left' {
  if (action.kind === 'escalate')
    return decidedCells(current, w.columns).join('\u241f') === action.before.join('\u241f') ? 'written' : 'left';
  const now = decidedCells(current, w.columns);
  const [createdB, respondedB, , assignedB, idB] = action.before;
  const sameLead = now[0] === createdB && now[1] === respondedB && now[4] === idB;
  const managerDone = now[2] === comparable(action.to);
  const assignedDone = now[3] === comparable(at);
  if (!sameLead) return 'left';
  if (managerDone && assignedDone) return 'done';
  const { manager, assignedAt } = w.columns;
  if (now[2] === action.before[2] && now[3] === assignedB) {
    if (Math.abs(manager - assignedAt) === 1) {
      const first = Math.min(manager, assignedAt);
      const cells = manager < assignedAt ? [asText(action.to), at] : [at, asText(action.to)];
      w.sheet.getRange(row, first + 1, 1, 2).setValues([cells]);
    } else {
      w.sheet.getRange(row, manager + 1).setValue(asText(action.to));
      w.sheet.getRange(row, assignedAt + 1).setValue(at);
    }
    return 'written';
  }
  // Half written by an interrupted sweep (the manager, not yet the time): finish it.
  if (managerDone && now[3] === assignedB) {
    w.sheet.getRange(row, assignedAt + 1).setValue(at);
    return 'written';
  }
  return 'left';
}

/** Log rows of this journal already written (a re-run must not log twice): lead label → count. */
function loggedAlready(log: Sheet, at: Date): Map<string, number> {
  const seen = new Map<string, number>();
  if (log.getLastRow() < 2) return seen;
  const rows = log.getRange(2, 1, log.getLastRow() - 1, 2).getValues();
  for (const [time, lead] of rows) {
    if (isDateObject(time) && time.getTime() === at.getTime()) seen.set(String(lead), (seen.get(String(lead)) ?? 0) + 1);
  }
  return seen;
}

/**
 * Carries out a journal: cells, log, memory, e-mail queue, then the journal goes. Every step can be
 * run again after a kill with the same result. Returns the actions that took effect.
 */
function complete(w: Where, journal: Journal, memory: WatchState): { applied: Journal['actions']; memory: WatchState } {
  const at = new Date(journal.at);
  const values = w.sheet.getLastRow() > 0 ? w.sheet.getDataRange().getValues() : [];
  const rowOf = new Map<string, number>();
  for (let i = 1; i < values.length; i++) if (!rowOf.has(leadKey(values[i], w.columns))) rowOf.set(leadKey(values[i], w.columns), i);
  const applied: Journal['actions'] = [];
  for (const action of journal.actions) {
    // The row the journal saw, unless the sheet was sorted meanwhile: then the lead's row now.
    const i = values[action.row - 1] && leadKey(values[action.row - 1], w.columns) === action.key ? action.row - 1 : rowOf.get(action.key);
    if (i === undefined) continue;
    if (applyCells(w, i + 1, values[i], action, at) !== 'left') applied.push(action);
  }
  if (applied.length) {
    const log = logSheet(w.spreadsheet, w.language, w.properties);
    const seen = loggedAlready(log, at);
    const lines = applied
      .filter((a) => {
        const n = seen.get(a.lead) ?? 0;
        if (n > 0) seen.set(a.lead, n - 1);
        return n === 0;
      })
      .map((a) => logRow(a, at, a.lead, w.language));
    if (lines.length) {
      const start = log.getLastRow() + 1;
      ensureGrid(log, start + lines.length - 1, lines[0].length);
      log.getRange(start, 1, lines.length, lines[0].length).setValues(lines);
      log.getRange(start, 1, lines.length, 1).setNumberFormat('yyyy-mm-dd hh:mm');
    }
  }
  // Absolute values from the journal: writing them again changes nothing.
  const next: WatchState = { leads: { ...memory.leads }, cursor: journal.cursor };
  for (const a of applied) next.leads[a.key] = a.memory;
  // One read serves the three writes: memory, mail queue and journal have keys of their own.
  const all = w.properties.getProperties();
  writeMemory(w.properties, all, next);
  const mails = applied.flatMap((a) => mailsFor(a, a.lead, w.settings, w.language));
  if (mails.length) writeMailQueue(w.properties, all, enqueue(readMailQueue(all), mails));
  clearJournal(w.properties, all);
  return { applied, memory: next };
}

/** The watch's rules from the settings; leads created before `since` (wall time) are not watched. */
function rulesOf(settings: Settings, since: number) {
  return {
    slaMinutes: settings.sla.minutes,
    hours: workingHoursOf(settings),
    rotation: settings.sla.rotation,
    maxReassignments: settings.sla.maxReassignments,
    since,
  };
}

/** The wall time leads must be created after to be watched ("0": all leads). */
function sinceOf(all: Record<string, string>): number {
  const since = Number(all[SINCE_KEY]);
  return Number.isFinite(since) ? since : 0;
}

export function sweep(services: Services, language: Language, settings: Settings): SweepResult {
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return idleSweep(true);
  try {
    const properties = services.PropertiesService.getDocumentProperties();
    const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
    const source = settings.sources.leads;
    const sheet = source ? spreadsheet.getSheetByName(source.sheet) : null;
    const read = () => (sheet && sheet.getLastRow() > 0 ? sheet.getDataRange().getValues() : []);
    let values = read();
    const columns = values.length ? watchColumns(settings, values[0]) : null;
    if (!sheet || !columns) return idleSweep(false);
    const w: Where = { spreadsheet, sheet, columns, properties, settings, language };
    const all = properties.getProperties();
    let memory = readMemory(all);
    let skipped = 0;
    // An interrupted sweep first: its journal says what it was doing (and then the rows are read again).
    const unfinished = readJournal(all);
    if (unfinished) {
      memory = complete(w, unfinished, memory).memory;
      values = read();
    } else if (Object.keys(all).some((k) => k.startsWith(JOURNAL_KEY))) {
      // Parts of a journal whose removal (or writing) was cut: its work is done (or never began).
      clearJournal(properties, all);
    }
    const rows = values.slice(1);
    const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
    const at = new Date();
    const now = clock.wallOf(at);
    const rules = rulesOf(settings, sinceOf(all));
    const decision = decide(watchLeads(rows, columns, spreadsheet.getSpreadsheetLocale(), clock), rules, memory, now);
    let applied: Journal['actions'] = [];
    if (decision.actions.length) {
      const label = (a: WatchAction) =>
        columns.id >= 0 && !isBlank(rows[a.row - 2][columns.id]) ? leadLabel(rows[a.row - 2][columns.id]) : `#${a.row}`;
      const journal: Journal = {
        at: at.getTime(),
        cursor: decision.state.cursor,
        actions: decision.actions.map((a) => ({ ...a, before: decidedCells(rows[a.row - 2], columns), lead: label(a) })),
      };
      writeJournal(properties, properties.getProperties(), journal);
      // Other leads keep what this decision remembers of them (answered ones forgotten); the acted-on
      // keep their old memory unless their action takes effect.
      const base = { ...decision.state.leads };
      for (const a of decision.actions) {
        if (memory.leads[a.key]) base[a.key] = memory.leads[a.key];
        else delete base[a.key];
      }
      applied = complete(w, journal, { leads: base, cursor: decision.state.cursor }).applied;
      skipped = decision.actions.length - applied.length;
    } else if (JSON.stringify(decision.state) !== JSON.stringify(memory)) {
      writeMemory(properties, properties.getProperties(), decision.state);
    }
    const mail = sendQueued(services, properties);
    const next = skipped ? now + 60_000 : decision.nextDeadline;
    return {
      locked: false,
      mailWaiting: mail.waiting,
      mailDropped: mail.dropped,
      leads: rows.length,
      rerouted: applied.filter((a) => a.kind === 'reroute').length,
      escalated: applied.filter((a) => a.kind === 'escalate').length,
      skipped,
      nextDeadline: next,
      msToNextDeadline: next === null ? null : next - now,
    };
  } finally {
    lock.releaseLock();
  }
}

/**
 * Unanswered leads already past the SLA, for "turn on" to ask about: how many (every one), how many
 * of them are more than a week past it (stale: the watch leaves those alone either way), the newest
 * one's creation, the oldest's wait.
 */
export function overdueLeads(
  services: Services,
  settings: Settings,
): { count: number; stale: number; newestCreated: number; oldestDays: number } {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = settings.sources.leads ? spreadsheet.getSheetByName(settings.sources.leads.sheet) : null;
  const values = sheet && sheet.getLastRow() > 1 ? sheet.getDataRange().getValues() : [];
  const columns = values.length ? watchColumns(settings, values[0]) : null;
  if (!columns) return { count: 0, stale: 0, newestCreated: 0, oldestDays: 0 };
  const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
  const now = clock.now();
  const rules = rulesOf(settings, 0);
  const overdue = watchLeads(values.slice(1), columns, spreadsheet.getSpreadsheetLocale(), clock).filter(
    (lead) => Number.isNaN(lead.responded) && !Number.isNaN(lead.created) && slaDeadline(lead, rules) <= now,
  );
  let newest = 0;
  let oldest = now;
  let stale = 0;
  for (const lead of overdue) {
    newest = Math.max(newest, lead.created);
    oldest = Math.min(oldest, lead.created);
    if (slaDeadline(lead, rules) < now - STALE_MS) stale++;
  }
  return { count: overdue.length, stale, newestCreated: newest, oldestDays: Math.floor((now - oldest) / MS_PER_DAY) };
}

export { formatWallTime };
