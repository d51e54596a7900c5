// One row of the managers table and its Team row: each figure of a manager from what they did and
// were planned (src/summary/figures/managers.ts gathers those), fact/plan only against a plan.
import type { Span } from '../../metrics/calendar';
import { winRate } from '../../metrics/funnel';
import { proratedPlan } from '../../metrics/money';
import { discipline, planFactRatio, weeklyPlanTotals } from '../../metrics/plan';
import { compareToTeam, mean, orNull, statistic, wilsonInterval } from '../../metrics/stats';
import { wonCycleDays } from './deals';
import type { LeadStatsByManager } from './leads';
import type { ManagerFigure, SummaryFigures, SummaryInput } from './types';

/** What the summary already knows of the whole team: its win rate (period's deals) and the cycle of the deals it won. */
export interface TeamFacts {
  win: { won: number; closed: number; rate: number | null };
  meanCycle: number | null;
}

export type Plan = SummaryInput['settings']['plans'][number];

export const ratio = (fact: number, plan: number | null) => (plan && plan > 0 ? fact / plan : null);

/** What one manager did and was planned, and what of it counts towards the Team row's fact/plan. */
export interface ManagerInputs {
  input: SummaryInput;
  rows: number[];
  won: number[];
  plan: Plan | undefined;
  weeks: number[];
  weekly: Map<number, number> | undefined;
  touches: number;
  lead: ReturnType<LeadStatsByManager['get']> | undefined;
  leadsKnown: boolean;
  span: Span;
  teamRate: number | null;
}

/** What was done against each kind of plan, by the managers who have one (the Team row's fact/plan). */
export interface PlannedFacts {
  revenue: number;
  deals: number;
  touches: number;
}

export function managerRow(name: string, m: ManagerInputs, planned: PlannedFacts): ManagerFigure {
  const { input, plan } = m;
  const { deals, activities } = input;
  const { won, closed, rate } = winRate(m.rows.map((r) => deals.status[r]));
  const interval = closed > 0 ? wilsonInterval(won, closed) : null;
  const touchPlanned = plan && plan.touchesPerWeek > 0;
  const totals = weeklyPlanTotals(touchPlanned ? plan.touchesPerWeek : 0, touchPlanned ? m.weeks : [], (w) => m.weekly?.get(w) ?? 0);
  let revenue = 0;
  for (const r of m.won) revenue += deals.amount[r];
  const revenuePlan = plan && plan.revenuePerMonth > 0 ? proratedPlan(plan.revenuePerMonth, m.span) : null;
  const dealsPlan = plan && plan.dealsPerMonth > 0 ? proratedPlan(plan.dealsPerMonth, m.span) : null;
  const touchPlan = touchPlanned && m.weeks.length ? totals.plan : null;
  if (revenuePlan !== null) planned.revenue += revenue;
  if (dealsPlan !== null) planned.deals += m.won.length;
  if (touchPlan !== null) planned.touches += totals.fact;
  return {
    name,
    deals: m.rows.length,
    won,
    closed,
    winRate: rate,
    interval,
    flag: interval && m.teamRate !== null ? compareToTeam(interval, m.teamRate) : null,
    wonRevenue: revenue,
    revenuePlan,
    revenuePlanFact: ratio(revenue, revenuePlan),
    dealsPlan,
    dealsPlanFact: ratio(m.won.length, dealsPlan),
    meanCycle: orNull(mean(wonCycleDays(input, m.won).days)),
    effectiveTouches: activities ? m.touches : null,
    touchPlan,
    touchPlanFact: orNull(planFactRatio(totals)),
    discipline: orNull(discipline(totals)),
    medianResponse: m.lead?.minutes.length ? statistic(m.lead.minutes, 'median') : null,
    slaBreaches: m.leadsKnown ? (m.lead?.breached ?? 0) : null,
  };
}

/** The Team row: the period's deals and wins, and fact/plan over the managers who have a plan. */
export function teamRow(
  input: SummaryInput,
  managers: ManagerFigure[],
  rows: number[],
  won: number[],
  planned: PlannedFacts,
  leadStats: LeadStatsByManager | null,
  teamFacts: TeamFacts,
): SummaryFigures['team'] {
  const sum = (pick: (m: ManagerFigure) => number | null) => {
    let total: number | null = null;
    for (const m of managers) {
      const v = pick(m);
      if (v !== null) total = (total ?? 0) + v;
    }
    return total;
  };
  let teamRevenue = 0;
  for (const r of won) teamRevenue += input.deals.amount[r];
  const revenuePlan = sum((m) => m.revenuePlan);
  const dealsPlan = sum((m) => m.dealsPlan);
  const touchPlan = sum((m) => m.touchPlan);
  return {
    deals: rows.length,
    won: teamFacts.win.won,
    closed: teamFacts.win.closed,
    winRate: teamFacts.win.rate,
    wonRevenue: teamRevenue,
    revenuePlan,
    revenuePlanFact: ratio(planned.revenue, revenuePlan),
    dealsPlan,
    dealsPlanFact: ratio(planned.deals, dealsPlan),
    meanCycle: teamFacts.meanCycle,
    effectiveTouches: input.activities ? sum((m) => m.effectiveTouches) : null,
    touchPlan,
    touchPlanFact: ratio(planned.touches, touchPlan),
    discipline: null,
    medianResponse: leadStats?.team.minutes.length ? statistic(leadStats.team.minutes, 'median') : null,
    slaBreaches: leadStats ? leadStats.team.breached : null,
  };
}
