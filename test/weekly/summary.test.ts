// The summary's weekly sections in the host, on the sample tracker: This week at the top, 12 weeks of
// trends, and the week's pipeline change — and the history the build records on the way.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { shownRows } from '../../dev/host/render';
import { editSettings } from '../helpers/watch';
import { HOUR, historyRows, MONDAY, openDealRows, rowKeys, runDue, WEEK, weeklyHost } from './helpers';

const shown = (host: Host) => {
  const sheet = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))!;
  return shownRows(host.book, sheet).map((r) => r.map((c) => c.text));
};
const titles = (rows: string[][]) => rows.filter((r, i) => i > 0 && rows[i - 1].every((c) => c === '') && r[0] !== '').map((r) => r[0]);
function section(rows: string[][], title: RegExp): string[][] {
  const start = rows.findIndex((r) => title.test(r[0]));
  const end = rows.findIndex((r, i) => i > start && r.every((c) => c === ''));
  return rows.slice(start + 1, end === -1 ? undefined : end);
}

describe('the summary’s weekly sections', () => {
  it('opens with This week, then the headline, 12 weeks of trends and the pipeline change; the details come last', () => {
    const host = weeklyHost();
    host.run('menuBuildSummary');
    const rows = shown(host);
    const order = titles(rows);
    expect(order.slice(0, 4)).toEqual(['This week', 'Headline', 'Trends: the last 12 weeks', 'Pipeline change: week of 2026-11-16']);
    expect(order.at(-2)).toBe('Managers: details');
    const actions = section(rows, /^This week$/).slice(1);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(5);
    // Each action: a sentence, its number, its money (when it has one), worth most first.
    const money = actions
      .map((r) => r.at(-1)!)
      .filter((m) => m !== '')
      .map((m) => Number(m.replace(/[^0-9.-]/g, '')));
    expect(money).toEqual([...money].sort((a, b) => b - a));
    expect(actions.every((r) => /^\d\. /.test(r[0]) && r.at(-2) !== '')).toBe(true);
    const trends = section(rows, /^Trends/);
    expect(trends[1].slice(1, 13).every((c) => /^\d\d-\d\d$/.test(c))).toBe(true);
    expect(trends.some((r) => r[0] === 'Won revenue, closed in period')).toBe(true);
    expect(trends.some((r) => /^Anna Smirnova · Lead → Qualified$/.test(r[0]))).toBe(true);
    const change = section(rows, /^Pipeline change/);
    expect(change.map((r) => r[0])).toEqual([
      'Movement',
      'New',
      'Advanced a stage',
      'Slipped back',
      'Won',
      'Lost',
      'Aged past 14 idle days',
      expect.stringMatching(/need the open deals of the week before/),
    ]);
    // Without last week's open deals, advanced and slipped back are blank, not zero.
    expect(change[2].slice(1, 3)).toEqual(['', '']);
  });

  it('records the history when built, once per week however often it is built', () => {
    const host = weeklyHost();
    host.run('menuBuildSummary');
    const first = rowKeys(historyRows(host));
    expect(first.length).toBeGreaterThan(100);
    const open = openDealRows(host);
    expect(open.length).toBeGreaterThan(10);
    // The week's open deals were written when the week was first recorded: a rebuild leaves them be.
    // (The sheet is written as one block from its header row down.)
    const header = JSON.stringify(host.book.rows('Open deals by week')[0]);
    let rewrites = 0;
    host.calls.before('Range.setValues', ([values]) => {
      const first = (values as unknown[][])[0].map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v));
      if (JSON.stringify(first) === header) rewrites++;
    });
    host.run('menuBuildSummary');
    expect(rowKeys(historyRows(host))).toEqual(first);
    expect(rewrites).toBe(0);
    expect(openDealRows(host)).toEqual(open);
    expect(host.book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['KPI history', 'Open deals by week']);
  });

  it('a build while another run holds the document lock leaves the history to that run, and still builds', () => {
    const host = weeklyHost();
    // The clock's weekly record (or a catch-up) is writing the history.
    host.lock.holder = {};
    host.run('menuBuildSummary');
    expect(historyRows(host)).toEqual([]);
    expect(host.book.sheets.some((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))).toBe(true);
    host.lock.holder = null;
    host.run('menuBuildSummary');
    expect(historyRows(host).length).toBeGreaterThan(100);
  });

  it('shows advanced and slipped back once the record has two weeks of open deals', () => {
    const host = weeklyHost();
    runDue(host);
    host.clock.set(MONDAY + 6 * HOUR);
    runDue(host);
    // A deal moved back a stage, one moved on, during the week.
    const deals = host.book.rows('Deals');
    const stage = deals[0].indexOf('Stage');
    const open = openDealRows(host)
      .filter((r) => r[0] === '2026-11-23')
      .map((r) => String(r[1]));
    const rowOf = (id: string) => deals.findIndex((r) => r[0] === id);
    const funnel = ['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'];
    const movable = open.filter((id) => {
      const i = funnel.indexOf(String(deals[rowOf(id)][stage]));
      return i > 0 && i < 4;
    });
    const [back, on] = movable;
    host.book.sheet('Deals')!.values[rowOf(back)][stage] = funnel[funnel.indexOf(String(deals[rowOf(back)][stage])) - 1];
    host.book.sheet('Deals')!.values[rowOf(on)][stage] = funnel[funnel.indexOf(String(deals[rowOf(on)][stage])) + 1];
    host.clock.set(MONDAY + WEEK + 6 * HOUR);
    runDue(host);
    host.run('menuBuildSummary');
    const change = section(shown(host), /^Pipeline change/);
    expect(change.find((r) => r[0] === 'Advanced a stage')![1]).toBe('1');
    expect(change.find((r) => r[0] === 'Slipped back')![1]).toBe('1');
  });

  it('in Russian: На этой неделе, Динамика, Движение сделок and the hidden История KPI', () => {
    const host = weeklyHost({ locale: 'ru_RU' });
    editSettings(host, (s) => {
      s.period = 'this_month';
    });
    host.run('menuBuildSummary');
    const order = titles(shown(host));
    expect([order[0], order[2], order[3]]).toEqual([
      'На этой неделе',
      'Динамика: последние 12 недель',
      expect.stringMatching(/^Движение сделок: неделя с /),
    ]);
    expect(host.book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['История KPI', 'Открытые сделки по неделям']);
  });
});
