// Every figure of the KPI summary, computed from typed tables with the same metric code as the
// custom functions. Pure: tables + settings + now in, numbers out.
import { countReached, funnelRows, type FunnelRow } from '../metrics/funnel';
import { pairedDurations } from '../metrics/cycle';
import { addPeriod, discipline, emptyPlanTotals, planFactRatio } from '../metrics/plan';
import { slaOutcome } from '../metrics/response';
import { daysIdle, isStalled } from '../metrics/stalled';
import { compareToTeam, mean, statistic, wilsonInterval, type Interval } from '../metrics/stats';
import { effectiveMatcher, isEffectiveTouch } from '../metrics/touches';
import { minutesBetween, type WorkingHours } from '../metrics/workingHours';
import { workingHoursOf, type Settings } from '../settings/schema';
import { MS_PER_DAY } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import type { Funnel } from '../tracker/stages';
import type { ActivitiesTable, DealsTable, LeadsTable, SkipNote } from '../tracker/table';
import { inPeriod, weekStart, type PeriodRange } from './period';

export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | null;

export interface FunnelFigure extends FunnelRow {
  target: number | null;
  status: TargetStatus;
}

export interface LeakFigure {
  from: string;
  to: string;
  lost: number;
  lostValue: number;
  /** Revenue that +5 percentage points on this step would add, the steps below unchanged. */
  gainAt5pp: number;
  growthPoint: boolean;
}

export interface StalledDeal {
  id: string;
  client: string;
  manager: string;
  stage: string;
  daysIdle: number;
}

export interface ManagerFigure {
  name: string;
  deals: number;
  won: number;
  closed: number;
  winRate: number | null;
  interval: Interval | null;
  flag: 'above' | 'below' | null;
  meanCycle: number | null;
  /** null without an activities source (0 would claim nobody worked). */
  effectiveTouches: number | null;
  plan: number | null;
  planFact: number | null;
  discipline: number | null;
  medianResponse: number | null;
  /** null without a leads source. */
  slaBreaches: number | null;
}

export interface SummaryFigures {
  range: PeriodRange;
  deals: number;
  funnel: FunnelFigure[];
  averageWon: number | null;
  leaks: LeakFigure[];
  cycle: { mean: number | null; median: number | null; p90: number | null; count: number };
  stalled: { count: number; idlest: StalledDeal[]; days: number };
  leads: { sla: number; counted: boolean; medianResponse: number | null; breachRate: number | null; breaches: number; unanswered: number; rerouted: number } | null;
  managers: ManagerFigure[];
  team: { winRate: number | null };
  repeat: { rate: number | null; revenueShare: number | null; clients: number } | null;
  notes: SkipNote[];
  hasActivities: boolean;
}

export interface SummaryInput {
  deals: DealsTable;
  activities: ActivitiesTable | null;
  leads: LeadsTable | null;
  /** Wall times of leads re-routed by the lead watch (from its log), if any. */
  reroutedAt: number[];
  funnel: Funnel;
  settings: Settings;
  range: PeriodRange;
  now: number;
  notes: SkipNote[];
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * The deals the period is about: created in it (all deals when there are no created dates at
 * all). Deals without a created date cannot be placed in a period: they are counted in a note.
 */
function dealsInPeriod(input: SummaryInput): { rows: number[]; undated: number } {
  const { deals, range } = input;
  const rows: number[] = [];
  let undated = 0;
  const anyCreated = deals.created.some((c) => !Number.isNaN(c));
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    if (!anyCreated || range.from === -Infinity || inPeriod(deals.created[row], input.range)) rows.push(row);
    else if (Number.isNaN(deals.created[row])) undated++;
  }
  return { rows, undated };
}

function targetStatus(step: number | null, target: number | null): TargetStatus {
  if (step === null || target === null) return null;
  if (step >= target) return 'on_track';
  return step >= target - 0.05 ? 'at_risk' : 'off_track';
}

function funnelFigures(input: SummaryInput, rows: number[]): { funnel: FunnelFigure[]; reached: number[] } {
  const furthest = rows.map((r) => input.deals.furthest[r]);
  const counts = countReached(furthest, input.funnel.names.length);
  const figures = funnelRows(input.funnel.names, counts).map((row, i) => {
    const target = i === 0 ? null : (input.settings.targets[i - 1] ?? null);
    return { ...row, target, status: targetStatus(row.step, target) };
  });
  return { funnel: figures, reached: counts.reached };
}

/** Where money leaks: per step, deals lost × average won amount, and what +5 pp there would add. */
export function leakFigures(names: readonly string[], reached: readonly number[], averageWon: number): LeakFigure[] {
  const last = reached.length - 1;
  const won = reached[last];
  const leaks = names.slice(0, -1).map((from, i) => {
    const lost = reached[i] - reached[i + 1];
    const step = reached[i] > 0 ? reached[i + 1] / reached[i] : 0;
    let below = 1;
    for (let j = i + 1; j < last; j++) below *= reached[j] > 0 ? reached[j + 1] / reached[j] : 0;
    const improvedWon = reached[i] * Math.min(1, step + 0.05) * below;
    return { from, to: names[i + 1], lost, lostValue: lost * averageWon, gainAt5pp: Math.max(0, improvedWon - won) * averageWon, growthPoint: false };
  });
  let best = -1;
  leaks.forEach((l, i) => {
    if (l.gainAt5pp > 0 && (best === -1 || l.gainAt5pp > leaks[best].gainAt5pp)) best = i;
  });
  if (best >= 0) leaks[best].growthPoint = true;
  return leaks;
}

function wonAmounts(input: SummaryInput, rows: number[]): number[] {
  return rows.filter((r) => input.deals.status[r] === 'won' && input.deals.amount[r] > 0).map((r) => input.deals.amount[r]);
}

/** Days from created to closed of the won deals; those closed before they were created are counted apart. */
function cycleDays(input: SummaryInput, rows: number[]): { days: Float64Array; reversed: number } {
  const won = rows.filter((r) => input.deals.status[r] === 'won');
  const start = Float64Array.from(won, (r) => input.deals.created[r]);
  const end = Float64Array.from(won, (r) => input.deals.closed[r]);
  const { values, reversedSkipped } = pairedDurations(start, end, { skipInvalid: true, endArg: '' });
  return { days: values.map((ms) => ms / MS_PER_DAY), reversed: reversedSkipped };
}

function stalledFigures(input: SummaryInput): SummaryFigures['stalled'] {
  const { deals, now } = input;
  const days = input.settings.stalledDays;
  const idle: StalledDeal[] = [];
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    const last = deals.hasLastActivity && !Number.isNaN(deals.lastActivity[row]) ? deals.lastActivity[row] : deals.created[row];
    if (!isStalled(last, deals.status[row], now, days)) continue;
    idle.push({ id: deals.id[row], client: deals.client[row], manager: deals.manager[row], stage: deals.stage[row], daysIdle: Math.floor(daysIdle(last, now)) });
  }
  idle.sort((a, b) => b.daysIdle - a.daysIdle);
  return { count: idle.length, idlest: idle.slice(0, 10), days };
}

interface LeadStats {
  /** The manager's name as first written. */
  name: string;
  minutes: number[];
  breaches: number;
  counted: number;
  unanswered: number;
}

function leadStatsByManager(leads: LeadsTable, input: SummaryInput, hours: WorkingHours | null): Map<string, LeadStats> & { team: LeadStats } {
  const byManager = new Map<string, LeadStats>() as Map<string, LeadStats> & { team: LeadStats };
  const fresh = (name: string): LeadStats => ({ name, minutes: [], breaches: 0, counted: 0, unanswered: 0 });
  byManager.team = fresh('');
  const sla = input.settings.sla.minutes;
  for (let row = 0; row < leads.length; row++) {
    const created = leads.created[row];
    if (Number.isNaN(created) || !inPeriod(created, input.range)) continue;
    const key = nameKey(leads.manager[row]);
    let stats = byManager.get(key);
    if (!stats) byManager.set(key, (stats = fresh(leads.manager[row])));
    const responded = leads.responded[row];
    const outcome = slaOutcome(created, responded, input.now, sla, hours);
    for (const s of [stats, byManager.team]) {
      if (Number.isNaN(responded)) s.unanswered++;
      else s.minutes.push(minutesBetween(created, responded, hours));
      if (outcome === 'met' || outcome === 'breached') s.counted++;
      if (outcome === 'breached') s.breaches++;
    }
  }
  return byManager;
}

/** Weeks (Monday-based) inside the period that have ended by `now`: the periods plans are kept in. */
function completedWeeks(range: PeriodRange, now: number, firstActivity: number): number[] {
  const weeks: number[] = [];
  const from = Number.isFinite(range.from) ? range.from : firstActivity;
  if (!Number.isFinite(from)) return weeks;
  for (let w = weekStart(from) + (weekStart(from) < from ? 7 * MS_PER_DAY : 0); w + 7 * MS_PER_DAY <= Math.min(range.to, now + 1); w += 7 * MS_PER_DAY) weeks.push(w);
  return weeks;
}

function managerFigures(input: SummaryInput, rows: number[], leadStats: ReturnType<typeof leadStatsByManager> | null, teamRate: number | null): ManagerFigure[] {
  const { deals, activities, settings } = input;
  const display = new Map<string, string>();
  const see = (name: string) => {
    const key = nameKey(name);
    if (key && !display.has(key)) display.set(key, name);
    return key;
  };
  const dealStats = new Map<string, { deals: number; won: number; closed: number; cycles: number[] }>();
  for (const r of rows) {
    const key = see(deals.manager[r]);
    if (!key) continue;
    const s = dealStats.get(key) ?? { deals: 0, won: 0, closed: 0, cycles: [] };
    s.deals++;
    if (deals.status[r] !== 'open') s.closed++;
    if (deals.status[r] === 'won') {
      s.won++;
      const c = deals.closed[r] - deals.created[r];
      if (c >= 0) s.cycles.push(c / MS_PER_DAY);
    }
    dealStats.set(key, s);
  }

  const touches = new Map<string, number>();
  const weekly = new Map<string, Map<number, number>>();
  let firstActivity = Infinity;
  if (activities) {
    const matches = effectiveMatcher(settings.effectiveTouches);
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
  }
  const weeks = completedWeeks(input.range, input.now, firstActivity);
  const plans = new Map(settings.plans.map((p) => [see(p.manager), p]));
  if (leadStats) for (const stats of leadStats.values()) see(stats.name);

  return [...display.entries()]
    .map(([key, name]) => {
      const d = dealStats.get(key) ?? { deals: 0, won: 0, closed: 0, cycles: [] };
      const interval = d.closed > 0 ? wilsonInterval(d.won, d.closed) : null;
      const plan = plans.get(key);
      const totals = emptyPlanTotals();
      if (plan && plan.touchesPerWeek > 0) for (const w of weeks) addPeriod(totals, plan.touchesPerWeek, weekly.get(key)?.get(w) ?? 0);
      const leads = leadStats?.get(key);
      return {
        name,
        deals: d.deals,
        won: d.won,
        closed: d.closed,
        winRate: d.closed > 0 ? d.won / d.closed : null,
        interval,
        flag: interval && teamRate !== null ? compareToTeam(interval, teamRate) : null,
        meanCycle: orNull(mean(d.cycles)),
        effectiveTouches: activities ? (touches.get(key) ?? 0) : null,
        plan: plan && plan.touchesPerWeek > 0 && weeks.length ? totals.plan : null,
        planFact: orNull(planFactRatio(totals)),
        discipline: orNull(discipline(totals)),
        medianResponse: leads && leads.minutes.length ? statistic(leads.minutes, 'median') : null,
        slaBreaches: leadStats ? (leads?.breaches ?? 0) : null,
      };
    })
    .sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name));
}

/** Among clients who won in the period, the share who had won before it; and their share of the period's revenue. */
function repeatFigures(input: SummaryInput): SummaryFigures['repeat'] {
  const { deals, range } = input;
  if (!deals.client.some((c) => c !== '')) return null;
  const firstWin = new Map<string, number>();
  for (let row = 0; row < deals.length; row++) {
    if (deals.status[row] !== 'won' || !deals.client[row]) continue;
    const when = Number.isNaN(deals.closed[row]) ? deals.created[row] : deals.closed[row];
    const key = nameKey(deals.client[row]);
    const prev = firstWin.get(key);
    if (prev === undefined || when < prev) firstWin.set(key, Number.isNaN(when) ? -Infinity : when);
  }
  const periodClients = new Set<string>();
  let revenue = 0;
  let repeatRevenue = 0;
  const allTime = range.from === -Infinity;
  const winsInPeriod = new Map<string, number>();
  for (let row = 0; row < deals.length; row++) {
    if (deals.status[row] !== 'won' || !deals.client[row]) continue;
    const when = Number.isNaN(deals.closed[row]) ? deals.created[row] : deals.closed[row];
    if (!allTime && !inPeriod(when, range)) continue;
    const key = nameKey(deals.client[row]);
    periodClients.add(key);
    winsInPeriod.set(key, (winsInPeriod.get(key) ?? 0) + 1);
    revenue += deals.amount[row];
  }
  // All time: a repeat client has two or more wins. A period: one who had won before the period.
  const isRepeat = (key: string) => (allTime ? (winsInPeriod.get(key) ?? 0) >= 2 : (firstWin.get(key) ?? Infinity) < range.from);
  let repeatClients = 0;
  for (const key of periodClients) if (isRepeat(key)) repeatClients++;
  for (let row = 0; row < deals.length; row++) {
    if (deals.status[row] !== 'won' || !deals.client[row]) continue;
    const when = Number.isNaN(deals.closed[row]) ? deals.created[row] : deals.closed[row];
    if ((allTime || inPeriod(when, range)) && isRepeat(nameKey(deals.client[row]))) repeatRevenue += deals.amount[row];
  }
  return {
    clients: periodClients.size,
    rate: periodClients.size ? repeatClients / periodClients.size : null,
    revenueShare: revenue > 0 ? repeatRevenue / revenue : null,
  };
}

export function summaryFigures(input: SummaryInput): SummaryFigures {
  const { rows, undated } = dealsInPeriod(input);
  const cycle = cycleDays(input, rows);
  const columns = input.settings.sources.deals?.columns;
  const notes: SkipNote[] = [...input.notes];
  if (undated) notes.push({ source: 'deals', reason: 'noCreatedDate', rows: undated, column: columns?.created });
  if (cycle.reversed) notes.push({ source: 'deals', reason: 'reversedDates', rows: cycle.reversed, column: columns?.closed });
  const { funnel, reached } = funnelFigures(input, rows);
  const wonValues = wonAmounts(input, rows);
  const allWonValues = wonValues.length ? wonValues : wonAmounts(input, Array.from({ length: input.deals.length }, (_, i) => i));
  const averageWon = orNull(mean(allWonValues));
  const hours = workingHoursOf(input.settings);
  const leadStats = input.leads ? leadStatsByManager(input.leads, input, hours) : null;
  let closed = 0;
  let won = 0;
  for (const r of rows) {
    if (input.deals.status[r] !== 'open') closed++;
    if (input.deals.status[r] === 'won') won++;
  }
  const teamRate = closed > 0 ? won / closed : null;
  const team = leadStats?.team;
  return {
    range: input.range,
    deals: rows.length,
    funnel,
    averageWon,
    leaks: leakFigures(input.funnel.names, reached, averageWon ?? 0),
    cycle: {
      mean: orNull(mean(cycle.days)),
      median: orNull(statistic(cycle.days, 'median')),
      p90: orNull(statistic(cycle.days, 'p90')),
      count: cycle.days.length,
    },
    stalled: stalledFigures(input),
    leads: team
      ? {
          sla: input.settings.sla.minutes,
          counted: team.counted > 0,
          medianResponse: team.minutes.length ? statistic(team.minutes, 'median') : null,
          breachRate: team.counted ? team.breaches / team.counted : null,
          breaches: team.breaches,
          unanswered: team.unanswered,
          rerouted: input.reroutedAt.filter((t) => inPeriod(t, input.range)).length,
        }
      : null,
    managers: managerFigures(input, rows, leadStats, teamRate),
    team: { winRate: teamRate },
    repeat: repeatFigures(input),
    notes,
    hasActivities: input.activities !== null,
  };
}
