// The weekly rhythm over simulated months in the host, on the sample tracker: the record and the digest
// run as the scheduler runs them (each due job, in order) — or, where clock runs cannot, at the next
// change or menu item — with the lead watch on and off, two users, the e-mail quota used up.
// Failures and kills: test/weekly/crash.test.ts (the clock's run) and catchUp.test.ts (an action's).
import { describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/index';
import { clockTriggersPerUser, digests, historyRows, HOUR, MONDAY, openDealRows, rowKeys, runDue, WEEK, weeklyHost } from './helpers';

/**
 * Advances the clock hour by hour to `until`, firing the clock triggers that are due; on working days at
 * 10:00 someone works in the spreadsheet (an edit the lead watch's change trigger sees, else a menu
 * item). Where clock runs cannot do the weekly jobs (HOST_READINGS), that is the run that catches up.
 */
function advance(host: Host, until: number): void {
  while (host.clock.now() < until) {
    host.clock.advance(HOUR);
    host.fireDueTriggers();
    const now = new Date(host.clock.now());
    if (now.getHours() === 10 && now.getDay() >= 1 && now.getDay() <= 5) {
      if (host.fireChange().length === 0) host.run('menuRefreshFormulas');
    }
    expect(
      clockTriggersPerUser(host).every((n) => n <= 1),
      'two clock triggers for one user',
    ).toBe(true);
  }
}

/** Whether clock runs can do the weekly jobs on their own: they see the document, and the triggers they make fire. */
const clockWorks = (host: Host) => host.readings.clockSeesDocument && host.readings.triggersFromTriggers === 'fire';

const weekOf = (subject: string) => /(\d{4}-\d{2}-\d{2})/.exec(subject)![1];

function expectOneSetPerWeek(host: Host): string[] {
  const keys = rowKeys(historyRows(host));
  expect(new Set(keys).size, 'a history row repeated').toBe(keys.length);
  return [...new Set(historyRows(host).map((r) => String(r[0])))].sort();
}

describe('three simulated months of the weekly rhythm', () => {
  for (const watch of [false, true]) {
    it(`one digest per Monday to the head of sales and one set of history rows per week (lead watch ${watch ? 'on' : 'off'})`, () => {
      const host = weeklyHost();
      if (watch) host.run('menuWatchOn');
      // The clock the menu set (within the hour, or an hour), or else Monday's first change or menu item: the back-fill.
      advance(host, MONDAY + 11 * HOUR);
      const backFilled = expectOneSetPerWeek(host);
      expect(backFilled.length).toBeGreaterThan(10);
      advance(host, MONDAY + 13 * WEEK);
      const mails = digests(host);
      // Turned on on a Friday: the first digest is the next Monday's, then one every Monday, none late.
      expect(mails.map((m) => weekOf(m.subject))).toEqual(
        Array.from({ length: 13 }, (_, i) => new Date(MONDAY - WEEK + i * WEEK).toISOString().slice(0, 10)),
      );
      // By the clock early on Monday; else at Monday's first change or menu item after the clock had two hours.
      const lastHour = clockWorks(host) ? 8 : 11;
      for (const m of mails) {
        const sent = new Date(m.at);
        expect([sent.getDay(), sent.getHours() >= 6 && sent.getHours() < lastHour]).toEqual([1, true]);
        expect(m.subject).not.toMatch(/late/);
        expect(m.htmlBody).toContain('<img src="cid:chart"');
        expect([...m.inlineImages!.chart.bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      }
      // Monday's first run recorded the week of the 23rd: twelve weeks more since, each once, none missing.
      const weeks = expectOneSetPerWeek(host);
      expect(weeks.at(-1)).toBe(new Date(MONDAY + 11 * WEEK).toISOString().slice(0, 10));
      expect(weeks.length).toBe(backFilled.length + 12);
      expect(weeks.slice(-13)).toEqual(Array.from({ length: 13 }, (_, i) => new Date(MONDAY - WEEK + i * WEEK).toISOString().slice(0, 10)));
      // The open deals are recorded each week from the first run on: Friday's, where the clock the menu set can see the document, keeps the week just ended.
      expect(new Set(openDealRows(host).map((r) => r[0])).size).toBe(host.readings.clockSeesDocument ? 14 : 13);
    }, 300_000);
  }

  it('back-fill writes exactly what the weekly record wrote week by week', () => {
    const weekly = weeklyHost();
    runDue(weekly);
    advance(weekly, MONDAY + 6 * WEEK);
    // A second spreadsheet with the same tracker, first recorded six weeks later: everything back-filled at once.
    const late = weeklyHost({ now: weekly.clock.now() });
    for (const name of ['Deals', 'Activities', 'Leads']) late.setSheet(name, weekly.book.rows(name));
    runDue(late);
    const strip = (rows: unknown[][]) => rows.map((r) => r.slice(0, 9).map((v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v)));
    const ofWeeks = (rows: unknown[][], weeks: Set<unknown>) => strip(rows.filter((r) => weeks.has(r[0])));
    const recordedWeekly = new Set(historyRows(weekly).map((r) => r[0]));
    expect(ofWeeks(historyRows(late), recordedWeekly)).toEqual(ofWeeks(historyRows(weekly), recordedWeekly));
    expect(recordedWeekly.size).toBeGreaterThan(15);
  });

  it('a week the quota kept back goes once, the next day, marked late', () => {
    const host = weeklyHost({ mailQuota: 3 });
    runDue(host);
    host.clock.set(MONDAY + 5 * HOUR);
    runDue(host);
    // Monday's quota used up before the digest's hour.
    host.script(`for (let i = 0; i < 3; i++) MailApp.sendEmail('other@example.com', 'x', 'y');`);
    // The next Monday's by 11:00: the clock's early on, or the catch-up at the first change or menu item.
    advance(host, MONDAY + WEEK + 11 * HOUR);
    const mails = digests(host);
    expect(mails.map((m) => [weekOf(m.subject), /late/.test(m.subject), new Date(m.at).getDay()])).toEqual([
      ['2026-11-23', true, 2],
      ['2026-11-30', false, 1],
    ]);
  });

  it('each manager gets only their own figures, once a week', () => {
    const host = weeklyHost({
      managers: true,
      rotation: [
        { manager: 'Anna Smirnova', email: 'anna@example.com', onDuty: true },
        { manager: 'Boris Ivanov', email: 'boris@example.com', onDuty: true },
      ],
    });
    runDue(host);
    advance(host, MONDAY + 2 * WEEK);
    const anna = digests(host, 'anna@example.com');
    expect(anna).toHaveLength(2);
    expect(anna[0].htmlBody).toContain('Anna Smirnova');
    expect(anna[0].htmlBody).not.toMatch(/Boris|Chloe|David|Elena/);
    expect(digests(host, 'boris@example.com')).toHaveLength(2);
    expect(digests(host)).toHaveLength(2);
  });

  it('two users: the rhythm runs as whoever runs it, and the week is still recorded once and sent once', () => {
    const host = weeklyHost();
    runDue(host);
    host.clock.set(MONDAY + 8 * HOUR);
    runDue(host.as('chloe@example.com'));
    runDue(host);
    expect(digests(host)).toHaveLength(1);
    expectOneSetPerWeek(host);
  });
});

describe('turned off and on again', () => {
  it('weeks later, mid-week: no old week sent late; the next Monday’s goes', () => {
    const host = weeklyHost();
    runDue(host);
    host.clock.set(MONDAY + 8 * HOUR);
    runDue(host);
    expect(digests(host).map((m) => weekOf(m.subject))).toEqual(['2026-11-23']);
    host.run('menuDigestOff');
    // Wednesday two weeks on: turned on again, and the scheduler's run right after.
    host.clock.set(MONDAY + 2 * WEEK + 2 * 24 * HOUR + 10 * HOUR);
    host.run('menuDigestOn');
    runDue(host);
    expect(digests(host)).toHaveLength(1);
    host.clock.set(MONDAY + 3 * WEEK + 8 * HOUR);
    runDue(host);
    expect(digests(host).map((m) => [weekOf(m.subject), /late/.test(m.subject)])).toEqual([
      ['2026-11-23', false],
      ['2026-12-14', false],
    ]);
  });
});

describe('when the tracker cannot be read', () => {
  it('the record and the digest wait (a day, an hour) instead of waking the clock every few minutes', () => {
    const host = weeklyHost();
    host.book.sheets = host.book.sheets.filter((s) => s.name !== 'Deals');
    let runs = 0;
    for (let h = 0; h < 24; h++) {
      host.clock.advance(HOUR);
      runs += host.fireDueTriggers().length;
    }
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThanOrEqual(3);
    expect(historyRows(host)).toEqual([]);
    expect(digests(host)).toEqual([]);
  });
});
