// A leads sheet and lead-watch settings in the host, with a clock: what the lead-watch tests share.
import { expect } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { loadSettings, saveSettings, SETTINGS_KEY } from '../../src/settings/storage';
import { parseSettingsDocument } from '../../src/settings/document';
import { WATCH_ON_KEY } from '../../src/watch/triggers';

export const MIN = 60_000;
export const T0 = new Date(2026, 10, 25, 10, 0).getTime(); // a Wednesday

export function watchHost(
  options: {
    leads?: unknown[][];
    max?: number;
    workingHours?: object | null;
    now?: number;
    on?: boolean;
    notify?: boolean;
    refreshed?: boolean;
  } & HostOptions = {},
): Host {
  const host = createHost({ ...options, now: options.now ?? T0 });
  // The formula refresh is the scheduler's other job: done just now (and finding no formulas) unless a test says otherwise.
  if (options.refreshed !== false)
    host.documentProperties.setProperty('salesKpi.refresh.last', JSON.stringify({ at: options.now ?? T0, cells: 0 }));
  // Most tests run a sweep as its triggers would, with the watch already on.
  if (options.on !== false) host.documentProperties.setProperty(WATCH_ON_KEY, 'true');
  host.setSheet('Leads', [
    ['ID', 'Created', 'Responded', 'Manager', 'Assigned at', 'Source'],
    ...(options.leads ?? [['L1', new Date(T0), '', 'Anna', new Date(T0), 'Site']]),
  ]);
  host.documentProperties.setProperty(
    SETTINGS_KEY,
    JSON.stringify({
      version: 1,
      sources: {
        deals: null,
        activities: null,
        leads: {
          sheet: 'Leads',
          columns: {
            id: 'ID',
            created: 'Created',
            responded: 'Responded',
            manager: 'Manager',
            assigned_at: 'Assigned at',
            source: 'Source',
          },
        },
      },
      sla: {
        minutes: 10,
        workingHours: options.workingHours ?? null,
        maxReassignments: options.max ?? 3,
        notifyManagers: options.notify ?? true,
        everyMinute: false,
        rotation: [
          { manager: 'Anna', email: 'anna@example.com', onDuty: true },
          { manager: 'Boris', email: 'boris@example.com', onDuty: true },
          { manager: 'Chloe', email: '', onDuty: false },
          { manager: 'David', email: 'david@example.com', onDuty: true },
        ],
      },
      headOfSalesEmail: 'head@example.com',
    }),
  );
  return host;
}

export const leads = (host: Host) => host.book.rows('Leads');
export const log = (host: Host) => {
  const sheet = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.watchLog'));
  return sheet ? host.book.rows(sheet.name).slice(1) : [];
};
export const at = (minutes: number) => new Date(T0 + minutes * MIN);
/** The user's one clock trigger (the scheduler's), as a list: a test asserts there is never more than one. */
export const deadlineTriggers = (host: Host, user = host.user) =>
  host.triggers.list.filter((t) => t.user === user && ['after', 'every', 'calendar'].includes(t.kind));

/** Changes the stored settings as the sidebar saves them: read, changed, checked by the schema, saved sealed. */
export function editSettings(host: Host, change: (settings: Record<string, any>) => void): void {
  const settings = structuredClone(loadSettings(host.documentProperties).settings) as Record<string, any>;
  change(settings);
  saveSettings(host.documentProperties, parseSettingsDocument(JSON.stringify(settings)).settings);
}

/**
 * The readings under which an add-on's timed checks come when asked, see the document and make triggers
 * that fire: where the watch is exact to the minute. A test of that exactness sets them (the listing of
 * clock triggers still comes from HOST_READINGS); test/watch/readings.test.ts runs its day under all 16.
 */
export const CLOCK_WORKS = { addonOneShot: 'asked', clockSeesDocument: true, triggersFromTriggers: 'fire' } as const;

/**
 * Google refuses a second clock trigger only where it does not list ours (a cut run left one no document
 * records): once, after which the product removes that orphan and makes the clock again.
 */
export function expectRefusedAtMostOnce(host: Host, label: string): void {
  if (host.readings.clockTriggersListed) expect(host.triggers.refused, label).toEqual([]);
  else expect(host.triggers.refused.length, label).toBeLessThanOrEqual(1);
}
