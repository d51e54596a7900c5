// The lead watch's e-mails: queued with the sweep that decided them, sent after it is complete,
// retried on later sweeps within the daily quota, never sent twice for one re-route.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import type { Settings } from '../settings/schema';
import type { Services } from '../services';
import type { PropertyStore } from '../properties';
import type { WatchAction } from './decide';
import { MS_PER_DAY } from '../tracker/dates';
import { MAX_QUEUED, readMailQueue, SENDING_KEY, writeMailQueue, type MailQueue, type QueuedMail } from './memory';

/** A mail that still fails a week after it was queued is given up (counted). */
const GIVE_UP_MS = 7 * MS_PER_DAY;
/** How long sending waits after Google refused on quota: the daily quota comes back within a day. */
const QUOTA_PAUSE_MS = MS_PER_DAY;

/** Text from the sheet in a subject or body: no line breaks or control characters (no header injection), bounded. */
export function mailSafe(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** The e-mails one applied action calls for (the new manager; the head of sales on escalation). */
export function mailsFor(action: WatchAction, lead: string, settings: Settings, language: Language): QueuedMail[] {
  const t = watchText[language];
  const id = (to: string) => `${action.key}|${action.deadline}|${to}`;
  const safe = { lead: mailSafe(lead), minutes: action.waited, sla: settings.sla.minutes, count: action.memory.n };
  if (action.kind === 'reroute' && settings.sla.notifyManagers && action.toEmail) {
    const values = { ...safe, from: mailSafe(action.from) };
    return [
      {
        id: id(action.toEmail),
        to: action.toEmail,
        subject: fill(t.mailRerouteSubject, values),
        body: fill(t.mailRerouteBody, values),
        tries: 0,
      },
    ];
  }
  if (action.kind === 'escalate' && settings.headOfSalesEmail) {
    const values = { ...safe, manager: mailSafe(action.manager) };
    return [
      {
        id: id(settings.headOfSalesEmail),
        to: settings.headOfSalesEmail,
        subject: fill(t.mailEscalateSubject, values),
        body: fill(t.mailEscalateBody, values),
        tries: 0,
      },
    ];
  }
  return [];
}

/** Adds mails to the queue (an id already there is not added again); the oldest beyond the cap are dropped and counted. */
export function enqueue(queue: MailQueue, mails: QueuedMail[], now = Date.now()): MailQueue {
  const ids = new Set(queue.mails.map((m) => m.id));
  const all = [...queue.mails, ...mails.filter((m) => !ids.has(m.id)).map((m) => ({ queued: now, ...m }))];
  const over = Math.max(0, all.length - MAX_QUEUED);
  return { ...queue, mails: all.slice(over), dropped: queue.dropped + over };
}

/** One bookkeeping step, tried again once after a failure (Google's "server error" is transient); a kill fails both. */
function twice<T>(step: () => T): T {
  try {
    return step();
  } catch {
    return step();
  }
}

/** What a refused send means: wait for the next day (quota), never send (a bad address), or try again later. */
function failureKind(error: unknown): 'quota' | 'address' | 'transient' {
  const text = String((error as Error)?.message ?? error);
  if (/too many times for one day|quota/i.test(text)) return 'quota';
  if (/invalid email|invalid recipient|invalid argument/i.test(text)) return 'address';
  return 'transient';
}

/** The e-mail an interrupted run was sending: taken off the queue — counted as given up when it may not have gone. */
function settleInterrupted(all: Record<string, string>, queue: MailQueue): MailQueue {
  const mark = all[SENDING_KEY] ?? '';
  const [state, id] = [mark.slice(0, 5), mark.slice(5)];
  const unsure = queue.mails.filter((m) => m.sending || (state === 'send:' && m.id === id)).length;
  const mails = queue.mails.filter((m) => !m.sending && m.id !== id);
  return { ...queue, mails, dropped: queue.dropped + unsure };
}

/**
 * Sends what the quota allows, one e-mail at a time, each named in SENDING_KEY before MailApp is
 * called and after it returned: a kill between the two gives that one up (at most once per re-route
 * and recipient); every other step is tried again after a failure, so a transient failure never
 * loses an e-mail. Google refusing on quota pauses sending until the next day. Returns the e-mails
 * still waiting and given up.
 */
export function sendQueued(services: Services, store: PropertyStore, now = Date.now()): { waiting: number; dropped: number } {
  const all = store.getProperties();
  const read = readMailQueue(all);
  let queue = settleInterrupted(all, read);
  const save = () => twice(() => writeMailQueue(store, store.getProperties(), queue));
  if (queue.mails.length !== read.mails.length || queue.dropped !== read.dropped) save();
  if (all[SENDING_KEY] !== undefined) twice(() => store.deleteProperty(SENDING_KEY));
  const paused = (queue.pausedUntil ?? 0) > now;
  const quota = queue.mails.length && !paused ? Math.max(0, services.MailApp.getRemainingDailyQuota()) : 0;
  const without = (id: string) => queue.mails.filter((m) => m.id !== id);
  for (const mail of queue.mails.slice(0, quota)) {
    twice(() => store.setProperty(SENDING_KEY, `send:${mail.id}`));
    let failure: ReturnType<typeof failureKind> | null = null;
    try {
      services.MailApp.sendEmail(mail.to, mail.subject, mail.body);
    } catch (error) {
      failure = failureKind(error);
    }
    if (failure === null) {
      // Sent: said first, then off the queue, then the mark goes.
      twice(() => store.setProperty(SENDING_KEY, `sent:${mail.id}`));
      queue = { ...queue, mails: without(mail.id) };
      save();
      twice(() => store.deleteProperty(SENDING_KEY));
      continue;
    }
    // Not sent: the mark goes first (the e-mail is still queued), then what the failure means.
    twice(() => store.deleteProperty(SENDING_KEY));
    if (failure === 'quota') queue = { ...queue, pausedUntil: now + QUOTA_PAUSE_MS };
    else if (failure === 'address' || now - (mail.queued ?? now) > GIVE_UP_MS)
      queue = { ...queue, mails: without(mail.id), dropped: queue.dropped + 1 };
    else queue = { ...queue, mails: queue.mails.map((m) => (m.id === mail.id ? { ...m, tries: m.tries + 1 } : m)) };
    save();
    if (failure === 'quota') break;
  }
  return { waiting: queue.mails.length, dropped: queue.dropped };
}
