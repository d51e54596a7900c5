// The KPI summary's figures and sheet model on small trackers computed by hand — no host.
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { summaryFigures, type SummaryFigures } from '../../src/summary/figures';
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
    deals: {
      sheet: 'Deals',
      columns: Object.fromEntries(
        ['id', 'created', 'client', 'manager', 'stage', 'status', 'amount', 'closed', 'last_activity'].map((r, i) => [r, DEAL_HEADERS[i]]),
      ),
      stageColumns: [],
    },
    activities: { sheet: 'Activities', columns: { date: 'Date', manager: 'Manager', type: 'Type', result: 'Result' }, stageColumns: [] },
    leads: { sheet: 'Leads', columns: { created: 'Created', responded: 'Responded', manager: 'Manager' }, stageColumns: [] },
    history: null,
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
  [d(2), 'Anna', 'Meeting', ''],
  [d(3), 'Anna', 'Call', 'Meeting scheduled'],
  [d(4), 'Anna', 'Call', 'No answer'],
  [d(10), 'Anna', 'Proposal sent', ''],
  [d(16), 'Anna', 'Demo', ''],
  [d(17), 'Anna', 'Invoice', ''],
  [d(18), 'Anna', 'Meeting', ''],
  [d(5), 'Boris', 'Call', ''],
];
const LEADS: unknown[][] = [
  ['Created', 'Responded', 'Manager'],
  [new Date(2026, 10, 20, 10, 0), new Date(2026, 10, 20, 10, 4), 'Anna'],
  [new Date(2026, 10, 20, 11, 0), new Date(2026, 10, 20, 11, 30), 'Boris'],
  [new Date(2026, 10, 27, 11, 55), '', 'Boris'],
  [new Date(2026, 10, 26, 11, 0), '', 'Anna'],
];

function figuresOf(
  options: { settings?: Settings; activities?: boolean; leads?: boolean; deals?: unknown[][]; now?: number; firstDay?: number } = {},
): SummaryFigures {
  const settings = options.settings ?? settingsFor();
  const notes: SkipNote[] = [];
  const ctx = { order: () => 'dmy' as const, wall: zoneClock('UTC'), words: statusWords(), notes };
  const funnel = makeFunnel(settings.funnel, 'funnel');
  const now = options.now ?? NOW;
  return summaryFigures({
    deals: readDeals(options.deals ?? DEALS, settings.sources.deals!, funnel, ctx),
    activities: options.activities === false ? null : readActivities(ACTIVITIES, settings.sources.activities!, ctx),
    leads: options.leads === false ? null : readLeads(LEADS, settings.sources.leads!, ctx),
    reroutedAt: [wall(2026, 11, 20, 10, 15), wall(2026, 10, 1)],
    escalatedAt: [wall(2026, 11, 20, 10, 45)],
    funnel,
    settings,
    range: periodRange(settings.period, now, options.firstDay ?? 1),
    now,
    notes,
    firstDay: options.firstDay ?? 1,
  });
}

describe('summary figures', () => {
  const f = figuresOf();

  it('counts the funnel over deals created in the period, a won deal at every stage, "Отказ" at the first', () => {
    expect(f.deals).toBe(8);
    // Reached Meeting: D1, D2 (won), D3 (lost at Meeting), D5 (Proposal), D7 (Meeting).
    expect(f.funnel.map((s) => s.reached)).toEqual([8, 5, 3, 2]);
    expect(f.funnel[1].step).toBe(0.625);
    expect(f.funnel[3].step).toBeCloseTo(2 / 3, 12);
  });

  it('tells open from lost at every stage: decided conversion leaves open deals out', () => {
    // Open: D6, D8 at Lead; D7 at Meeting; D5 at Proposal. Lost: D3 at Meeting; D4 ("Отказ") lost with no stage.
    expect(f.funnel.map((s) => s.open)).toEqual([2, 1, 1, 0]);
    expect(f.funnel.map((s) => s.lost)).toEqual([0, 1, 0, 0]);
    expect(f.lostUnknown).toBe(1);
    // Into Meeting 5/(5+0); into Proposal 3/(3+1); into Paid 2/(2+0): D5 still open is not a loss.
    expect(f.funnel.map((s) => s.decided)).toEqual([null, 1, 0.75, 1]);
    // Targets 50 %, 50 %, 90 % judged on decided conversion: Paid is on track although 2 of 3 reached it.
    expect(f.funnel.map((s) => s.status)).toEqual([null, 'on_track', 'on_track', 'on_track']);
  });

  it('prices the leaks with the average won deal, shows open deals beside them, and marks the growth point', () => {
    expect(f.averageWon).toBe(2000);
    expect(f.leaks.map((l) => l.lost)).toEqual([0, 1, 0]);
    expect(f.leaks.map((l) => l.open)).toEqual([2, 1, 1]);
    expect(f.leaks.map((l) => l.lostValue)).toEqual([0, 2000, 0]);
    // Only Meeting → Proposal is below 100 %: 4 decided × 5 pp × 1 (Proposal → Paid) × 2000 = 400.
    expect(f.leaks.map((l) => l.gainAt5pp)).toEqual([0, 400, 0]);
    expect(f.leaks.filter((l) => l.growthPoint).map((l) => l.to)).toEqual(['Proposal']);
  });

  it('weak links: manager × step decided conversion, thin steps never judged', () => {
    expect(f.weakLinks.steps).toEqual(['Lead → Meeting', 'Meeting → Proposal', 'Proposal → Paid']);
    expect(f.weakLinks.team).toEqual([1, 0.75, 1]);
    const boris = f.weakLinks.managers.find((m) => m.name === 'Boris')!;
    // Boris: D3 lost at Meeting, D5 moved on: 1 of 2 decided; Proposal → Paid nothing decided.
    expect(boris.cells.map((c) => c.conversion)).toEqual([1, 0.5, null]);
    expect(boris.cells.every((c) => c.thin && c.flag === null)).toBe(true);
    expect(boris.weakest).toBeNull();
  });

  it('headline: this month against the same days of October, and eight weeks of sparkline', () => {
    const h = f.headline;
    expect(f.previous).toEqual({ from: wall(2026, 10, 1), to: wall(2026, 10, 27, 12) + 1 });
    // Won in November: D1 1000 + D2 3000; in October D0 2000.
    expect(h.wonRevenue).toMatchObject({ current: 4000, previous: 2000 });
    expect(h.wonDeals).toMatchObject({ current: 2, previous: 1 });
    // Deals created in November: 2 won, 2 lost (D3, D4); in October D0 won.
    expect(h.winRate).toMatchObject({ current: 0.5, previous: 1 });
    expect(h.averageWon).toMatchObject({ current: 2000, previous: 2000 });
    // Open now: D5 (700), D6, D7, D8; on 27 October nothing was open (D0 closed on the 25th).
    expect(h.pipelineDeals).toMatchObject({ current: 4, previous: 0 });
    expect(h.pipelineValue).toMatchObject({ current: 700, previous: 0 });
    expect(h.meanCycle).toMatchObject({ current: 15, previous: 5 });
    expect(h.medianResponse).toMatchObject({ current: 17, previous: null });
    expect(h.breachRate.current).toBeCloseTo(2 / 3, 12);
    expect(h.effectiveTouches).toMatchObject({ current: 6, previous: 0 });
    // Weeks from Monday 5 Oct to Monday 23 Nov: D0 won Sunday 25 Oct, D1 Thursday 12 Nov, D2 Monday 23 Nov.
    expect(h.wonDeals.spark).toEqual([0, 0, 1, 0, 0, 1, 0, 1]);
    expect(h.effectiveTouches.spark).toEqual([0, 0, 0, 0, 2, 1, 3, 0]);
  });

  it('weeks starting on Sunday move a Sunday into the next week', () => {
    const us = figuresOf({ firstDay: 0 });
    // Sunday 25 Oct opens the week of 25 Oct; the buckets are the Sundays 4 Oct … 22 Nov.
    expect(us.headline.wonDeals.spark).toEqual([0, 0, 0, 1, 0, 1, 0, 1]);
  });

  it('across a period boundary: last month on 1 December is November against October', () => {
    const dec = figuresOf({ settings: settingsFor({ period: 'last_month' }), now: wall(2026, 12, 1, 0, 30) });
    expect(dec.range).toMatchObject({ from: wall(2026, 11, 1), to: wall(2026, 12, 1) });
    expect(dec.headline.wonRevenue).toMatchObject({ current: 4000, previous: 2000 });
    const early = figuresOf({ now: wall(2026, 12, 1, 0, 30) });
    expect(early.headline.wonRevenue).toMatchObject({ current: 0, previous: 0 });
    expect(early.headline.wonRevenue.spark.at(-1)).toBe(0);
    expect(early.headline.wonRevenue.spark.at(-2)).toBe(3000); // the week of 23 November
  });

  it('measures the cycle of won deals and lists stalled open deals, idlest first', () => {
    expect(f.cycle).toEqual({ mean: 15, median: 15, p90: 19, count: 2 });
    expect(f.stalled.count).toBe(2);
    expect(f.stalled.idlest.map((s) => [s.id, s.daysIdle])).toEqual([
      ['D5', 26],
      ['D8', 17],
    ]);
  });

  it('answers how fast leads are answered, the SLA breaches and re-routes in the period', () => {
    // Answered in 4 and 30 minutes; one unanswered for 5 minutes (pending), one for a day (breach).
    expect(f.leads).toMatchObject({ sla: 10, medianResponse: 17, breaches: 2, unanswered: 2, rerouted: 1, escalated: 1 });
    expect(f.leads!.breachRate).toBeCloseTo(2 / 3, 12);
  });

  it('per manager: win rate over closed deals with its interval, touches, plan discipline', () => {
    const anna = f.managers.find((m) => m.name === 'Anna')!;
    expect(anna).toMatchObject({
      deals: 4,
      won: 2,
      closed: 2,
      winRate: 1,
      wonRevenue: 4000,
      effectiveTouches: 6,
      touchPlan: 6,
      discipline: 2 / 3,
      meanCycle: 15,
      slaBreaches: 1,
    });
    expect(anna.touchPlanFact).toBe(1);
    expect(anna).toMatchObject({ revenuePlan: null, dealsPlan: null });
    const boris = f.managers.find((m) => m.name === 'Boris')!;
    expect(boris).toMatchObject({
      deals: 4,
      won: 0,
      closed: 2,
      winRate: 0,
      wonRevenue: 0,
      touchPlan: null,
      discipline: null,
      slaBreaches: 1,
    });
    expect(f.team).toMatchObject({ deals: 8, won: 2, winRate: 0.5, wonRevenue: 4000, touchPlan: 6, touchPlanFact: 1, effectiveTouches: 6 });
    expect(f.columns).toMatchObject({
      amount: true,
      activities: true,
      leads: true,
      revenuePlans: false,
      dealPlans: false,
      touchPlans: true,
    });
    // Two closed deals each: the intervals are wide, so nobody is flagged.
    expect(f.managers.every((m) => m.flag === null)).toBe(true);
  });

  it('repeat sales: among clients who won in the period, those who had won before it', () => {
    // Acme won D0 in October: a repeat client in November; Beta is new.
    expect(f.repeat).toEqual({ clients: 2, rate: 0.5, revenueShare: 0.25 });
  });

  it('notes what was left out', () => {
    expect(f.notes).toEqual([
      { source: 'deals', reason: 'blank', rows: 1, column: 'Stage', examples: [{ row: 11, value: null }] },
      { source: 'deals', reason: 'lostUnknownStage', rows: 1, column: 'Stage', examples: [{ row: 5, value: 'Отказ' }] },
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
    const text = summaryModel({ figures: lean, language: 'en', locale: 'en_US', now: NOW, sources: [] })
      .rows.flat()
      .map((c) => c.value);
    expect(text).toContain('No leads source is set: map one in Settings to see response times and the SLA.');
    expect(text).toContain('No activities source is set: effective touches and plans need one.');
  });

  it('a deal with no created date belongs to no period, and a note says so', () => {
    const undated = figuresOf({ deals: [...DEALS.slice(0, -1), ['D9', '', 'Omega', 'Anna', 'Lead', '', '', '', '']] });
    expect(undated.deals).toBe(8);
    expect(undated.notes).toContainEqual({ source: 'deals', reason: 'noCreatedDate', rows: 1, column: 'Created' });
    const text = summaryModel({ figures: undated, language: 'en', locale: 'en_US', now: NOW, sources: [] })
      .rows.flat()
      .map((c) => c.value);
    expect(text).toContain('Deals: 1 deal has no Created, so they belong to no period: they count only in "All time"');
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

describe('revenue and deal plans', () => {
  it('are prorated to the period so far; a plan for a name in no sheet is a note, not a row', () => {
    const plans = [
      { manager: 'Anna', touchesPerWeek: 0, dealsPerMonth: 3, revenuePerMonth: 6000 },
      { manager: 'Chloe Martn', touchesPerWeek: 10, dealsPerMonth: 0, revenuePerMonth: 0 },
    ];
    const planned = figuresOf({ settings: settingsFor({ plans }) });
    const anna = planned.managers.find((m) => m.name === 'Anna')!;
    // 1 Nov 00:00 – 27 Nov 12:00 is 26.5 of November's 30 days.
    const share = (26.5 * 86_400_000 + 1) / (30 * 86_400_000);
    expect(anna.revenuePlan).toBeCloseTo(6000 * share, 6);
    expect(anna.revenuePlanFact).toBeCloseTo(4000 / (6000 * share), 9);
    expect(anna.dealsPlanFact).toBeCloseTo(2 / (3 * share), 9);
    expect(planned.managers.map((m) => m.name)).not.toContain('Chloe Martn');
    expect(planned.notes).toContainEqual({
      source: 'settings',
      reason: 'phantomPlan',
      rows: 1,
      examples: [{ row: 0, value: 'Chloe Martn' }],
    });
    const text = summaryModel({ figures: planned, language: 'en', locale: 'en_US', now: NOW, sources: [] })
      .rows.flat()
      .map((c) => c.value);
    expect(text).toContain(
      'Settings: 1 plan is for a name found in no sheet, so it is not shown: check the spelling in Activity plans — "Chloe Martn"',
    );
  });
});

describe('the sheet model', () => {
  const f = figuresOf();
  const sources = [
    { kind: 'deals' as const, sheet: 'Deals', rows: 10 },
    { kind: 'activities' as const, sheet: null, rows: 0 },
    { kind: 'leads' as const, sheet: 'Leads', rows: 4 },
  ];

  it('has the fourteen sections in order, in English', () => {
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources });
    const sections = model.rows.filter((r) => r[0].background === COLOURS.section).map((r) => r[0].value);
    expect(sections).toEqual([
      'Headline',
      'Forecast',
      'Funnel',
      'Where money leaks',
      'Weak links: decided conversion per manager and step',
      'Deal cycle (deals won in the period, days)',
      'Time in stage',
      'Stalled open deals (idle over 14 days)',
      'Lead response',
      'Managers',
      'Repeat sales',
      'Loss reasons (lost deals created in the period)',
      'Cohorts: decided conversion lead → won by week created',
      'Managers: details',
      'Data notes',
    ]);
    expect(model.name).toBe('KPI Summary');
    expect(model.rows[0][0].value).toBe('Sales KPI summary');
    const label = (text: string) => model.rows.find((r) => r[0].value === text)!;
    expect(label('Compared with')[1].value).toBe('2026-10-01 – 2026-10-27');
    expect(label('Data sources')[1].value).toBe('Deals: Deals (10 rows) · Activities: not set · Leads: Leads (4 rows)');
  });

  it('the headline shows the previous period, the change coloured by which way is better, and a sparkline', () => {
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources });
    const row = (label: string) => model.rows.find((r) => r[0].value === label)!;
    const revenue = row('Won revenue, closed in period');
    expect(revenue.slice(1, 3).map((c) => c.value)).toEqual([4000, 2000]);
    expect(revenue[3]).toMatchObject({ value: 1, color: COLOURS.above });
    // Weekly won revenue 0, 0, 2000, 0, 0, 1000, 0, 3000 scaled to eight steps.
    expect(revenue[4].value).toBe('▁▁▆▁▁▃▁█');
    // A longer cycle is worse: 15 days against 5 is red.
    expect(row('Mean cycle, won in period, days')[3]).toMatchObject({ value: 2, color: COLOURS.below });
    // Rates change in percentage points: 50 % against 100 % is −50 pp.
    expect(row('Win rate (won ÷ closed, deals created in the period)')[3]).toMatchObject({ value: -50, color: COLOURS.below });
  });

  it('the funnel says where lost deals with no stage are, and how to place them', () => {
    const text = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources })
      .rows.flat()
      .map((c) => c.value);
    expect(text).toContain('1 lost deal has no stage recorded and is counted at no step.');
    expect(text).toContain(
      'To place them, add the stage history (Settings › Where is my data › Stage history; npm start -- --history FILE) or map a "lost at stage" column.',
    );
  });

  it("leaves out the managers' columns of sources that are not mapped, and the touch chart with them", () => {
    const lean = figuresOf({ activities: false, leads: false });
    const model = summaryModel({ figures: lean, language: 'en', locale: 'en_US', now: NOW, sources });
    const headers = model.rows
      .filter((r) => r[0].value === 'Manager' && r[1].value === 'Deals created in the period')
      .map((r) => r.map((c) => c.value).filter((v) => v !== null));
    // At a glance first; every column in the details block lower down.
    expect(headers).toEqual([
      ['Manager', 'Deals created in the period', 'Of these, won', 'Win rate (of these)', 'vs team', 'Revenue, closed in period'],
      [
        'Manager',
        'Deals created in the period',
        'Of these, won',
        'Win rate (of these)',
        '95% interval',
        'vs team',
        'Revenue, closed in period',
        'Mean cycle, won in period, days',
      ],
    ]);
    expect(model.charts.map((c) => c.title)).toEqual(['Deals reaching each stage', 'Revenue won by manager']);
    const team = model.rows.find((r) => r[0].value === 'Team' && r[1].value === 8)!;
    expect(team.slice(0, 3).map((c) => c.value)).toEqual(['Team', 8, 2]);
  });

  it("and in Russian, with the data's currency over the locale's, and plural forms", () => {
    const model = summaryModel({
      figures: f,
      language: 'ru',
      locale: 'ru_RU',
      now: NOW,
      sources: [{ kind: 'deals', sheet: 'Сделки', rows: 62 }],
      dataCurrency: { format: '"$"#,##0.00', text: '' },
    });
    expect(model.name).toBe('Сводка KPI');
    const cells = model.rows.flat();
    expect(cells.some((c) => c.value === 'Где теряются деньги')).toBe(true);
    expect(cells.some((c) => c.format === '"$"#,##0')).toBe(true);
    expect(cells.some((c) => c.format === '#,##0 "₽"')).toBe(false);
    expect(cells.some((c) => c.value === 'Сделки: Сделки (62 строки)')).toBe(true);
    expect(cells.some((c) => c.value === '1 проигранная сделка без этапа: не отнесена ни к одному шагу.')).toBe(true);
  });

  it('colours each step by its target and marks data text as text', () => {
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources });
    const statuses = model.rows.flat().filter((c) => c.value === 'off track' || c.value === 'on track');
    expect(statuses.map((c) => [c.value, c.background])).toEqual([
      ['on track', COLOURS.on_track],
      ['on track', COLOURS.on_track],
      ['on track', COLOURS.on_track],
    ]);
    const injected = model.rows.flat().find((c) => c.value === '=IMPORTXML("http://x","//a")');
    expect(injected?.fromData).toBe(true);
    expect(model.charts.map((c) => c.type)).toEqual(['BAR', 'COLUMN']);
    expect(model.rows.every((r) => r.length === model.width)).toBe(true);
  });
});
