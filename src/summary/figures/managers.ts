// The summary's managers table: deals, win rate against the team, cycle, effective touches, plans and
// discipline, lead response — each figure from src/metrics.
import { completedWeeks, inPeriod, weekStart } from '../../metrics/calendar';
import { cycleDays } from '../../metrics/cycle';
import { winRate } from '../../metrics/funnel';
import { discipline, planFactRatio, weeklyPlanTotals } from '../../metrics/plan';
import { compareToTeam, mean, statistic, wilsonInterval } from '../../metrics/stats';
import { effectiveMatcher, isEffectiveTouch } from '../../metrics/touches';
import { nameKey } from '../../tracker/names';
import type { LeadStatsByManager } from './leads';
import type { ManagerFigure, SummaryInput } from './types';

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Effective touches per manager in the period, per manager per week, and the first one's date. */
function touchesByManager(input: SummaryInput, see: (name: string) => string) {
  const touches = new Map<string, number>();
  const weekly = new Map<string, Map<number, number>>();
  let firstActivity = Infinity;
  const { activities } = input;
  if (!activities) return { touches, weekly, firstActivity };
  const matches = effectiveMatcher(input.settings.effectiveTouches);
  for (let row = 0; row < activities.length; row++) {
    const date = activities.date[row];
    if (activities.type[row] === '' || !isEffectiveTouch(activities.type[row], activities.result[row], matches)) continue;
    if (!Number.isNaN(date)) firstActivity = Math.min(firstActivity, date);
    const key = see(activities.manager[row]);
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

export function managerFigures(input: SummaryInput, rows: number[], leadStats: LeadStatsByManager | null, teamRate: number | null): ManagerFigure[] {
  const { deals, activities, settings } = input;
  const display = new Map<string, string>();
  const see = (name: string) => {
    const key = nameKey(name);
    if (key && !display.has(key)) display.set(key, name);
    return key;
  };
  const rowsOf = new Map<string, number[]>();
  for (const r of rows) {
    const key = see(deals.manager[r]);
    if (!key) continue;
    const list = rowsOf.get(key);
    if (list) list.push(r);
    else rowsOf.set(key, [r]);
  }
  const { touches, weekly, firstActivity } = touchesByManager(input, see);
  const weeks = completedWeeks(input.range, input.now, firstActivity);
  const plans = new Map(settings.plans.map((p) => [see(p.manager), p]));
  if (leadStats) for (const stats of leadStats.values()) see(stats.name);

  return [...display.entries()]
    .map(([key, name]) => {
      const mine = rowsOf.get(key) ?? [];
      const { won, closed, rate } = winRate(mine.map((r) => deals.status[r]));
      const wonRows = mine.filter((r) => deals.status[r] === 'won');
      const cycle = cycleDays(Float64Array.from(wonRows, (r) => deals.created[r]), Float64Array.from(wonRows, (r) => deals.closed[r])).days;
      const interval = closed > 0 ? wilsonInterval(won, closed) : null;
      const plan = plans.get(key);
      const planned = plan && plan.touchesPerWeek > 0;
      const totals = weeklyPlanTotals(planned ? plan.touchesPerWeek : 0, planned ? weeks : [], (w) => weekly.get(key)?.get(w) ?? 0);
      const leads = leadStats?.get(key);
      return {
        name,
        deals: mine.length,
        won,
        closed,
        winRate: rate,
        interval,
        flag: interval && teamRate !== null ? compareToTeam(interval, teamRate) : null,
        meanCycle: orNull(mean(cycle)),
        effectiveTouches: activities ? (touches.get(key) ?? 0) : null,
        plan: planned && weeks.length ? totals.plan : null,
        planFact: orNull(planFactRatio(totals)),
        discipline: orNull(discipline(totals)),
        medianResponse: leads && leads.minutes.length ? statistic(leads.minutes, 'median') : null,
        slaBreaches: leadStats ? (leads?.breached ?? 0) : null,
      };
    })
    .sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name));
}
