// What the lead watch keeps between sweeps, in document properties (src/properties.ts: parts of
// 8 KB and one pointer, so no value nears 9 KB and no write is ever half seen): its memory of leads,
// the journal of a sweep under way, and the e-mails still to send.
import { readStored, removeStored, writeStored, type PropertyStore } from '../properties';
import type { LeadMemory, WatchAction, WatchState } from './decide';

export const MEMORY_KEY = 'salesKpi.watch.memory';
export const JOURNAL_KEY = 'salesKpi.watch.journal';
export const MAIL_KEY = 'salesKpi.watch.mail';
/** The wall time the watch was turned on at: leads created before it are left alone ("0": all leads). */
export const SINCE_KEY = 'salesKpi.watch.since';
/** "true" while the lead watch is on in this document (any user may turn it off). */
export const WATCH_ON_KEY = 'salesKpi.watch.on';
/** When the watch has work next: {"next": epoch ms of the next deadline or null, "swept": epoch ms of the last sweep}. */
export const NEXT_KEY = 'salesKpi.watch.next';

const MINUTE = 60_000;

/**
 * Memory, one line per lead — "n,e,deadline in base-36 minutes,key as a JSON string" — about 30
 * bytes a lead whatever its id (a long key is a hash: leadKey in sweep.ts), so 5,000 leads in the
 * re-route cycle take about 150 KB of the store's 500 KB; the first line is the cursor. The key is
 * JSON-quoted, so an id holding a line feed (or any text) is one line and comes back as it was.
 */
export function encodeMemory(state: WatchState): string {
  const lines = [String(state.cursor)];
  for (const [key, m] of Object.entries(state.leads))
    if (Number.isFinite(m.d)) lines.push(`${m.n},${m.e ? 1 : 0},${Math.round(m.d / MINUTE).toString(36)},${JSON.stringify(key)}`);
  return lines.join('\n');
}

/** A line's key: JSON-quoted since this release; an earlier release wrote it bare (keys begin "id:" or "at:", never a quote). */
function keyOf(text: string): string | null {
  if (!text.startsWith('"')) return text;
  try {
    const key: unknown = JSON.parse(text);
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}

export function decodeMemory(text: string): WatchState {
  const [cursor, ...lines] = text.split('\n');
  const leads: Record<string, LeadMemory> = {};
  for (const line of lines) {
    const m = /^(\d+),([01]),(-?[0-9a-z]+),([\s\S]*)$/.exec(line);
    const key = m ? keyOf(m[4]) : null;
    if (!m || key === null) continue;
    leads[key] =
      m[2] === '1' ? { n: Number(m[1]), d: parseInt(m[3], 36) * MINUTE, e: 1 } : { n: Number(m[1]), d: parseInt(m[3], 36) * MINUTE };
  }
  return { leads, cursor: Number(cursor) || 0 };
}

function readJson<T>(all: Record<string, string>, key: string): T | null {
  const stored = readStored(all, key);
  if (stored.kind !== 'text') return null;
  try {
    return JSON.parse(stored.text) as T;
  } catch {
    return null;
  }
}

export function readMemory(all: Record<string, string>): WatchState {
  const stored = readStored(all, MEMORY_KEY);
  return stored.kind === 'text' ? decodeMemory(stored.text) : { leads: {}, cursor: 0 };
}

export function writeMemory(store: PropertyStore, all: Record<string, string>, state: WatchState): void {
  writeStored(store, all, MEMORY_KEY, encodeMemory(state), false);
}

/** A lead's decided cells as written down before a sweep touches it: created, responded, manager, assigned at, id. */
export type DecidedCells = string[];

/** What a sweep is about to do, written before it touches a cell: the next sweep completes it. */
export interface Journal {
  /** The instant written into assigned-at and the log. */
  at: number;
  cursor: number;
  actions: (WatchAction & { before: DecidedCells; lead: string })[];
}

export function readJournal(all: Record<string, string>): Journal | null {
  return readJson<Journal>(all, JOURNAL_KEY);
}

export function writeJournal(store: PropertyStore, all: Record<string, string>, journal: Journal): void {
  writeStored(
    store,
    all,
    JOURNAL_KEY,
    JSON.stringify(journal, (_k, v) => (v === -Infinity ? null : v)),
    false,
  );
}

export function clearJournal(store: PropertyStore, all: Record<string, string>): void {
  removeStored(store, all, JOURNAL_KEY);
}

/** An e-mail to send: `id` is lead, deadline and recipient, so one re-route never mails twice. */
export interface QueuedMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  /** Failed attempts so far (shown, never a reason to give up: a transient failure is retried). */
  tries: number;
  /** When it was queued: one still failing a week later is given up. */
  queued?: number;
  /** Set by an earlier release before an attempt; read as "interrupted". */
  sending?: true;
}

/** E-mails kept waiting at most: a day's quota and then some; older ones are dropped and counted. */
export const MAX_QUEUED = 300;

export interface MailQueue {
  mails: QueuedMail[];
  /** E-mails given up: a bad address, a week of failures, an interrupted send, or the queue full. */
  dropped: number;
  /** Sending refused on quota: nothing is tried before this time (the next day), whatever getRemainingDailyQuota() says. */
  pausedUntil?: number;
}

/**
 * The e-mail being sent, one property written in one call: "send:<id>" just before MailApp is
 * called, "sent:<id>" right after it returned. A run killed with "send:" cannot know whether the
 * e-mail went, so the next sweep gives it up (at most once); with "sent:" it is simply taken off the queue.
 */
export const SENDING_KEY = 'salesKpi.watch.mail.sending';

export function readMailQueue(all: Record<string, string>): MailQueue {
  return readJson<MailQueue>(all, MAIL_KEY) ?? { mails: [], dropped: 0 };
}

export function writeMailQueue(store: PropertyStore, all: Record<string, string>, queue: MailQueue): void {
  writeStored(store, all, MAIL_KEY, JSON.stringify(queue), false);
}
