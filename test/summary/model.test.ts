// The KPI summary's figures and sheet model on small trackers computed by hand — no host.
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { leakFigures, summaryFigures, type SummaryFigures } from '../../src/summary/figures';
import { summaryModel, COLOURS } from '../../src/summary/model';
import { periodRange } from '../../src/summary/period';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readActivities, readDeals, readLeads, type SkipNote } from '../../src/tracker/table';
import { wall } from '../helpers/env';
import { zoneClock } from '../../src/tracker/dates';

const NOW = wall(2026, 11, 27, 12);
const FUNNEL = ['Lead', 'Meeting', 'Proposal', 'Paid'];
const DEAL_HEADERS = ['ID', 'Created', 'Client', 'Manager', 'Stage', 'Status', 'Amount', 'Closed', 'Last activity'];
const d = (day: number, month = 11) => new Date(2026, month - 1, day);

function settingsFor(overrides: Partial<Settings> = {}): Settings {
  const s = defaultSettings();
  s.funnel = FUNNEL;
  s.targets = [0.5, 0.5, 0.9];
  s.period = 'this_month';
  s.sources = {
    deals: { sheet: 'Deals', columns: Object.fromEntries(['id', 'created', 'client', 'manager', 'stage', 'status', 'amount', 'closed', 'last_activity'].map((r, i) => [r, DEAL_HEADERS[i]])), stageColumns: [] },
    activities: { sheet: 'Activities', columns: { date: 'Date', manager: 'Manager', type: 'Type', result: 'Result' }, stageColumns: [] },
    leads: { sheet: 'Leads', columns: { created: 'Created', responded: 'Responded', manager: 'Manager' }, stageColumns: [] },
  };
  s.plans = [{ manager: 'Anna', touchesPerWeek: 2, dealsPerMonth: 0, revenuePerMonth: 0 }];
  return { ...s, ...overrides };
}

/** Eight November deals: 2 won (Anna), 2 lost, 4 open; one from October (outside the period). */
const DEALS: unknown[][] = [
  DEAL_HEADERS,
  ['D1', d(2), 'Acme', 'Anna', 'Paid', 'Won', 1000, d(12), d(12)],
  ['D2', d(3), 'Beta', 'Anna', 'Paid', 'Won', 3000, d(23), d(23)],
  ['D3', d(4), 'Acme', 'Boris', 'Meeting', 'Lost', 500, d(10), d(10)],
  ['D4', d(5), 'Gamma', 'Boris', 'Отказ', '', '', d(6), d(6)],
  ['D5', d(6), '=IMPORTXML("http://x","//a")', 'Boris', 'Proposal', 'Open', 700, '', d(1)],
  ['D6', d(7), 'Delta', 'Anna', 'Lead', 'Open', '', '', d(26)],
  ['D7', d(8), 'Eps', 'Anna', 'Meeting', 'Open', '', '', d(20)],
  ['D8', d(9), 'Zeta', 'Boris', 'Lead', 'Open', '', '', d(10)],
  ['D0', d(20, 10), 'Acme', 'Anna', 'Paid', 'Won', 2000, d(25, 10), d(25, 10)],
  ['', '', '', '', '', '', '', '', ''],
];
const ACTIVITIES: unknown[][] = [
  ['Date', 'Manager', 'Type', 'Result'],
  // Week of 2 Nov: Anna 2 effective (on plan); week of 9 Nov: 1 (off plan); week of 16 Nov: 3 (on plan).
  [d(2), 'Anna', 'Meeting', ''], [d(3), 'Anna', 'Call', 'Meeting scheduled'], [d(4), 'Anna', 'Call', 'No answer'],
  [d(10), 'Anna', 'Proposal sent', ''],
  [d(16), 'Anna', 'Demo', ''], [d(17), 'Anna', 'Invoice', ''], [d(18), 'Anna', 'Meeting', ''],
  [d(5), 'Boris', 'Call', ''],
];
const LEADS: unknown[][] = [
  ['Created', 'Responded', 'Manager'],
  [new Date(2026, 10, 20, 10, 0), new Date(2026, 10, 20, 10, 4), 'Anna'],
  [new Date(2026, 10, 20, 11, 0), new Date(2026, 10, 20, 11, 30), 'Boris'],
  [new Date(2026, 10, 27, 11, 55), '', 'Boris'],
  [new Date(2026, 10, 26, 11, 0), '', 'Anna'],
];

function figuresOf(options: { settings?: Settings; activities?: boolean; leads?: boolean; deals?: unknown[][]; now?: number } = {}): SummaryFigures {
  const settings = options.settings ?? settingsFor();
  const notes: SkipNote[] = [];
  const ctx = { order: () => 'dmy' as const, wallOf: zoneClock('UTC').wallOf, words: statusWords(), notes };
  const funnel = makeFunnel(settings.funnel, 'funnel');
  const now = options.now ?? NOW;
  return summaryFigures({
    deals: readDeals(options.deals ?? DEALS, settings.sources.deals!, funnel, ctx),
    activities: options.activities === false ? null : readActivities(ACTIVITIES, settings.sources.activities!, ctx),
    leads: options.leads === false ? null : readLeads(LEADS, settings.sources.leads!, ctx),
    reroutedAt: [wall(2026, 11, 20, 10, 15), wall(2026, 10, 1)],
    funnel,
    settings,
    range: periodRange(settings.period, now),
    now,
    notes,
  });
}

describe('summary figures', () => {
  const f = figuresOf();

  it('counts the funnel over deals created in the period, a won deal at every stage, "Отказ" at the first', () => {
    expect(f.deals).toBe(8);
    // Reached Meeting: D1, D2 (won), D3 (lost at Meeting), D5 (Proposal), D7 (Meeting).
    expect(f.funnel.map((s) => s.reached)).toEqual([8, 5, 3, 2]);
    expect(f.funnel[1]).toMatchObject({ step: 0.625, target: 0.5, status: 'on_track' });
    expect(f.funnel[2]).toMatchObject({ step: 0.6, target: 0.5, status: 'on_track' });
    expect(f.funnel[3].step).toBeCloseTo(2 / 3, 12);
    expect(f.funnel[3].status).toBe('off_track');
  });

  it('prices the leaks with the average won deal and marks the growth point', () => {
    expect(f.averageWon).toBe(2000);
    expect(f.leaks.map((l) => l.lost)).toEqual([3, 2, 1]);
    expect(f.leaks[0].lostValue).toBe(6000);
    // +5 pp on Lead→Meeting: 8 × 0.675 × 0.6 × 2/3 = 2.16 won instead of 2 → +0.16 × 2000.
    expect(f.leaks[0].gainAt5pp).toBeCloseTo(320, 9);
    // Meeting→Proposal: 5 × 0.65 × 2/3 = 2.1667 → +333.33; Proposal→Paid: 3 × 0.7167 = 2.15 → +300.
    expect(f.leaks[1].gainAt5pp).toBeCloseTo(1000 / 3, 9);
    expect(f.leaks[2].gainAt5pp).toBeCloseTo(300, 9);
    expect(f.leaks.filter((l) => l.growthPoint).map((l) => l.to)).toEqual(['Proposal']);
  });

  it('measures the cycle of won deals and lists stalled open deals, idlest first', () => {
    expect(f.cycle).toEqual({ mean: 15, median: 15, p90: 19, count: 2 });
    expect(f.stalled.count).toBe(2);
    expect(f.stalled.idlest.map((s) => [s.id, s.daysIdle])).toEqual([['D5', 26], ['D8', 17]]);
  });

  it('answers how fast leads are answered, the SLA breaches and re-routes in the period', () => {
    // Answered in 4 and 30 minutes; one unanswered for 5 minutes (pending), one for a day (breach).
    expect(f.leads).toMatchObject({ sla: 10, medianResponse: 17, breaches: 2, unanswered: 2, rerouted: 1 });
    expect(f.leads!.breachRate).toBeCloseTo(2 / 3, 12);
  });

  it('per manager: win rate over closed deals with its interval, touches, plan discipline', () => {
    const anna = f.managers.find((m) => m.name === 'Anna')!;
    expect(anna).toMatchObject({ deals: 4, won: 2, closed: 2, winRate: 1, effectiveTouches: 6, plan: 6, discipline: 2 / 3, meanCycle: 15, slaBreaches: 1 });
    expect(anna.planFact).toBe(1);
    const boris = f.managers.find((m) => m.name === 'Boris')!;
    expect(boris).toMatchObject({ deals: 4, won: 0, closed: 2, winRate: 0, plan: null, discipline: null, slaBreaches: 1 });
    expect(f.team.winRate).toBe(0.5);
    // Two closed deals each: the intervals are wide, so nobody is flagged.
    expect(f.managers.every((m) => m.flag === null)).toBe(true);
  });

  it('repeat sales: among clients who won in the period, those who had won before it', () => {
    // Acme won D0 in October: a repeat client in November; Beta is new.
    expect(f.repeat).toEqual({ clients: 2, rate: 0.5, revenueShare: 0.25 });
  });

  it('notes what was left out', () => {
    expect(f.notes).toEqual([
      { source: 'deals', reason: 'blank', rows: 1, column: 'Stage' },
      { source: 'deals', reason: 'lostUnknownStage', rows: 1, column: 'Stage' },
    ]);
  });

  it('an empty period gives zeros and blanks, not a crash', () => {
    const empty = figuresOf({ settings: settingsFor({ period: 'last_month' }), now: wall(2027, 6, 1) });
    expect(empty.deals).toBe(0);
    expect(empty.funnel.map((s) => s.reached)).toEqual([0, 0, 0, 0]);
    expect(empty.funnel.map((s) => s.total)).toEqual([null, null, null, null]);
    const model = summaryModel({ figures: empty, language: 'en', locale: 'en_US', now: wall(2027, 6, 1), sources: [] });
    expect(model.rows.flat().some((c) => c.value === 'No deals were created in this period.')).toBe(true);
  });

  it('works without activities and leads sources, and says what they would add', () => {
    const lean = figuresOf({ activities: false, leads: false });
    expect(lean.leads).toBeNull();
    expect(lean.managers[0].effectiveTouches).toBeNull();
    const text = summaryModel({ figures: lean, language: 'en', locale: 'en_US', now: NOW, sources: [] }).rows.flat().map((c) => c.value);
    expect(text).toContain('No leads source is set: map one in Settings to see response times and the SLA.');
    expect(text).toContain('No activities source is set: effective touches and plans need one.');
  });

  it('a deal with no created date belongs to no period, and a note says so', () => {
    const undated = figuresOf({ deals: [...DEALS.slice(0, -1), ['D9', '', 'Omega', 'Anna', 'Lead', '', '', '', '']] });
    expect(undated.deals).toBe(8);
    expect(undated.notes).toContainEqual({ source: 'deals', reason: 'noCreatedDate', rows: 1, column: 'Created' });
    const text = summaryModel({ figures: undated, language: 'en', locale: 'en_US', now: NOW, sources: [] }).rows.flat().map((c) => c.value);
    expect(text).toContain('Deals: 1 deals have no Created, so they belong to no period: they count only in "All time"');
  });

  it('a won deal closed before it was created is left out of the cycle, with a note', () => {
    const reversed = figuresOf({ deals: [...DEALS.slice(0, -1), ['D9', d(20), 'Omega', 'Anna', 'Paid', 'Won', 500, d(15), d(15)]] });
    expect(reversed.cycle.count).toBe(2);
    expect(reversed.notes).toContainEqual({ source: 'deals', reason: 'reversedDates', rows: 1, column: 'Closed' });
  });

  it('a manager seen only in the leads sheet is listed under the name as written', () => {
    const f2 = figuresOf({ deals: DEALS.map((r, i) => (i === 0 ? r : [...r.slice(0, 3), 'Anna', ...r.slice(4)])) });
    expect(f2.managers.map((m) => m.name).sort()).toEqual(['Anna', 'Boris']);
    expect(f2.managers.find((m) => m.name === 'Boris')).toMatchObject({ deals: 0, slaBreaches: 1 });
  });

  it('one manager is the team: no flag', () => {
    const one = figuresOf({ deals: DEALS.map((r, i) => (i === 0 ? r : [...r.slice(0, 3), 'Anna', ...r.slice(4)])) });
    expect(one.managers.filter((m) => m.deals > 0).map((m) => m.name)).toEqual(['Anna']);
    expect(one.managers[0].flag).toBeNull();
  });
});

describe('leak arithmetic', () => {
  it('a step nobody passed still shows what +5 pp there would bring', () => {
    const leaks = leakFigures(['A', 'B', 'C'], [10, 0, 0], 100);
    expect(leaks[0].gainAt5pp).toBe(0); // the step below is at 0 %, so nothing reaches the end
    expect(leakFigures(['A', 'B'], [10, 0], 100)[0].gainAt5pp).toBeCloseTo(50, 9);
  });
});

describe('the sheet model', () => {
  const f = figuresOf();
  const sources = [{ kind: 'deals' as const, sheet: 'Deals', rows: 10 }, { kind: 'activities' as const, sheet: null, rows: 0 }, { kind: 'leads' as const, sheet: 'Leads', rows: 4 }];

  it('has the eight sections in order, in English', () => {
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources });
    const sections = model.rows.filter((r) => r[0].background === COLOURS.section).map((r) => r[0].value);
    expect(sections).toEqual(['Funnel', 'Where money leaks', 'Deal cycle (won deals, days)', 'Stalled open deals (idle over 14 days)', 'Lead response', 'Managers', 'Repeat sales', 'Data notes']);
    expect(model.name).toBe('KPI Summary');
    expect(model.rows[0][0].value).toBe('Sales KPI summary');
    expect(model.rows[2][1].value).toBe('Deals: Deals (10 rows) · Activities: not set · Leads: Leads (4 rows)');
  });

  it('and in Russian, with roubles for a Russian spreadsheet', () => {
    const model = summaryModel({ figures: f, language: 'ru', locale: 'ru_RU', now: NOW, sources });
    expect(model.name).toBe('Сводка KPI');
    const cells = model.rows.flat();
    expect(cells.some((c) => c.value === 'Где теряются деньги')).toBe(true);
    expect(cells.some((c) => c.format === '#,##0 "₽"')).toBe(true);
  });

  it('colours each step by its target and marks data text as text', () => {
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources });
    const statuses = model.rows.flat().filter((c) => c.value === 'off track' || c.value === 'on track');
    expect(statuses.map((c) => [c.value, c.background])).toEqual([['on track', COLOURS.on_track], ['on track', COLOURS.on_track], ['off track', COLOURS.off_track]]);
    const injected = model.rows.flat().find((c) => c.value === '=IMPORTXML("http://x","//a")');
    expect(injected?.fromData).toBe(true);
    expect(model.charts.map((c) => c.type)).toEqual(['BAR', 'COLUMN']);
    expect(model.rows.every((r) => r.length === model.width)).toBe(true);
  });
});
