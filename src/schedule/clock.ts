// The add-on's one clock trigger per user and document: made, found and replaced by the id we stored
// (an add-on's clock triggers may be missing from getUserTriggers — undocumented, dev/host/RULES.md),
// so that a user never holds two and a lost one is noticed and set again.
import type { Services } from '../services';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

/** The one handler every clock trigger of ours runs (src/main.ts). */
export const CLOCK_HANDLER = 'onClock';
/** A bound script's every-minute trigger: gated in Code.js, so a minute with nothing due costs little. */
export const MINUTE_HANDLER = 'watchSafetyNet';
/** Clock handlers of earlier releases: still ours when found in a document. */
const CLOCK_HANDLERS = new Set([CLOCK_HANDLER, MINUTE_HANDLER, 'watchDeadline']);

/** Where (user properties, so per user; keyed by document) the id of our clock trigger is kept. */
export const CLOCK_ID_PREFIX = 'salesKpi.clock.';
/** The earliest instant any job has work (document properties): what the minute gate reads. */
export const NEXT_WAKE_KEY = 'salesKpi.schedule.next';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Monday, early in the spreadsheet's zone: when the weekly trigger fires (Google picks a minute in the hour). */
export const WEEKLY_HOUR = 6;

/**
 * A one-shot still listed this long after it was due never fired: triggers made during a trigger run
 * were reported never to fire (undocumented; RULES.md). It is replaced, and "Check now" reports it.
 */
export const DEAD_AFTER_MS = 10 * MINUTE_MS;

/** What the next wake-up is: a one-shot at an instant, the weekly trigger, or a bound script's minute. */
export type Wake = { kind: 'once'; at: number } | { kind: 'weekly' } | { kind: 'minute' };

interface StoredClock {
  id: string;
  wake: Wake;
}

/** This user's record of their clock trigger in this document (user properties), and where it is kept. */
function storedClock(services: Services, spreadsheet: Spreadsheet) {
  const store = services.PropertiesService.getUserProperties();
  const key = CLOCK_ID_PREFIX + spreadsheet.getId();
  let stored: StoredClock | null = null;
  try {
    const value = store.getProperty(key);
    const parsed = value ? (JSON.parse(value) as StoredClock) : null;
    stored = parsed && typeof parsed.id === 'string' && parsed.wake ? parsed : null;
  } catch {
    // An unreadable record is no record: the clock is found by its handler, or made again.
  }
  return { store, key, stored };
}

function isClock(trigger: Trigger, services: Services): boolean {
  return String(trigger.getEventType()) === String(services.ScriptApp.EventType.CLOCK);
}

/**
 * Our clock triggers in this document: clock triggers of our handlers that getUserTriggers lists,
 * and the one whose id we stored, from getProjectTriggers (which lists it when the other does not).
 * A trigger of ours in another document is never among them.
 */
function ourClocks(services: Services, spreadsheet: Spreadsheet, storedId: string | null): Trigger[] {
  const found = new Map<string, Trigger>();
  for (const t of services.ScriptApp.getUserTriggers(spreadsheet)) {
    if (CLOCK_HANDLERS.has(t.getHandlerFunction()) && isClock(t, services)) found.set(t.getUniqueId(), t);
  }
  if (storedId && !found.has(storedId)) {
    const stored = services.ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === storedId);
    if (stored) found.set(storedId, stored);
  }
  return [...found.values()];
}

function sameWake(a: Wake, b: Wake): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'once' || b.kind !== 'once' || Math.abs(a.at - b.at) < MINUTE_MS;
}

function create(services: Services, spreadsheet: Spreadsheet, wake: Wake, now: number): Trigger {
  const { ScriptApp } = services;
  const clock = ScriptApp.newTrigger(wake.kind === 'minute' ? MINUTE_HANDLER : CLOCK_HANDLER).timeBased();
  if (wake.kind === 'minute') return clock.everyMinutes(1).create();
  if (wake.kind === 'weekly')
    return clock
      .everyWeeks(1)
      .onWeekDay(ScriptApp.WeekDay.MONDAY)
      .atHour(WEEKLY_HOUR)
      .inTimezone(spreadsheet.getSpreadsheetTimeZone())
      .create();
  return clock.after(Math.max(MINUTE_MS, wake.at - now)).create();
}

export interface ClockState {
  /** Whether one of our clock triggers is set in this document for this user. */
  running: boolean;
  /** When the one we stored was due to fire, epoch ms (null: weekly, minute or none stored). */
  dueAt: number | null;
}

/** Whether our clock is set, and when the one we last stored was due (to say since when it stopped). */
export function clockState(services: Services, spreadsheet: Spreadsheet, now: number): ClockState {
  const { stored } = storedClock(services, spreadsheet);
  const running = ourClocks(services, spreadsheet, stored?.id ?? null).length > 0 && !(stored && isDead(stored, now));
  return { running, dueAt: stored?.wake.kind === 'once' ? stored.wake.at : null };
}

function isDead(stored: StoredClock, now: number): boolean {
  return stored.wake.kind === 'once' && stored.wake.at < now - DEAD_AFTER_MS;
}

/**
 * Sets this user's one clock trigger in this document to `wake`: kept when it is already that, else
 * every one of ours found is removed first (one per type) and the new one's id stored. Returns false
 * when Google refused it (a test deployment, a lost trigger still counted): the next run, change or
 * menu action tries again. A run cut between creating and storing leaves a trigger we cannot list
 * only when Google does not list it: it fires once and the chain goes on from there.
 */
export function setClock(services: Services, spreadsheet: Spreadsheet, wake: Wake, now: number): boolean {
  const { store, key, stored } = storedClock(services, spreadsheet);
  const existing = ourClocks(services, spreadsheet, stored?.id ?? null);
  if (existing.length === 1 && stored && existing[0].getUniqueId() === stored.id && sameWake(stored.wake, wake) && !isDead(stored, now))
    return true;
  for (const t of existing) services.ScriptApp.deleteTrigger(t);
  // The old one is gone now: a server error while making the new one is tried once more; a refusal
  // once more after removing a clock of ours no document has recorded (one a cut run made, unlisted).
  let trigger: Trigger | null = null;
  let orphansRemoved = false;
  let serverRetried = false;
  for (let attempt = 0; attempt < 3 && !trigger; attempt++) {
    try {
      trigger = create(services, spreadsheet, wake, now);
    } catch (error) {
      if (isServerError(error)) {
        if (serverRetried) return false;
        serverRetried = true;
        continue;
      }
      if (orphansRemoved || removeOrphans(services, store) === 0) return false;
      orphansRemoved = true;
    }
  }
  if (!trigger) return false;
  // Cut here, the trigger is set but not stored: listed, it is found next time; unlisted, it fires once and is forgotten.
  store.setProperty(key, JSON.stringify({ id: trigger.getUniqueId(), wake }));
  return true;
}

/**
 * The clock trigger that fired this run is this user's in this document even if its id was never
 * stored (a run cut between making it and storing its id, with clock triggers unlisted): it is
 * recorded, so that the next setClock finds it through getProjectTriggers and replaces it.
 */
export function adoptFiredClock(services: Services, spreadsheet: Spreadsheet, triggerUid: unknown): void {
  if (typeof triggerUid !== 'string' || triggerUid === '') return;
  const { store, key, stored } = storedClock(services, spreadsheet);
  if (stored?.id !== triggerUid) store.setProperty(key, JSON.stringify({ id: triggerUid, wake: { kind: 'once', at: 0 } }));
}

/**
 * Removes this user's clock triggers of ours that no document's record names: made by a run cut between
 * creating one and storing its id where Google does not list clock triggers by document — invisible,
 * still counted against the one per type, and (if made in a trigger run) perhaps never firing
 * (RULES.md rules 23, 24). Another document's clock whose id is being stored that instant is lost too;
 * its next run, change or menu action sets it again. Returns how many went.
 */
function removeOrphans(services: Services, store: GoogleAppsScript.Properties.Properties): number {
  const recorded = new Set<string>();
  for (const [key, value] of Object.entries(store.getProperties())) {
    if (!key.startsWith(CLOCK_ID_PREFIX)) continue;
    try {
      recorded.add(String((JSON.parse(value) as StoredClock).id));
    } catch {
      // Unreadable: names no trigger.
    }
  }
  const orphans = services.ScriptApp.getProjectTriggers().filter(
    (t) => CLOCK_HANDLERS.has(t.getHandlerFunction()) && isClock(t, services) && !recorded.has(t.getUniqueId()),
  );
  for (const t of orphans) services.ScriptApp.deleteTrigger(t);
  return orphans.length;
}

/** Google's transient failure, worth one more try (a refusal — one per type, a test deployment — is not). */
function isServerError(error: unknown): boolean {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return /server error|try again/i.test(message);
}
