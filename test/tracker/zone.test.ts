// Date cells read and written in the spreadsheet's own zone, whatever the script's zone is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { MS_PER_DAY, offsetsOf, WallTimeReader, ZERO_ZONES, zoneClock, zoneOffset } from '../../src/tracker/dates';
import { SETTINGS_KEY } from '../../src/settings/storage';

/** How many Intl.DateTimeFormat objects `run` makes (the global is swapped for a counting subclass meanwhile). */
function formattersMadeBy(run: () => void): number {
  const Original = Intl.DateTimeFormat;
  let made = 0;
  Intl.DateTimeFormat = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      made++;
    }
  } as typeof Original;
  try {
    run();
  } finally {
    Intl.DateTimeFormat = Original;
  }
  return made;
}

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
    for (const zone of [
      'Europe/Berlin',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
      'Africa/Casablanca',
      'Asia/Tehran',
      'Pacific/Chatham',
      'Europe/Moscow',
    ]) {
      const offsetAt = zoneOffset(zone)!;
      const read = new WallTimeReader(() => offsetAt);
      const dates: Date[] = [];
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 37 * 60_000) dates.push(new Date(t));
      for (let t = Date.UTC(1981, 2, 1); t < Date.UTC(1981, 10, 1); t += 97 * 60_000) dates.push(new Date(t));
      const wrong = dates.filter((d) => read.wallOf(d) !== d.getTime() - offsetAt(d.getTime()) * 60_000).length;
      expect(wrong, zone).toBe(0);
    }
  });

  it('reads the closest pair of changes in the time-zone data: Recife, Noronha and Boa Vista in October 2000, 6 days 23 hours apart', () => {
    // Summer time began on 8 October 2000 (03:00 UTC) and was called off on the 15th (02:00 UTC):
    // UTC days seven apart, so no week of the reader's (seven UTC days) holds both. Then the next
    // closest: Tucumán in June 2004 (12 days), Cairo in September 2010 (21 days).
    for (const zone of ['America/Recife', 'America/Noronha', 'America/Boa_Vista', 'America/Argentina/Tucuman', 'Africa/Cairo']) {
      const offsetAt = zoneOffset(zone)!;
      const times: number[] = [];
      for (let t = Date.UTC(2000, 8, 1); t < Date.UTC(2000, 11, 1); t += 17 * 60_000) times.push(t);
      for (let t = Date.UTC(2004, 4, 1); t < Date.UTC(2004, 7, 1); t += 17 * 60_000) times.push(t);
      for (let t = Date.UTC(2010, 7, 1); t < Date.UTC(2010, 10, 1); t += 17 * 60_000) times.push(t);
      for (const order of [times, [...times].reverse()]) {
        const read = new WallTimeReader(() => offsetAt);
        const wrong = order.filter((t) => read.wallAt(t) !== t - offsetAt(t) * 60_000).length;
        expect(wrong, zone).toBe(0);
      }
    }
  });

  it('reads Dates in any order, near and across every change, with gaps of months and decades, exactly as one lookup per Date would', () => {
    // The reader keeps a span of days with one offset and widens it as dates come; any order of
    // dates must give what the zone's offset at each instant gives.
    const zones = ['Europe/Berlin', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Africa/Casablanca', 'Europe/Moscow', 'Asia/Almaty', 'UTC'];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 11, 31) }),
      // four months with Casablanca's two changes of Ramadan 2024 five weeks apart (and Berlin's March one)
      fc.integer({ min: Date.UTC(2024, 1, 1), max: Date.UTC(2024, 4, 31) }),
      fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2040, 0, 1) }),
      // within a day of a change, where the span must stop
      fc
        .constantFrom(Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1), Date.UTC(2011, 2, 27, 0), Date.UTC(2014, 9, 26, 0))
        .chain((t) => fc.integer({ min: t - MS_PER_DAY, max: t + MS_PER_DAY })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(instant, { minLength: 1, maxLength: 300 }), (zone, times) => {
        const offsetAt = zoneOffset(zone)!;
        const read = new WallTimeReader(() => offsetAt);
        for (const t of times) expect(read.wallAt(t), `${zone} ${new Date(t).toISOString()}`).toBe(t - offsetAt(t) * 60_000);
      }),
      { numRuns: 300 },
    );
  });

  it('does not widen the span of one offset across a stretch of another: Casablanca around Ramadan 2024, from either side', () => {
    const offsetAt = zoneOffset('Africa/Casablanca')!;
    const march1 = Date.UTC(2024, 2, 1, 12);
    const march20 = Date.UTC(2024, 2, 20, 12); // in Ramadan: UTC+0, an hour from the +1 on either side
    const april20 = Date.UTC(2024, 3, 20, 12);
    expect(offsetAt(march1)).toBe(offsetAt(april20));
    expect(offsetAt(march20)).not.toBe(offsetAt(march1));
    for (const order of [
      [march1, april20, march20],
      [april20, march1, march20],
    ]) {
      const read = new WallTimeReader(() => offsetAt);
      expect(order.map((t) => read.wallAt(t))).toEqual(order.map((t) => t - offsetAt(t) * 60_000));
    }
  });

  it('reads the millisecond before, at and after every change of 2024 as the zone’s offset at that instant', () => {
    for (const zone of [
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Africa/Casablanca',
      'Pacific/Chatham',
      'America/Santiago',
    ]) {
      const offsetAt = zoneOffset(zone)!;
      const instants: number[] = [];
      for (let h = Date.UTC(2024, 0, 1); h < Date.UTC(2025, 0, 1); h += 3_600_000) {
        if (offsetAt(h) === offsetAt(h + 3_600_000)) continue;
        let lo = h;
        let hi = h + 3_600_000;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetAt(mid) === offsetAt(h)) lo = mid;
          else hi = mid;
        }
        instants.push(hi - 60_001, hi - 1, hi, hi + 1, hi + 60_000);
      }
      expect(instants.length, zone).toBeGreaterThanOrEqual(10);
      // Each day of change first read at its last millisecond, then at its first ones: the change is found once.
      const read = new WallTimeReader(() => offsetAt);
      for (const t of [...instants].reverse())
        expect(read.wallAt(t), `${zone} ${new Date(t).toISOString()}`).toBe(t - offsetAt(t) * 60_000);
    }
  });

  it('reads every UTC day start, and the millisecond either side, of 2023–2025 as the zone’s offset there, in any order', () => {
    // The reader finds a day's entry by multiplying by 1 / MS_PER_DAY: at a day's exact start
    // that must land on the day itself, for every day of its table.
    for (let j = 0; j < 16_384; j++) expect((j * MS_PER_DAY * (1 / MS_PER_DAY)) | 0).toBe(j);
    for (const zone of ['Europe/Berlin', 'Africa/Casablanca', 'America/Havana', 'Asia/Beirut', 'Pacific/Chatham', 'UTC']) {
      const offsetAt = zoneOffset(zone)!;
      const instants: number[] = [];
      for (let d = Date.UTC(2023, 0, 1); d < Date.UTC(2026, 0, 1); d += MS_PER_DAY) instants.push(d - 1, d, d + 1);
      fc.assert(
        fc.property(fc.shuffledSubarray(instants, { minLength: instants.length }), (order) => {
          const read = new WallTimeReader(() => offsetAt);
          for (const t of order) if (read.wallAt(t) !== t - offsetAt(t) * 60_000) return false;
          return true;
        }),
        { numRuns: 5 },
      );
      const read = new WallTimeReader(() => offsetAt);
      for (const t of instants) expect(read.wallAt(t), `${zone} ${new Date(t).toISOString()}`).toBe(t - offsetAt(t) * 60_000);
    }
  });

  it('makes one Intl formatter per zone however many readers ask for its offsets', () => {
    const zone = 'America/Argentina/Ushuaia'; // asked by no other test
    let walls: number[] = [];
    const made = formattersMadeBy(() => {
      walls = [1, 2, 3].map(() => new WallTimeReader(() => offsetsOf(zone)).wallAt(Date.UTC(2024, 5, 1, 12)));
    });
    expect(made).toBe(1);
    expect(walls).toEqual([Date.UTC(2024, 5, 1, 9), Date.UTC(2024, 5, 1, 9), Date.UTC(2024, 5, 1, 9)]);
  });

  it('reads UTC and GMT under any of their names without an Intl formatter, each instant as itself', () => {
    // Intl agrees: every name is offset zero at every instant of 1900–2100 we sample.
    for (const zone of ZERO_ZONES) {
      const offsetAt = zoneOffset(zone)!;
      for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 97 * MS_PER_DAY + 3_600_000) expect(offsetAt(t), zone).toBe(0);
    }
    const made = formattersMadeBy(() =>
      fc.assert(
        fc.property(
          fc.constantFrom(...ZERO_ZONES),
          fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { minLength: 1, maxLength: 200 }),
          (zone, instants) => {
            const read = new WallTimeReader(() => offsetsOf(zone));
            expect(instants.map((t) => read.wallAt(t))).toEqual(instants);
            expect(zoneClock(zone).dateOf(instants[0]).getTime()).toBe(instants[0]);
          },
        ),
      ),
    );
    expect(made).toBe(0);
  });

  it('reads a zone’s offset from Intl’s text exactly as from its parts, every 23 hours 59 minutes of 1970–2040', () => {
    const viaParts = (zone: string) => {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
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
    host.setSheet('Leads', [
      ['ID', 'Created', 'Responded', 'Manager', 'Assigned at'],
      ['L1', created, '', 'Anna', created],
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
            columns: { id: 'ID', created: 'Created', responded: 'Responded', manager: 'Manager', assigned_at: 'Assigned at' },
          },
        },
        sla: {
          minutes: 10,
          workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' },
          rotation: [
            { manager: 'Anna', onDuty: true },
            { manager: 'Boris', onDuty: true },
          ],
        },
      }),
    );
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
    host.setSheet('Deals', [
      ['Stage', 'Created'],
      ['Lead', vlat(1, 0, 30)],
      ['Lead', new Date(Date.UTC(2026, 9, 31, 13, 30))] /* 31 Oct 23:30 in Vladivostok */,
    ]);
    host.documentProperties.setProperty(
      SETTINGS_KEY,
      JSON.stringify({
        version: 1,
        period: 'this_month',
        funnel: ['Lead', 'Paid'],
        sources: { deals: { sheet: 'Deals', columns: { stage: 'Stage', created: 'Created' } }, activities: null, leads: null },
      }),
    );
    host.run('menuBuildSummary');
    const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))!;
    const rows = host.book.rows(summary.name);
    const header = rows.findIndex((r) => r[0] === 'Stage');
    // 1 Nov 00:30 there is in November; 31 Oct 23:30 there is not.
    expect(rows[header + 1][1]).toBe(1);
  });
});
