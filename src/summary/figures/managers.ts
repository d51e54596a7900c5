// The summary's managers table: deals, win rate against the team, revenue and plans, cycle, effective
// touches and discipline, lead response — each figure from src/metrics.
import { completedWeeks, inPeriod, weekStart, type Span } from '../../metrics/calendar';
import { winRate } from '../../metrics/funnel';
import { proratedPlan } from '../../metrics/money';
import { discipline, planFactRatio, weeklyPlanTotals } from '../../metrics/plan';
import { compareToTeam, mean, orNull, statistic, wilsonInterval } from '../../metrics/stats';
import { nameKey } from '../../tracker/names';
import type { SkipNote } from '../../tracker/table';
import { wonCycleDays } from './deals';
import type { LeadStatsByManager } from './leads';
import type { ManagerFigure, SummaryFigures, SummaryInput } from './types';

const ratio = (fact: number, plan: number | null) => (plan && plan > 0 ? fact / plan : null);

/** Effective touches per manager in the period, per manager per week, and the first one's date. */
function touchesByManager(input: SummaryInput, effective: Uint8Array | null, see: (name: string) => string) {
  const touches = new Map<string, number>();
  const weekly = new Map<string, Map<number, number>>();
  let firstActivity = Infinity;
  const { activities } = input;
  if (!activities || !effective) return { touches, weekly, firstActivity };
  for (let row = 0; row < activities.length; row++) {
    const key = see(activities.manager[row]);
    if (!effective[row]) continue;
    const date = activities.date[row];
    if (!Number.isNaN(date)) firstActivity = Math.min(firstActivity, date);
    if (!key) continue;
    if (Number.isNaN(date) || inPeriod(date, input.range)) touches.set(key, (touches.get(key) ?? 0) + 1);
    if (!Number.isNaN(date)) {
      const perWeek = weekly.get(key) ?? new Map<number, number>();
      perWeek.set(weekStart(date), (perWeek.get(weekStart(date)) ?? 0) + 1);
      weekly.set(key, perWeek);
    }
  }
  return { touches, weekly, firstActivity };
}

/** The period as days the plans are prorated over: all time starts at the first deal. */
function planSpan(input: SummaryInput): Span {
  let from = input.range.from;
  if (!Number.isFinite(from)) {
    from = Infinity;
    for (const c of input.deals.created) if (c < from) from = c;
  }
  return { from, to: Math.min(input.range.to, input.now + 1) };
}

export interface ManagersResult {
  managers: ManagerFigure[];
  team: SummaryFigures['team'];
  columns: Pick<SummaryFigures['columns'], 'revenuePlans' | 'dealPlans' | 'touchPlans'>;
  notes: SkipNote[];
}

/** What the summary already knows of the whole team: its win rate (period's deals) and the cycle of the deals it won. */
export interface TeamFacts {
  win: { won: number; closed: number; rate: number | null };
  meanCycle: number | null;
}

export function managerFigures(input: SummaryInput, rows: number[], won: number[], effective: Uint8Array | null, leadStats: LeadStatsByManager | null, teamFacts: TeamFacts): ManagersResult {
  const teamRate = teamFacts.win.rate;
  const { deals, activities, leads, settings } = input;
  const display = new Map<string, string>();
  // Trackers repeat a handful of names: each distinct spelling is folded once.
  const keyOf = new Map<string, string>();
  const see = (name: string) => {
    let key = keyOf.get(name);
    if (key === undefined) {
      keyOf.set(name, (key = nameKey(name)));
      if (key && !display.has(key)) display.set(key, name);
    }
    return key;
  };
  const group = (list: number[]) => {
    const out = new Map<string, number[]>();
    for (const r of list) {
      const key = see(deals.manager[r]);
      if (!key) continue;
      const mine = out.get(key);
      if (mine) mine.push(r);
      else out.set(key, [r]);
    }
    return out;
  };
  const rowsOf = group(rows);
  const wonOf = group(won);
  const { touches, weekly, firstActivity } = touchesByManager(input, effective, see);
  const weeks = completedWeeks(input.range, input.now, firstActivity);
  if (leadStats) for (const stats of leadStats.values()) see(stats.name);

  // A plan counts for a manager found anywhere in the data; any other name is a data note, not a row.
  // The whole sheets are searched only for a plan whose manager did nothing in the period.
  let known: Set<string> | null = null;
  const foundAnywhere = (key: string) => {
    if (display.has(key)) return true;
    if (!known) {
      const spellings = new Set<string>();
      for (const list of [deals.manager, activities?.manager ?? [], leads?.manager ?? []]) for (const m of list) spellings.add(m);
      known = new Set<string>();
      for (const m of spellings) if (m) known.add(nameKey(m));
    }
    return known.has(key);
  };
  const plans = new Map<string, (typeof settings.plans)[number]>();
  const phantom: SkipNote = { source: 'settings', reason: 'phantomPlan', rows: 0, examples: [] };
  for (const p of settings.plans) {
    const key = nameKey(p.manager);
    if (foundAnywhere(key)) {
      plans.set(key, p);
      see(p.manager);
    } else if (p.touchesPerWeek > 0 || p.dealsPerMonth > 0 || p.revenuePerMonth > 0) {
      phantom.rows++;
      if (phantom.examples!.length < 3) phantom.examples!.push({ row: 0, value: p.manager });
    }
  }
  const span = planSpan(input);

  // What was done against each kind of plan, by the managers who have one (the Team row's fact/plan).
  const planned = { revenue: 0, deals: 0, touches: 0 };
  const managers = [...display.entries()].map(([key, name]): ManagerFigure => {
    const mine = rowsOf.get(key) ?? [];
    const wonRows = wonOf.get(key) ?? [];
    const { won, closed, rate } = winRate(mine.map((r) => deals.status[r]));
    const interval = closed > 0 ? wilsonInterval(won, closed) : null;
    const plan = plans.get(key);
    const touchPlanned = plan && plan.touchesPerWeek > 0;
    const totals = weeklyPlanTotals(touchPlanned ? plan.touchesPerWeek : 0, touchPlanned ? weeks : [], (w) => weekly.get(key)?.get(w) ?? 0);
    const lead = leadStats?.get(key);
    let revenue = 0;
    for (const r of wonRows) revenue += deals.amount[r];
    const revenuePlan = plan && plan.revenuePerMonth > 0 ? proratedPlan(plan.revenuePerMonth, span) : null;
    const dealsPlan = plan && plan.dealsPerMonth > 0 ? proratedPlan(plan.dealsPerMonth, span) : null;
    const touchPlan = touchPlanned && weeks.length ? totals.plan : null;
    if (revenuePlan !== null) planned.revenue += revenue;
    if (dealsPlan !== null) planned.deals += wonRows.length;
    if (touchPlan !== null) planned.touches += totals.fact;
    return {
      name,
      deals: mine.length,
      won,
      closed,
      winRate: rate,
      interval,
      flag: interval && teamRate !== null ? compareToTeam(interval, teamRate) : null,
      wonRevenue: revenue,
      revenuePlan,
      revenuePlanFact: ratio(revenue, revenuePlan),
      dealsPlan,
      dealsPlanFact: ratio(wonRows.length, dealsPlan),
      meanCycle: orNull(mean(wonCycleDays(input, wonRows).days)),
      effectiveTouches: activities ? (touches.get(key) ?? 0) : null,
      touchPlan,
      touchPlanFact: orNull(planFactRatio(totals)),
      discipline: orNull(discipline(totals)),
      medianResponse: lead?.minutes.length ? statistic(lead.minutes, 'median') : null,
      slaBreaches: leadStats ? (lead?.breached ?? 0) : null,
    };
  });
  managers.sort((a, b) => b.deals - a.deals || b.wonRevenue - a.wonRevenue || a.name.localeCompare(b.name));

  const sum = (pick: (m: ManagerFigure) => number | null) => {
    let total: number | null = null;
    for (const m of managers) {
      const v = pick(m);
      if (v !== null) total = (total ?? 0) + v;
    }
    return total;
  };
  let teamRevenue = 0;
  for (const r of won) teamRevenue += deals.amount[r];
  const revenuePlan = sum((m) => m.revenuePlan);
  const dealsPlan = sum((m) => m.dealsPlan);
  const touchPlan = sum((m) => m.touchPlan);
  const team = {
    deals: rows.length,
    won: teamFacts.win.won,
    closed: teamFacts.win.closed,
    winRate: teamRate,
    wonRevenue: teamRevenue,
    revenuePlan,
    revenuePlanFact: ratio(planned.revenue, revenuePlan),
    dealsPlan,
    dealsPlanFact: ratio(planned.deals, dealsPlan),
    meanCycle: teamFacts.meanCycle,
    effectiveTouches: activities ? sum((m) => m.effectiveTouches) : null,
    touchPlan,
    touchPlanFact: ratio(planned.touches, touchPlan),
    discipline: null,
    medianResponse: leadStats?.team.minutes.length ? statistic(leadStats.team.minutes, 'median') : null,
    slaBreaches: leadStats ? leadStats.team.breached : null,
  };
  return {
    managers,
    team,
    columns: { revenuePlans: revenuePlan !== null, dealPlans: dealsPlan !== null, touchPlans: touchPlan !== null },
    notes: phantom.rows ? [phantom] : [],
  };
}
