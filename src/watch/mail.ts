// The lead watch's e-mails: queued with the sweep that decided them, sent after it is complete,
// retried on later sweeps within the daily quota, never sent twice for one re-route.
import { fill, type Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import type { Settings } from '../settings/schema';
import type { Services } from '../services';
import type { PropertyStore } from '../properties';
import type { WatchAction } from './decide';
import { MAX_QUEUED, readMailQueue, writeMailQueue, type MailQueue, type QueuedMail } from './memory';

const MAX_TRIES = 3;

/** Text from the sheet in a subject or body: no line breaks or control characters (no header injection), bounded. */
export function mailSafe(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim().slice(0, 200);
}

/** The e-mails one applied action calls for (the new manager; the head of sales on escalation). */
export function mailsFor(action: WatchAction, lead: string, settings: Settings, language: Language): QueuedMail[] {
  const t = watchText[language];
  const id = (to: string) => `${action.key}|${action.deadline}|${to}`;
  const safe = { lead: mailSafe(lead), minutes: action.waited, sla: settings.sla.minutes, count: action.memory.n };
  if (action.kind === 'reroute' && settings.sla.notifyManagers && action.toEmail) {
    const values = { ...safe, from: mailSafe(action.from) };
    return [{ id: id(action.toEmail), to: action.toEmail, subject: fill(t.mailRerouteSubject, values), body: fill(t.mailRerouteBody, values), tries: 0 }];
  }
  if (action.kind === 'escalate' && settings.headOfSalesEmail) {
    const values = { ...safe, manager: mailSafe(action.manager) };
    return [{ id: id(settings.headOfSalesEmail), to: settings.headOfSalesEmail, subject: fill(t.mailEscalateSubject, values), body: fill(t.mailEscalateBody, values), tries: 0 }];
  }
  return [];
}

/** Adds mails to the queue (an id already there is not added again); the oldest beyond the cap are dropped and counted. */
export function enqueue(queue: MailQueue, mails: QueuedMail[]): MailQueue {
  const ids = new Set(queue.mails.map((m) => m.id));
  const all = [...queue.mails, ...mails.filter((m) => !ids.has(m.id))];
  const over = Math.max(0, all.length - MAX_QUEUED);
  return { mails: all.slice(over), dropped: queue.dropped + over };
}

/**
 * Sends what the quota allows, one e-mail at a time, each marked "sending" in the queue before it
 * goes: a run killed between the mark and the next write leaves that one marked, and the next sweep
 * gives it up (counted) instead of sending it twice — at most once per re-route and recipient, and
 * at most one e-mail counted as given up that did go. Returns the e-mails still waiting and given up.
 */
export function sendQueued(services: Services, store: PropertyStore): { waiting: number; dropped: number } {
  let queue = readMailQueue(store.getProperties());
  const interrupted = queue.mails.filter((m) => m.sending).length;
  queue = { mails: queue.mails.filter((m) => !m.sending), dropped: queue.dropped + interrupted };
  const quota = queue.mails.length ? Math.max(0, services.MailApp.getRemainingDailyQuota()) : 0;
  const save = () => writeMailQueue(store, store.getProperties(), queue);
  if (interrupted && (quota === 0 || queue.mails.length === 0)) save();
  const retry: QueuedMail[] = [];
  for (let sent = 0; sent < quota && queue.mails.length; sent++) {
    const [mail, ...rest] = queue.mails;
    queue = { mails: [{ ...mail, sending: true }, ...rest], dropped: queue.dropped };
    save();
    queue = { mails: rest, dropped: queue.dropped };
    try {
      services.MailApp.sendEmail(mail.to, mail.subject, mail.body);
    } catch {
      if (mail.tries + 1 < MAX_TRIES) retry.push({ ...mail, tries: mail.tries + 1 });
      else queue = { ...queue, dropped: queue.dropped + 1 };
    }
  }
  if (retry.length || quota > 0) {
    queue = { mails: [...retry, ...queue.mails], dropped: queue.dropped };
    save();
  }
  return { waiting: queue.mails.length, dropped: queue.dropped };
}
