// A sample tracker in the host with the weekly rhythm on, and a clock to run it by: what the weekly tests share.
import { createHost, type Host, type HostOptions } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { editSettings } from '../helpers/watch';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** Monday 30 November 2026, 00:00 in the host's zone (vitest runs in UTC). */
export const MONDAY = new Date(2026, 10, 30).getTime();

export function weeklyHost(options: HostOptions & { managers?: boolean } = {}): Host {
  const host = createHost({ now: MONDAY - 3 * DAY + 10 * HOUR, ...options });
  host.run('menuInsertSample');
  editSettings(host, (s) => {
    s.headOfSalesEmail = 'head@example.com';
    s.weekly = { ...s.weekly, digest: true, managerEmails: options.managers ?? false, recipients: [] };
  });
  return host;
}

/** The weekly jobs that are due, run once as the scheduler would (through the actions bundle of dist/). */
export function runDue(host: Pick<Host, 'script'>): string[] {
  return host.script(`return (0, eval)(HtmlService.createTemplateFromFile('Actions').getRawContent()).runWeeklyJobsDue()`) as string[];
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
