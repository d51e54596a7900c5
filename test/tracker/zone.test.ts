// Date cells read and written in the spreadsheet's own zone, whatever the script's zone is.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { WallTimeReader, zoneClock, zoneOffset } from '../../src/tracker/dates';
import { SETTINGS_KEY } from '../../src/settings/storage';

describe('a clock in the spreadsheet’s zone', () => {
  it('reads a Date as the wall time of that zone, and writes a wall time back as the same instant', () => {
    const clock = zoneClock('Asia/Vladivostok');
    const instant = new Date(Date.UTC(2026, 10, 27, 8, 55)); // 18:55 in Vladivostok (UTC+10)
    expect(clock.wallOf(instant)).toBe(Date.UTC(2026, 10, 27, 18, 55));
    expect(clock.dateOf(Date.UTC(2026, 10, 27, 18, 55)).getTime()).toBe(instant.getTime());
  });

  it('round-trips across a daylight-saving change', () => {
    const clock = zoneClock('Europe/Berlin');
    for (let t = Date.UTC(2024, 2, 30, 20); t < Date.UTC(2024, 2, 31, 6); t += 15 * 60_000) {
      expect(clock.dateOf(clock.wallOf(new Date(t))).getTime()).toBe(t);
    }
  });

  it('reads a column of Dates in a named zone exactly as one lookup per Date would, across every change of 2024 and 1981', () => {
    for (const zone of ['Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Africa/Casablanca', 'Asia/Tehran', 'Pacific/Chatham', 'Europe/Moscow']) {
      const offsetAt = zoneOffset(zone)!;
      const read = new WallTimeReader(() => offsetAt);
      const dates: Date[] = [];
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 37 * 60_000) dates.push(new Date(t));
      for (let t = Date.UTC(1981, 2, 1); t < Date.UTC(1981, 10, 1); t += 97 * 60_000) dates.push(new Date(t));
      const wrong = dates.filter((d) => read.wallOf(d) !== d.getTime() - offsetAt(d.getTime()) * 60_000).length;
      expect(wrong, zone).toBe(0);
    }
  });

  it('reads a zone’s offset from Intl’s text exactly as from its parts, every 23 hours 59 minutes of 1970–2040', () => {
    const viaParts = (zone: string) => {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      return (t: number) => {
        const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, Number(x.value)]));
        return Math.round((Math.floor(t / 1000) * 1000 - Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second)) / 60_000);
      };
    };
    for (const zone of ['Europe/Moscow', 'America/St_Johns', 'Asia/Kolkata', 'Pacific/Chatham', 'Africa/Casablanca', 'UTC']) {
      const ours = zoneOffset(zone)!;
      const theirs = viaParts(zone);
      let wrong = 0;
      for (let t = Date.UTC(1970, 0, 1); t < Date.UTC(2040, 0, 1); t += 1439 * 60_000 + 17_000) if (ours(t) !== theirs(t)) wrong++;
      expect(wrong, zone).toBe(0);
    }
  });

  it('falls back to the script’s zone for a zone it does not know', () => {
    const clock = zoneClock('Nowhere/Atlantis');
    const d = new Date(2026, 0, 5, 10, 30);
    expect(clock.wallOf(d)).toBe(d.getTime() - d.getTimezoneOffset() * 60_000);
  });
});

describe('through the host, with the spreadsheet in Vladivostok and the script elsewhere', () => {
  const vlat = (day: number, h: number, m: number) => new Date(Date.UTC(2026, 10, day, h - 10, m)); // Vladivostok local → instant

  it('the lead watch counts working hours in the spreadsheet’s zone: Friday 18:55 is due Monday 09:05 there', () => {
    const created = vlat(27, 18, 55);
    const host = createHost({ spreadsheetTimeZone: 'Asia/Vladivostok', now: created });
    host.setSheet('Leads', [['ID', 'Created', 'Responded', 'Manager', 'Assigned at'], ['L1', created, '', 'Anna', created]]);
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({
      version: 1,
      sources: { deals: null, activities: null, leads: { sheet: 'Leads', columns: { id: 'ID', created: 'Created', responded: 'Responded', manager: 'Manager', assigned_at: 'Assigned at' } } },
      sla: { minutes: 10, workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' }, rotation: [{ manager: 'Anna', onDuty: true }, { manager: 'Boris', onDuty: true }] },
    }));
    host.clock.set(vlat(27, 19, 30)); // Friday evening there: nothing due
    host.run('menuWatchCheck');
    host.clock.set(vlat(30, 9, 4)); // Monday 09:04 there
    host.run('menuWatchCheck');
    expect(host.book.rows('Leads')[1][3]).toBe('Anna');
    host.clock.set(vlat(30, 9, 6));
    host.run('menuWatchCheck');
    expect(host.book.rows('Leads')[1][3]).toBe('Boris');
    expect((host.book.rows('Leads')[1][4] as Date).getTime()).toBe(vlat(30, 9, 6).getTime());
  });

  it('the summary puts a deal created just after midnight on the 1st into that month', () => {
    const host = createHost({ spreadsheetTimeZone: 'Asia/Vladivostok', now: vlat(27, 12, 0) });
    host.setSheet('Deals', [['Stage', 'Created'], ['Lead', vlat(1, 0, 30)], ['Lead', new Date(Date.UTC(2026, 9, 31, 13, 30))] /* 31 Oct 23:30 in Vladivostok */]);
    host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({
      version: 1, period: 'this_month', funnel: ['Lead', 'Paid'],
      sources: { deals: { sheet: 'Deals', columns: { stage: 'Stage', created: 'Created' } }, activities: null, leads: null },
    }));
    host.run('menuBuildSummary');
    const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))!;
    const rows = host.book.rows(summary.name);
    const header = rows.findIndex((r) => r[0] === 'Stage');
    // 1 Nov 00:30 there is in November; 31 Oct 23:30 there is not.
    expect(rows[header + 1][1]).toBe(1);
  });
});
