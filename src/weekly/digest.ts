// The Monday digest (a scheduled job): once per week and recipient, never twice — each recipient is
// written down as "sending" before the e-mail goes, as the lead watch's queue does (src/watch/mail.ts);
// a week the quota or an outage kept back goes later, marked late, until the next week's replaces it.
import type { JobContext, ScheduledJob } from '../schedule/job';
import type { Settings } from '../settings/schema';
import { chooseCurrency } from '../summary/currency';
import { amountFormat } from '../summary/sources';
import { nameKey } from '../tracker/names';
import { MS_PER_DAY, MS_PER_MINUTE, zoneClock } from '../tracker/dates';
import { headDigest, managerDigest, type DigestInput, type DigestMail } from './digestMail';
import { readForJob, RECORD_HOUR } from './history';
import { weekFigures } from './record';
import { weeklyReview } from './reviewShell';
import { lastCompleteWeek, WEEK, weekLabel, weekOfLabel } from './weeks';

export const DIGEST_STATE_KEY = 'salesKpi.job.weeklyDigest';
/** The weekly record's hour (Monday early): the same wake-up records the week, then sends it. */
export const DIGEST_HOUR = RECORD_HOUR;
const HOUR = 60 * MS_PER_MINUTE;
const MAX_TRIES = 3;

export interface DigestState {
  week: string;
  /** Recipients whose e-mail went (or may have: see sending). */
  done: string[];
  /** Written before an e-mail goes: found on the next run, it counts as sent — never twice. */
  sending: string | null;
  tries: Record<string, number>;
  /** After a run that found no quota left: not before this instant. */
  retryAt?: number;
}

export function readDigestState(all: Record<string, string>): DigestState | null {
  try {
    const state = JSON.parse(all[DIGEST_STATE_KEY] ?? 'null') as DigestState | null;
    return state && weekOfLabel(state.week) !== null && Array.isArray(state.done) ? { ...state, tries: state.tries ?? {} } : null;
  } catch {
    return null;
  }
}

/** The head of sales and the extra recipients, then (when asked) each manager with an e-mail in the rotation. */
export function digestRecipients(settings: Settings): { to: string; manager: string | null }[] {
  const seen = new Set<string>();
  const out: { to: string; manager: string | null }[] = [];
  const add = (to: string, manager: string | null) => {
    const key = to.trim().toLowerCase();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ to: to.trim(), manager });
  };
  for (const to of [settings.headOfSalesEmail, ...settings.weekly.recipients]) add(to, null);
  if (settings.weekly.managerEmails) for (const r of settings.sla.rotation) if (r.email) add(r.email, r.manager);
  return out;
}

/** The run's instant as the spreadsheet's wall time, and back. */
function wallNow(context: JobContext): { wall: number; instant: (wall: number) => number } {
  const clock = zoneClock(context.spreadsheet.getSpreadsheetTimeZone());
  return { wall: clock.wallAt(context.now), instant: (wall) => clock.dateOf(wall).getTime() };
}

/** The mails of the week: composed only when some recipient is still waiting. */
function composeMails(
  context: JobContext,
  week: number,
  nowWall: number,
  waiting: { to: string; manager: string | null }[],
): { mails: DigestMail[]; nothingFor: string[]; chart: GoogleAppsScript.Base.Blob | null } | null {
  const read = readForJob(context);
  if (!read) return null;
  const figures = weekFigures(read.data, week);
  const review = weeklyReview(context.spreadsheet, context.language, read, figures, week + WEEK + 1);
  const deals = context.settings.sources.deals!;
  const sign = chooseCurrency(
    amountFormat(context.spreadsheet, deals, read.values(deals.sheet)),
    read.data.deals.currencyInText,
    context.settings.currency,
    read.locale,
  );
  const input: DigestInput = {
    week,
    late: nowWall >= week + WEEK + MS_PER_DAY,
    language: context.language,
    locale: read.locale,
    sign,
    figures,
    review,
    url: context.spreadsheet.getUrl(),
  };
  const nothingFor: string[] = [];
  const mails = waiting.flatMap(({ to, manager }) => {
    if (manager === null) return [headDigest(to, input)];
    const mine = figures.managers.find((m) => nameKey(m.name) === nameKey(manager));
    const link = figures.weakLinks.managers.find((m) => nameKey(m.name) === nameKey(manager))?.weakest;
    const weakest = link ? `${link.step}: ${Math.round(link.conversion * 100)}% / ${Math.round(link.team * 100)}%` : null;
    // A manager with no figures this week gets no e-mail (and is not waited for).
    if (!mine) nothingFor.push(to);
    return mine ? [managerDigest(to, mine, weakest, input)] : [];
  });
  return { mails, nothingFor, chart: mails.some((m) => m.chart) ? chartOf(context, review) : null };
}

/** Won revenue (else won deals) of the trends' 12 weeks as a column chart image. */
function chartOf(context: JobContext, review: DigestInput['review']): GoogleAppsScript.Base.Blob {
  const { Charts } = context.services;
  const kpi = review.history.some((r) => r.kpi === 'wonRevenue' && !r.manager) ? 'wonRevenue' : 'wonDeals';
  let table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'week').addColumn(Charts.ColumnType.NUMBER, kpi);
  for (const week of review.weeks)
    table = table.addRow([
      weekLabel(week).slice(5),
      review.history.find((r) => r.week === week && !r.manager && !r.step && r.kpi === kpi)?.value ?? 0,
    ]);
  return Charts.newColumnChart().setDataTable(table).setDimensions(600, 240).build().getAs('image/png');
}

/** Turned on mid-week: the week already over is not a missed one; the first digest is next Monday's. */
function firstState(settings: Settings, week: number): DigestState {
  return { week: weekLabel(week), done: digestRecipients(settings).map((r) => r.to), sending: null, tries: {} };
}

/**
 * At a change or menu action (the one that turned the digest on, first): the digest's state is written
 * if it has none, so that "the week already over" is the one over when it was turned on — not the one
 * over when a clock run, or a catch-up days later, first ran it. While the digest is off its state is
 * dropped, so that turning it on again weeks later does not send an old week late.
 */
export function primeDigest(context: JobContext): void {
  const properties = context.services.PropertiesService.getDocumentProperties();
  const stored = properties.getProperty(DIGEST_STATE_KEY);
  if (!context.settings.weekly.digest) {
    if (stored !== null) properties.deleteProperty(DIGEST_STATE_KEY);
    return;
  }
  if (stored !== null) return;
  const week = lastCompleteWeek(wallNow(context).wall);
  properties.setProperty(DIGEST_STATE_KEY, JSON.stringify(firstState(context.settings, week)));
}

export const weeklyDigestJob: ScheduledJob = {
  name: DIGEST_STATE_KEY,
  dueAt(context) {
    if (!context.settings.weekly.digest || !digestRecipients(context.settings).length) return null;
    const state = readDigestState(context.services.PropertiesService.getDocumentProperties().getProperties());
    const { wall, instant } = wallNow(context);
    const week = lastCompleteWeek(wall);
    const finished = state && state.week === weekLabel(week) && !pendingOf(context.settings, state).length;
    const due = instant((finished ? week + WEEK : week) + WEEK + DIGEST_HOUR * HOUR);
    return state?.retryAt && !finished ? Math.max(due, state.retryAt) : due;
  },
  run(context) {
    if (!context.settings.weekly.digest) return;
    const properties = context.services.PropertiesService.getDocumentProperties();
    const { wall } = wallNow(context);
    const week = lastCompleteWeek(wall);
    if (wall < week + WEEK + DIGEST_HOUR * HOUR) return;
    let state = readDigestState(properties.getProperties());
    if (!state) state = firstState(context.settings, week);
    // A new week replaces the one before, sent or not: a missed week goes late only until the next is due.
    if (!state || state.week !== weekLabel(week)) state = { week: weekLabel(week), done: [], sending: null, tries: {} };
    if (state.sending) state = { ...state, done: [...state.done, state.sending], sending: null };
    const save = () => properties.setProperty(DIGEST_STATE_KEY, JSON.stringify(state));
    const waiting = pendingOf(context.settings, state);
    if (!waiting.length) return save();
    const quota = Math.max(0, context.services.MailApp.getRemainingDailyQuota());
    if (quota === 0) {
      state = { ...state, retryAt: context.now + HOUR };
      return save();
    }
    const composed = composeMails(context, week, wall, waiting.slice(0, quota));
    if (!composed) {
      // The tracker cannot be read (the summary says why): tried again in an hour, not every wake-up.
      state = { ...state, retryAt: context.now + HOUR };
      return save();
    }
    if (composed.nothingFor.length) state = { ...state, done: [...state.done, ...composed.nothingFor] };
    for (const mail of composed.mails) {
      state = { ...state, sending: mail.to, retryAt: undefined };
      save();
      try {
        const options =
          composed.chart && mail.chart ? { htmlBody: mail.htmlBody, inlineImages: { chart: composed.chart } } : { htmlBody: mail.htmlBody };
        context.services.MailApp.sendEmail(mail.to, mail.subject, mail.body, options);
        state = { ...state, done: [...state.done, mail.to], sending: null };
      } catch {
        // It did not go: tried again on a later run, up to three times, then given up (counted as done).
        const tries: number = (state.tries[mail.to] ?? 0) + 1;
        state = {
          ...state,
          sending: null,
          tries: { ...state.tries, [mail.to]: tries },
          done: tries >= MAX_TRIES ? [...state.done, mail.to] : state.done,
          retryAt: context.now + HOUR,
        };
      }
      save();
    }
    if (waiting.length > quota) {
      state = { ...state, retryAt: context.now + HOUR };
      save();
    }
  },
};

function pendingOf(settings: Settings, state: DigestState): { to: string; manager: string | null }[] {
  const done = new Set(state.done.map((d) => d.toLowerCase()));
  if (state.sending) done.add(state.sending.toLowerCase());
  return digestRecipients(settings).filter((r) => !done.has(r.to.toLowerCase()));
}
