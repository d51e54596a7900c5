// Reading dates as trackers hold them, and whole days that stay whole across DST.
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { readDateColumn, wallTimeOfDate, WallTimeReader, MS_PER_DAY, dayOrderOfLocale } from '../../src/tracker/dates';
import { inEnglish, wall } from '../helpers/env';
import { listColumn } from '../../src/tracker/cells';

const read = (cells: unknown[], order: 'dmy' | 'mdy' = 'dmy', skipInvalid = false) =>
  readDateColumn(listColumn(cells), { arg: 'dates', localeOrder: () => order, skipInvalid, wall: new WallTimeReader() });

describe('reading dates', () => {
  it('reads ISO dates with and without a time', () => {
    const { wall: w } = read(['2024-03-05', '2024-03-05 14:30', '2024-03-05T14:30:15']);
    expect([...w]).toEqual([wall(2024, 3, 5), wall(2024, 3, 5, 14, 30), wall(2024, 3, 5, 14, 30) + 15000]);
  });

  it('reads dotted dates as day first, always', () => {
    expect([...read(['05.03.2024', '31.12.2023 09:15'], 'mdy').wall]).toEqual([wall(2024, 3, 5), wall(2023, 12, 31, 9, 15)]);
  });

  it('lets a first part over 12 make a slash column day-first, whatever the locale', () => {
    const { wall: w } = read(['01/02/2024', '25/02/2024'], 'mdy');
    expect(w[0]).toBe(wall(2024, 2, 1));
  });

  it('lets a second part over 12 make a dash column month-first', () => {
    const { wall: w } = read(['01-02-2024', '02-25-2024'], 'dmy');
    expect(w[0]).toBe(wall(2024, 1, 2));
  });

  it('asks the locale only when the column gives no evidence', () => {
    let asked = 0;
    const column = readDateColumn(listColumn(['01/02/2024']), {
      arg: 'd',
      localeOrder: () => (asked++, 'mdy'),
      skipInvalid: false,
      wall: new WallTimeReader(),
    });
    expect(asked).toBe(1);
    expect(column.wall[0]).toBe(wall(2024, 1, 2));
    readDateColumn(listColumn(['2024-01-02', '13/02/2024']), {
      arg: 'd',
      localeOrder: () => (asked++, 'mdy'),
      skipInvalid: false,
      wall: new WallTimeReader(),
    });
    expect(asked).toBe(1);
  });

  it('reads Sheets serial numbers (45356 is 2024-03-05)', () => {
    expect(read([45356, 45356.5]).wall[1]).toBe(wall(2024, 3, 5, 12));
  });

  it('reads Date objects made in another realm, as Apps Script passes them', () => {
    const OtherDate = vm.runInNewContext('Date') as DateConstructor;
    expect(read([new OtherDate(2024, 2, 5, 10, 0)]).wall[0]).toBe(wall(2024, 3, 5, 10));
  });

  it('keeps blanks as NaN and fails on a non-date with the row and the value', () => {
    expect(Number.isNaN(read(['', null]).wall[0])).toBe(true);
    expect(inEnglish(() => read(['2024-01-01', 'soon']))).toThrow(/dates row 2 is "soon", which is not a date.*skip_invalid/);
    expect(inEnglish(() => read(['31.02.2024']))).toThrow(/row 1/);
  });

  it('gives NaN, never 0 (1970), to every row without a date: blank, unreadable, an impossible day-first date, an Invalid Date', () => {
    const c = read(['', '  ', 'soon', '13/02/2024', '02/30/2024', new Date(NaN), null, 45356], 'mdy', true);
    expect([...c.wall].map((w) => (Number.isNaN(w) ? 'NaN' : w))).toEqual([
      'NaN',
      'NaN',
      'NaN',
      wall(2024, 2, 13),
      'NaN',
      'NaN',
      'NaN',
      wall(2024, 3, 5),
    ]);
    expect([...c.invalid]).toEqual([0, 0, 1, 0, 1, 1, 0, 0]);
  });

  it('with skip_invalid marks unreadable rows instead of failing', () => {
    const c = read(['2024-01-01', 'soon', true], 'dmy', true);
    expect(c.invalidCount).toBe(2);
    expect([...c.invalid]).toEqual([0, 1, 1]);
  });

  it('counts whole days across a daylight-saving change as whole days', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      const march30 = wallTimeOfDate(new Date(2024, 2, 30));
      const april1 = wallTimeOfDate(new Date(2024, 3, 1));
      expect((april1 - march30) / MS_PER_DAY).toBe(2);
    } finally {
      process.env.TZ = before;
    }
  });

  it('reads a column of Dates exactly as one lookup per Date would, across DST changes', () => {
    const before = process.env.TZ;
    for (const zone of ['Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/Moscow', 'UTC']) {
      process.env.TZ = zone;
      try {
        // Every 7 minutes through March–April and October–November 2024: both DST changes.
        const dates: Date[] = [];
        for (let t = Date.UTC(2024, 2, 1); t < Date.UTC(2024, 3, 15); t += 7 * 60_000) dates.push(new Date(t));
        for (let t = Date.UTC(2024, 9, 1); t < Date.UTC(2024, 10, 15); t += 7 * 60_000) dates.push(new Date(t));
        // …and a spring change 43 years earlier, far from the first date (the cache's other path).
        for (let t = Date.UTC(1981, 2, 20); t < Date.UTC(1981, 3, 10); t += 7 * 60_000) dates.push(new Date(t));
        const column = readDateColumn(listColumn(dates), {
          arg: 'd',
          localeOrder: () => 'dmy',
          skipInvalid: false,
          wall: new WallTimeReader(),
        });
        const mismatches = dates.filter((d, i) => column.wall[i] !== wallTimeOfDate(d)).length;
        expect(mismatches, zone).toBe(0);
      } finally {
        process.env.TZ = before;
      }
    }
  });

  it('knows which locales write the month first', () => {
    expect(dayOrderOfLocale('en_US')).toBe('mdy');
    expect(dayOrderOfLocale('ru_RU')).toBe('dmy');
    expect(dayOrderOfLocale('en_GB')).toBe('dmy');
  });
});
