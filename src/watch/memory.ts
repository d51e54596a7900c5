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
 * Memory, one line per lead — "n,e,deadline in base-36 minutes,key" — about 20 bytes a lead
 * (5,000 leads in the re-route cycle ≈ 100 KB of the store's 500 KB); the first line is the cursor.
 */
export function encodeMemory(state: WatchState): string {
  const lines = [String(state.cursor)];
  for (const [key, m] of Object.entries(state.leads)) if (Number.isFinite(m.d)) lines.push(`${m.n},${m.e ? 1 : 0},${Math.round(m.d / MINUTE).toString(36)},${key}`);
  return lines.join('\n');
}

export function decodeMemory(text: string): WatchState {
  const [cursor, ...lines] = text.split('\n');
  const leads: Record<string, LeadMemory> = {};
  for (const line of lines) {
    const m = /^(\d+),([01]),(-?[0-9a-z]+),([\s\S]*)$/.exec(line);
    if (!m) continue;
    leads[m[4]] = m[2] === '1' ? { n: Number(m[1]), d: parseInt(m[3], 36) * MINUTE, e: 1 } : { n: Number(m[1]), d: parseInt(m[3], 36) * MINUTE };
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
  writeStored(store, all, JOURNAL_KEY, JSON.stringify(journal, (_k, v) => (v === -Infinity ? null : v)), false);
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
  /** Attempts so far; "sending" is set before the attempt (a kill then drops it: at most once). */
  tries: number;
  sending?: true;
}

/** E-mails kept waiting at most: a day's quota and then some; older ones are dropped and counted. */
export const MAX_QUEUED = 300;

export interface MailQueue {
  mails: QueuedMail[];
  /** E-mails given up: too many tries, a bad address, an interrupted send, or the queue full. */
  dropped: number;
}

export function readMailQueue(all: Record<string, string>): MailQueue {
  return readJson<MailQueue>(all, MAIL_KEY) ?? { mails: [], dropped: 0 };
}

export function writeMailQueue(store: PropertyStore, all: Record<string, string>, queue: MailQueue): void {
  writeStored(store, all, MAIL_KEY, JSON.stringify(queue), false);
}
