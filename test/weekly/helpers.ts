// A sample tracker in the host with the weekly rhythm on, and a clock to run it by: what the weekly tests share.
import { createHost, type Host, type HostOptions } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { editSettings } from '../helpers/watch';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** Monday 30 November 2026, 00:00 in the host's zone (vitest runs in UTC). */
export const MONDAY = new Date(2026, 10, 30).getTime();

/**
 * The sample tracker with the digest turned on, on a Friday, under the readings HOST_READINGS gives
 * (a test that asserts the clock's exact hour sets CLOCK_WORKS: clock runs that come, see the document
 * and make triggers that fire). Where they do not, the weekly jobs are caught up at the next change or
 * menu action (test/weekly/catchUp.test.ts).
 */
export function weeklyHost(options: HostOptions & { managers?: boolean; rotation?: object[] } = {}): Host {
  const host = createHost({ now: MONDAY - 3 * DAY + 10 * HOUR, ...options });
  host.run('menuInsertSample');
  editSettings(host, (s) => {
    s.headOfSalesEmail = 'head@example.com';
    s.weekly = { ...s.weekly, managerEmails: options.managers ?? false, recipients: [] };
    if (options.rotation) s.sla.rotation = options.rotation;
  });
  // Turned on as a user does: the menu item, which also sets the scheduler's clock.
  host.run('menuDigestOn');
  return host;
}

/** One run of the scheduler (the entry point its clock trigger runs): every due job, then the next wake-up. */
export function runDue(host: Pick<Host, 'run'>): void {
  host.run('runScheduledJobs', { triggerUid: 'test' });
}

/** The add-on's clock triggers of each user in the document: never more than one each. */
export function clockTriggersPerUser(host: Host): number[] {
  const counts = new Map<string, number>();
  for (const t of host.triggers.list)
    if (t.kind !== 'change' && t.kind !== 'edit' && t.kind !== 'open' && t.kind !== 'formSubmit')
      counts.set(t.user, (counts.get(t.user) ?? 0) + 1);
  return [...counts.values()];
}

export const historyRows = (host: Host) => {
  const sheet = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.history'));
  return sheet ? host.book.rows(sheet.name).slice(1) : [];
};

export const openDealRows = (host: Host) => {
  const sheet = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.openDeals'));
  return sheet ? host.book.rows(sheet.name).slice(1) : [];
};

export const digests = (host: Host, to = 'head@example.com') => host.outbox.filter((m) => m.to === to && /KPI/.test(m.subject));

/** Each history row's identity (week, scope, manager, step, KPI): a week recorded twice repeats one. */
export const rowKeys = (rows: unknown[][]) => rows.map((r) => r.slice(0, 5).join('|'));
